package domain

import (
	"strings"
	"unicode/utf8"
)

// CleanText normalises a text as users type it: browsers send line breaks as
// CRLF, which would count twice against a limit, and blanks around a text
// carry no meaning (a reason of only blanks is no reason).
func CleanText(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}

// TooLong reports whether a text exceeds max characters (runes).
func TooLong(s string, max int) bool { return utf8.RuneCountInString(s) > max }

// IsText reports whether s is text a person could have typed: valid UTF-8
// without control characters other than tab and line breaks. The pages'
// input check and the API's both ask it, so that the same text is refused
// (or taken) by both; the database refuses some of these characters.
func IsText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool {
		return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f
	})
}
