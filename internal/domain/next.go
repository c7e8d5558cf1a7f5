package domain

import (
	"net/url"
	"strings"
	"unicode"
)

// SafeNext returns next if it is a path on this site, else "/": every
// "return to" parameter (after sign-in, after the language switch) goes
// through it. It refuses anything a browser could read as another origin:
// "//host", "/\host", schemes such as "https:" or "javascript:", and control
// characters (browsers drop tabs and newlines, turning "/\t/host" into "//host").
func SafeNext(next string) string {
	if len(next) > 2000 || !strings.HasPrefix(next, "/") ||
		strings.HasPrefix(next, "//") || strings.HasPrefix(next, `/\`) ||
		strings.ContainsFunc(next, unicode.IsControl) {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	return next
}
