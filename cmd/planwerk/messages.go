package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/web"
)

// german translates message ids for the command line, which speaks German:
// its texts come from web/locales like the pages'.
type german struct{ loc *i18n.Localizer }

func newGerman() (german, error) {
	bundle := i18n.NewBundle(language.German)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	files, err := fs.Glob(web.Locales, "locales/*.de.json")
	if err != nil {
		return german{}, err
	}
	for _, f := range files {
		if _, err := bundle.LoadMessageFileFS(web.Locales, f); err != nil {
			return german{}, fmt.Errorf("%s: %w", f, err)
		}
	}
	return german{loc: i18n.NewLocalizer(bundle, "de")}, nil
}

// T is the German text of id with args (name/value pairs) filled in.
func (g german) T(id string, args ...any) string {
	data := map[string]any{}
	for i := 0; i+1 < len(args); i += 2 {
		data[fmt.Sprint(args[i])] = args[i+1]
	}
	msg, err := g.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return id
	}
	return msg
}

// Error is what the operator reads for a refused command: the German message
// of its id (a …Thing argument named by error.thing.*), else its developer
// text; internal errors keep their details, which the operator needs.
func (g german) Error(err error) error {
	var de *domain.Error
	if !errors.As(err, &de) || de.Code == domain.CodeInternal || de.Key == "" {
		return err
	}
	args := append([]any(nil), de.Args...)
	for i := 0; i+1 < len(args); i += 2 {
		if strings.HasSuffix(fmt.Sprint(args[i]), "Thing") {
			args[i+1] = g.T("error.thing." + fmt.Sprint(args[i+1]))
		}
	}
	return errors.New(g.T(de.Key, args...))
}
