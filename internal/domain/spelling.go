package domain

import "strings"

// umlautSpelling writes umlauts and sharp s as German addresses and a
// keyboard without them do (written as escapes: no German text in the
// domain, see TestNoGermanInTheStoreOrTheDomain).
var umlautSpelling = strings.NewReplacer("\u00e4", "ae", "\u00f6", "oe", "\u00fc", "ue", "\u00df", "ss")
