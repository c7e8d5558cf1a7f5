// Package mailtext renders notifications and the weekly digest as e-mails
// (subject, plain text, HTML) in the recipient's language, from the same
// message files as the pages (web/locales; the mail's own in mail.*.json).
// It is pure: no database, no network.
package mailtext

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/planwerk/planwerk/web"
)

// tr speaks one language.
type tr struct {
	lang string
	loc  *i18n.Localizer
}

func loadBundle() (*i18n.Bundle, error) {
	bundle := i18n.NewBundle(language.German)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	files, err := fs.Glob(web.Locales, "locales/*.json")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if _, err := bundle.LoadMessageFileFS(web.Locales, f); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
	}
	return bundle, nil
}

// T translates a message; args are name/value pairs. A missing message
// shows as its id (the tests render every kind in both languages).
func (t tr) T(id string, args ...any) string { return t.n(id, -1, args...) }

// N is T with the one/other form chosen by count.
func (t tr) N(id string, count int, args ...any) string { return t.n(id, count, args...) }

func (t tr) n(id string, count int, args ...any) string {
	data := map[string]any{}
	for i := 0; i+1 < len(args); i += 2 {
		data[fmt.Sprint(args[i])] = args[i+1]
	}
	cfg := &i18n.LocalizeConfig{MessageID: id, TemplateData: data}
	if count >= 0 {
		data["Count"] = count
		cfg.PluralCount = count
	}
	msg, err := t.loc.Localize(cfg)
	if err != nil {
		return id
	}
	return msg
}

// Date formats a YYYY-MM-DD day as the pages do: 25.11.2026 or 25 Nov 2026.
func (t tr) Date(day string) string {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return t.DateOf(d)
}

// DateOf formats a date.
func (t tr) DateOf(d time.Time) string {
	if t.lang == "en" {
		return d.Format("2 Jan 2006")
	}
	return d.Format("02.01.2006")
}
