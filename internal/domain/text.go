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
