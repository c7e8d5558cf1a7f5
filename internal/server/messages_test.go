package server_test

import (
	"encoding/json"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/web"
)

// messageUse finds literal message ids in templates: {{.T "id"}}, {{$.T "id" …}}.
var messageUse = regexp.MustCompile(`\.T "([A-Za-z0-9_.]+)"`)

// TestEveryMessageUsedInATemplateExists keeps a typo in a template from
// showing a raw id to users.
func TestEveryMessageUsedInATemplateExists(t *testing.T) {
	known := map[string]bool{}
	files, _ := fs.Glob(web.Locales, "locales/*.de.json")
	for _, f := range files {
		b, err := fs.ReadFile(web.Locales, f)
		if err != nil {
			t.Fatal(err)
		}
		var msgs map[string]any
		if err := json.Unmarshal(b, &msgs); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for id := range msgs {
			known[id] = true
		}
	}
	templates, _ := fs.Glob(web.Templates, "templates/*.html")
	used := 0
	for _, f := range templates {
		b, _ := fs.ReadFile(web.Templates, f)
		for _, m := range messageUse.FindAllStringSubmatch(string(b), -1) {
			used++
			if !known[m[1]] {
				t.Errorf("%s uses message %q, which web/locales does not define", strings.TrimPrefix(f, "templates/"), m[1])
			}
		}
	}
	if used < 10 {
		t.Fatalf("found only %d message uses: the pattern no longer matches the templates", used)
	}
}
