package server_test

import (
	"io/fs"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/web"
)

var (
	classAttr    = regexp.MustCompile(`class="([^"]*)"`)
	cssSelectors = regexp.MustCompile(`([^{}@;]+)\{`)
	cssClass     = regexp.MustCompile(`\.([A-Za-z_][A-Za-z0-9_-]*)`)
	cssAttribute = regexp.MustCompile(`\[([A-Za-z_-]+)`)
	htmlAttr     = regexp.MustCompile(`\s([A-Za-z_-]+)=`)
)

// `make assets` keeps only the KERN rules whose names occur in the templates
// and the Go code (web/purgecss.config.cjs). A class put together at run
// time occurs nowhere and would lose its rule unless the safelist names it:
// every KERN selector whose classes and attributes all occur on the pages
// every role can open must still be in the embedded sheet.
func TestPagesFindEveryKernRuleTheyUse(t *testing.T) {
	full, err := os.ReadFile("../../node_modules/@kern-ux/native/dist/kern.min.css")
	if err != nil {
		t.Fatalf("KERN's complete style sheet (make assets installs it): %v", err)
	}
	kept, err := fs.ReadFile(web.Static, "static/vendor/kern/kern.min.css")
	if err != nil {
		t.Fatal(err)
	}
	a := newApp(t)
	ids := a.pathValues(t)
	clients := []*http.Client{anonymous(), a.signIn(t, "duelmen"), a.signIn(t, "ki-1"), a.signIn(t, "ausschuss-1"), a.signIn(t, "admin")}
	used, attrs := map[string]bool{}, map[string]bool{}
	for _, rt := range a.Server.Routes() {
		if rt.Method != http.MethodGet || strings.HasPrefix(rt.Path, "/api/") || rt.Path == "/anmelden/callback" {
			continue
		}
		for _, c := range clients {
			url := a.URL + ids.fill(rt.Path, "duelmen")
			status, body, header := fetch(t, c, http.MethodGet, url)
			if status != http.StatusOK || !strings.HasPrefix(header.Get("Content-Type"), "text/html") {
				continue
			}
			for _, m := range htmlAttr.FindAllStringSubmatch(body, -1) {
				attrs[m[1]] = true
			}
			for _, m := range classAttr.FindAllStringSubmatch(body, -1) {
				for _, class := range strings.Fields(m[1]) {
					used[class] = true
				}
			}
		}
	}
	if len(used) < 50 {
		t.Fatalf("the pages use only %d classes; did the pages render?", len(used))
	}
	keptSelectors := selectorsOf(kept)
	for selector := range selectorsOf(full) {
		classes := cssClass.FindAllStringSubmatch(selector, -1)
		needed := len(classes) > 0
		for _, c := range classes {
			needed = needed && used[c[1]]
		}
		for _, a := range cssAttribute.FindAllStringSubmatch(selector, -1) {
			needed = needed && attrs[a[1]]
		}
		if needed && !keptSelectors[selector] {
			t.Errorf("KERN's rule for %q is gone, yet the pages use its classes: name them in the safelist of web/purgecss.config.cjs", selector)
		}
	}
}

// selectorsOf lists a style sheet's selectors, white space removed.
func selectorsOf(css []byte) map[string]bool {
	selectors := map[string]bool{}
	for _, list := range cssSelectors.FindAllSubmatch(css, -1) {
		for _, selector := range strings.Split(string(list[1]), ",") {
			selectors[strings.Join(strings.Fields(selector), "")] = true
		}
	}
	return selectors
}
