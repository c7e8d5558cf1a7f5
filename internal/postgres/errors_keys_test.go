package postgres_test

import (
	"encoding/json"
	"errors"
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/web"
)

// errorMessages reads web/locales/errors.<lang>.json.
func errorMessages(t *testing.T, lang string) map[string]string {
	t.Helper()
	return messages(t, "errors", lang)
}

// messages reads web/locales/<file>.<lang>.json.
func messages(t *testing.T, file, lang string) map[string]string {
	t.Helper()
	b, err := fs.ReadFile(web.Locales, "locales/"+file+"."+lang+".json")
	if err != nil {
		t.Fatal(err)
	}
	var all map[string]any // plural messages are objects: not needed here
	if err := json.Unmarshal(b, &all); err != nil {
		t.Fatal(err)
	}
	msgs := map[string]string{}
	for id, m := range all {
		if text, ok := m.(string); ok {
			msgs[id] = text
		}
	}
	return msgs
}

// thingUse finds the things the store passes to translate: translate(err, "municipality").
var thingUse = regexp.MustCompile(`translate\([^,()]+(?:\([^()]*\))?,\s*"([^"]+)"\)`)

// TestEveryTranslatedStoreErrorHasAMessageID: for every thing the store
// passes to translate, a duplicate comes back with a message id and a thing
// that web/locales names in both languages; a bad value, a missing reference,
// a missing row and an outage come back with message ids both languages know.
func TestEveryTranslatedStoreErrorHasAMessageID(t *testing.T) {
	de, en := errorMessages(t, "de"), errorMessages(t, "en")
	things := map[string]bool{}
	for _, src := range sources(t, ".") {
		for _, m := range thingUse.FindAllStringSubmatch(src, -1) {
			things[m[1]] = true
		}
	}
	if len(things) < 10 {
		t.Fatalf("found only %d things passed to translate: the pattern no longer matches", len(things))
	}
	for thing := range things {
		var e *domain.Error
		if !errors.As(postgres.Translate(&pgconn.PgError{Code: "23505"}, thing), &e) {
			t.Fatalf("%s: duplicate is not a domain error", thing)
		}
		if e.Key != "error.store.exists" || len(e.Args) != 2 || e.Args[0] != "Thing" || e.Args[1] != thing {
			t.Errorf("%s: duplicate has id %q, args %v", thing, e.Key, e.Args)
		}
		if de["error.thing."+thing] == "" || en["error.thing."+thing] == "" {
			t.Errorf("translate(err, %q): error.thing.%s is not in web/locales in both languages", thing, thing)
		}
	}
	common := map[string]map[string]string{"de": messages(t, "common", "de"), "en": messages(t, "common", "en")}
	others := []error{&pgconn.PgError{Code: "23514"}, &pgconn.PgError{Code: "23503"},
		&pgconn.PgError{Code: "57P01"}, pgx.ErrNoRows}
	for _, err := range others {
		var e *domain.Error
		switch {
		case !errors.As(postgres.Translate(err, "municipality"), &e) || e.Key == "":
			t.Errorf("translate(%v) has no message id: %+v", err, e)
		case strings.HasPrefix(e.Key, "error.msg."):
			// the error page's own messages (common.*.json), shown for every 404 and 503
			if common["de"][e.Key] == "" || common["en"][e.Key] == "" {
				t.Errorf("translate(%v): %s is not in common.*.json", err, e.Key)
			}
		case de[e.Key] == "" || en[e.Key] == "":
			t.Errorf("translate(%v): %s is %q in German, %q in English", err, e.Key, de[e.Key], en[e.Key])
		}
	}
}

// sources returns the Go files of dir that are not tests.
func sources(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[f] = string(b)
	}
	return out
}

// germanText finds German in a Go string literal: an umlaut or ß, German
// quotation marks, or words no English developer text uses.
var germanText = regexp.MustCompile(`[äöüÄÖÜß„“]|\b(?i:bitte|nicht|ist|sind|der|die|das|und|oder|wurde|werden|eine?|keine?|Sie|gibt|bereits|Maßnahme|Umsetzung|Kommune|Kreis)\b`)

// sqlStatement recognises a literal that is an SQL statement.
var sqlStatement = regexp.MustCompile(`^\x60\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b`)

// TestNoGermanInTheStoreOrTheDomain: the user's texts live in web/locales
// only. The store and the domain hand over message ids; their own texts are
// English, for developers and the log. Comments may use the domain's German
// terms; string literals may not.
func TestNoGermanInTheStoreOrTheDomain(t *testing.T) {
	checked := 0
	for _, dir := range []string{".", "../domain"} {
		for f, src := range sources(t, dir) {
			checked++
			for _, lit := range stringLiterals(f, src) {
				if sqlStatement.MatchString(lit) {
					continue // SQL, with the German sample data of the benchmark
				}
				if m := germanText.FindString(lit); m != "" {
					t.Errorf("%s: German (%q) in %s: move the text to web/locales and hand over its id", f, m, lit)
				}
			}
		}
	}
	if checked < 40 {
		t.Fatalf("checked only %d files", checked)
	}
}

// stringLiterals lists the string literals of a Go source file.
func stringLiterals(name, src string) []string {
	fset := token.NewFileSet()
	var s scanner.Scanner
	s.Init(fset.AddFile(name, -1, len(src)), []byte(src), nil, 0)
	var out []string
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			return out
		}
		if tok == token.STRING {
			out = append(out, lit)
		}
	}
}
