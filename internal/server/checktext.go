package server

import (
	"strings"
	"unicode/utf8"
)

// checkText trims a text typed into a form and checks it against max
// characters. missing is the message id for an empty text, "" if it may be
// empty. The second result is the translated message, "" when the text is fine.
//
// Only the needs and local-measure forms still use it; their use cases are to
// check their texts in the domain (domain.CleanText) as the implementation's do.
func checkText(tr translator, text string, max int, missing string) (string, string) {
	text = strings.TrimSpace(text)
	if n := utf8.RuneCountInString(text); n > max {
		return text, tr.T("support.err.tooLong", "Max", max, "Count", n)
	}
	if text == "" && missing != "" {
		return text, tr.T(missing)
	}
	return text, ""
}
