package server_test

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/server"
	"github.com/planwerk/planwerk/web"
)

// messageUse finds literal message ids in templates: {{.T "id"}}, {{$.T "id" …}}.
var messageUse = regexp.MustCompile(`\.T "([A-Za-z0-9_.]+)"`)

// TestEveryMessageUsedInATemplateExists keeps a typo in a page or partial
// template from showing a raw id to users.
func TestEveryMessageUsedInATemplateExists(t *testing.T) {
	// loadMessages refuses an id missing in one language, so German suffices.
	known := server.LocaleMessages(t, "de")
	templates, _ := fs.Glob(web.Templates, "templates/*.html")
	partials, _ := fs.Glob(web.Templates, "templates/partials/*.html")
	templates = append(templates, partials...)
	used := 0
	for _, f := range templates {
		b, _ := fs.ReadFile(web.Templates, f)
		for _, m := range messageUse.FindAllStringSubmatch(string(b), -1) {
			used++
			if _, ok := known[m[1]]; !ok {
				t.Errorf("%s uses message %q, which web/locales does not define", strings.TrimPrefix(f, "templates/"), m[1])
			}
		}
	}
	if used < 10 {
		t.Fatalf("found only %d message uses: the pattern no longer matches the templates", used)
	}
}
