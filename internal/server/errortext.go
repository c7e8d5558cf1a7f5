package server

import (
	"errors"
	"fmt"
	"strings"

	"github.com/planwerk/planwerk/internal/domain"
)

// ErrorText is the message of err in the page's language: the one way a
// domain or store error reaches a page. An error with a message id (Key) is
// translated from web/locales, its arguments translated by the end of their
// name (see domain.Error): …State(s) via state.*, …Support(s) via support.*,
// …Thing via error.thing.*. An error without an id shows its German message;
// internals are never shown.
func (t translator) ErrorText(err error) string {
	var de *domain.Error
	if !errors.As(err, &de) || de.Code == domain.CodeInternal || (de.Message == "" && de.Key == "") {
		return t.T("error.msg.internal")
	}
	if de.Key == "" {
		return de.Message
	}
	args := make([]any, 0, len(de.Args))
	for i := 0; i+1 < len(de.Args); i += 2 {
		name := fmt.Sprint(de.Args[i])
		args = append(args, name, t.errorArg(name, fmt.Sprint(de.Args[i+1])))
	}
	msg := t.T(de.Key, args...)
	if msg == de.Key && de.Message != "" {
		return de.Message // an id missing from web/locales: German beats a raw id
	}
	return msg
}

// errorArg translates one argument of an error message by its name.
func (t translator) errorArg(name, value string) string {
	switch {
	case strings.HasSuffix(name, "States"):
		return t.quotedList("state.", value)
	case strings.HasSuffix(name, "State"):
		return t.T("state." + value)
	case strings.HasSuffix(name, "Supports"):
		return t.quotedList("support.", value)
	case strings.HasSuffix(name, "Support"):
		return t.T("support." + value)
	case strings.HasSuffix(name, "Thing"):
		return t.T("error.thing." + value)
	}
	return value
}

// quotedList translates identifiers joined with "," and quotes each the way
// the language does: „geplant“, „entfallen“ or “planned”, “cancelled”.
func (t translator) quotedList(prefix, joined string) string {
	open, close := "„", "“"
	if t.lang == "en" {
		open, close = "“", "”"
	}
	var out []string
	for _, id := range strings.Split(joined, ",") {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, open+t.T(prefix+id)+close)
		}
	}
	return strings.Join(out, ", ")
}
