package domain_test

import (
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

func TestSafeNext(t *testing.T) {
	for next, want := range map[string]string{
		"/x":                            "/x",
		"/kommunen/duelmen?tab=a#b":     "/kommunen/duelmen?tab=a#b",
		"":                              "/",
		"x":                             "/",
		"//evil.com":                    "/",
		"/\\evil.com":                   "/",
		"/\t/evil.com":                  "/",
		"/\n/evil.com":                  "/",
		"https://evil.com":              "/",
		"javascript:alert(1)":           "/",
		"/" + strings.Repeat("a", 3000): "/",
	} {
		if got := domain.SafeNext(next); got != want {
			t.Errorf("SafeNext(%q) = %q, want %q", next, got, want)
		}
	}
}
