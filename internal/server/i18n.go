package server

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/web"
)

// Languages the UI speaks; German first, as the default.
var languages = []string{"de", "en"}

const langCookie = "planwerk_lang"

// loadMessages reads every web/locales/*.json file. A malformed file, or a
// message that exists in one language only, stops the program at start.
func loadMessages() (*i18n.Bundle, map[string]map[string]string, error) {
	bundle := i18n.NewBundle(language.German)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	files, err := fs.Glob(web.Locales, "locales/*.json")
	if err != nil {
		return nil, nil, err
	}
	ids := map[string]map[string]bool{}
	plain := map[string]map[string]string{}
	for _, f := range files {
		mf, err := bundle.LoadMessageFileFS(web.Locales, f)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", f, err)
		}
		lang := mf.Tag.String()
		if plain[lang] == nil {
			plain[lang] = map[string]string{}
		}
		for _, m := range mf.Messages {
			if ids[m.ID] == nil {
				ids[m.ID] = map[string]bool{}
			}
			ids[m.ID][lang] = true
			if m.One == "" && m.Few == "" && m.Many == "" && !strings.Contains(m.Other, "{{") {
				plain[lang][m.ID] = m.Other
			}
		}
	}
	for id, langs := range ids {
		for _, l := range languages {
			if !langs[l] {
				return nil, nil, fmt.Errorf("message %q has no %s translation in web/locales", id, l)
			}
		}
	}
	return bundle, plain, nil
}

// langOf is the language chosen with the switch in the header, remembered in
// a cookie; German otherwise.
func langOf(r *http.Request) string {
	if c, err := r.Cookie(langCookie); err == nil && c.Value == "en" {
		return "en"
	}
	return "de"
}

// setLanguage remembers the chosen language for a year and goes back.
func (s *Server) setLanguage(c *gin.Context) {
	lang := c.PostForm("lang")
	if lang != "en" {
		lang = "de"
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		SameSite: http.SameSiteLaxMode, Secure: strings.HasPrefix(s.opts.PublicURL, "https://")})
	c.Redirect(http.StatusSeeOther, domain.SafeNext(c.PostForm("next")))
}

// translator speaks one language for one request.
type translator struct {
	lang string
	loc  *i18n.Localizer
	// plain holds the messages without placeholders, looked up directly: a
	// workspace at Land scale asks for over a thousand of them per page.
	plain map[string]string
	// log receives the errors ErrorText cannot explain (nil: slog.Default).
	log *slog.Logger
}

func (s *Server) translatorFor(r *http.Request) translator {
	lang := langOf(r)
	return translator{lang: lang, loc: i18n.NewLocalizer(s.messages, lang), plain: s.plainMessages[lang], log: s.log}
}

// T translates a message; args are name/value pairs for its placeholders
// ({{.Name}}). An unknown id shows as the id itself, which the template test
// catches before it ships.
func (t translator) T(id string, args ...any) string {
	if len(args) == 0 {
		if msg, ok := t.plain[id]; ok {
			return msg
		}
	}
	data := map[string]any{}
	for i := 0; i+1 < len(args); i += 2 {
		data[fmt.Sprint(args[i])] = args[i+1]
	}
	msg, err := t.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return id
	}
	return msg
}

// N chooses between the one and other form of a message by count.
func (t translator) N(id string, count int, args ...any) string {
	data := map[string]any{"Count": count}
	for i := 0; i+1 < len(args); i += 2 {
		data[fmt.Sprint(args[i])] = args[i+1]
	}
	msg, err := t.loc.Localize(&i18n.LocalizeConfig{MessageID: id, PluralCount: count, TemplateData: data})
	if err != nil {
		return id
	}
	return msg
}

// Date formats a date: 25.11.2026 in German, 25 Nov 2026 in English.
func (t translator) Date(d time.Time) string {
	if t.lang == "en" {
		return d.Format("2 Jan 2006")
	}
	return d.Format("02.01.2006")
}

// DateTime formats an instant in the users' time zone.
func (t translator) DateTime(d time.Time) string {
	if t.lang == "en" {
		return d.In(berlin).Format("2 Jan 2006, 15:04")
	}
	return d.In(berlin).Format("02.01.2006, 15:04") + " Uhr"
}

// Percent formats a share: "40 %" in German (with a narrow space), "40%" in English.
func (t translator) Percent(n int) string {
	if t.lang == "en" {
		return fmt.Sprintf("%d%%", n)
	}
	return fmt.Sprintf("%d\u202f%%", n)
}

// Lang is the page's language, for <html lang>.
func (t translator) Lang() string { return t.lang }
