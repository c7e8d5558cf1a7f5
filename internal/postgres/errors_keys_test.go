package postgres_test

import (
	"encoding/json"
	"errors"
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
	b, err := fs.ReadFile(web.Locales, "locales/errors."+lang+".json")
	if err != nil {
		t.Fatal(err)
	}
	var msgs map[string]string
	if err := json.Unmarshal(b, &msgs); err != nil {
		t.Fatal(err)
	}
	return msgs
}

// whatUse finds the names the store passes to translate: translate(err, "Kommune").
var whatUse = regexp.MustCompile(`translate\([^,()]+(?:\([^()]*\))?,\s*"([^"]+)"\)`)

// TestEveryTranslatedStoreErrorHasAMessageID: for every name the store
// passes to translate, a duplicate, a bad value, a missing reference and an
// outage come back with a message id that web/locales knows in both
// languages, and the German text of "… existiert bereits." is the message
// the log shows.
func TestEveryTranslatedStoreErrorHasAMessageID(t *testing.T) {
	de, en := errorMessages(t, "de"), errorMessages(t, "en")
	files, _ := filepath.Glob("*.go")
	names := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range whatUse.FindAllStringSubmatch(string(b), -1) {
			names[m[1]] = true
		}
	}
	if len(names) < 10 {
		t.Fatalf("found only %d names passed to translate: the pattern no longer matches", len(names))
	}
	for what := range names {
		var e *domain.Error
		if !errors.As(postgres.Translate(&pgconn.PgError{Code: "23505"}, what), &e) {
			t.Fatalf("%s: duplicate is not a domain error", what)
		}
		if e.Key != "error.store.exists" || len(e.Args) != 2 || e.Args[0] != "Thing" {
			t.Errorf("%s: duplicate has id %q, args %v", what, e.Key, e.Args)
			continue
		}
		thing := "error.thing." + e.Args[1].(string)
		if en[thing] == "" {
			t.Errorf("%s: %s has no English text", what, thing)
		}
		german := strings.ReplaceAll(de[e.Key], "{{.Thing}}", de[thing])
		if german != e.Message {
			t.Errorf("%s: German text %q, message %q", what, german, e.Message)
		}
	}
	others := []error{&pgconn.PgError{Code: "23514"}, &pgconn.PgError{Code: "23503"},
		&pgconn.PgError{Code: "57P01"}, pgx.ErrNoRows}
	for _, err := range others {
		var e *domain.Error
		switch {
		case !errors.As(postgres.Translate(err, "Kommune"), &e) || e.Key == "":
			t.Errorf("translate(%v) has no message id: %+v", err, e)
		case strings.HasPrefix(e.Key, "error.msg."):
			// the error page's own messages (common.*.json), shown for every 404 and 503
		case de[e.Key] != e.Message || en[e.Key] == "":
			t.Errorf("translate(%v): %s is %q in German, %q in English; the message is %q", err, e.Key, de[e.Key], en[e.Key], e.Message)
		}
	}
}
