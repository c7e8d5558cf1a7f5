package server

import (
	"encoding/json"
	"io/fs"
	"testing"

	"github.com/planwerk/planwerk/web"
)

// LocaleMessages reads every web/locales/*.<lang>.json into one map of raw
// values: a text, or an object of plural forms. The message tests of both
// test packages share it.
func LocaleMessages(t testing.TB, lang string) map[string]any {
	t.Helper()
	all := map[string]any{}
	files, _ := fs.Glob(web.Locales, "locales/*."+lang+".json")
	for _, f := range files {
		b, err := fs.ReadFile(web.Locales, f)
		if err != nil {
			t.Fatal(err)
		}
		var msgs map[string]any
		if err := json.Unmarshal(b, &msgs); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for id, m := range msgs {
			all[id] = m
		}
	}
	if len(all) == 0 {
		t.Fatalf("no messages found for %s", lang)
	}
	return all
}
