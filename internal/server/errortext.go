package server

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/planwerk/planwerk/internal/domain"
)

// ErrorText is the message of err in the page's language: the one way a
// domain or store error reaches a page. An error with a message id (Key) is
// translated from web/locales, its arguments translated by the end of their
// name (see domain.Error): …State(s) via state.*, …Support(s) via support.*,
// …Thing via error.thing.*. Message is developer text and never shown: an
// error without an id, or with one web/locales lacks, is logged and shown as
// a generic refusal; internals are never shown.
func (t translator) ErrorText(err error) string {
	var de *domain.Error
	if !errors.As(err, &de) || de.Code == domain.CodeInternal {
		return t.T("error.msg.internal")
	}
	if de.Key == "" {
		t.logger().Warn("refusal without a message id", "err", err)
		return t.T("error.msg.refused")
	}
	args := make([]any, 0, len(de.Args))
	for i := 0; i+1 < len(de.Args); i += 2 {
		name := fmt.Sprint(de.Args[i])
		args = append(args, name, t.errorArg(name, fmt.Sprint(de.Args[i+1])))
	}
	msg := t.T(de.Key, args...)
	if msg == de.Key {
		t.logger().Error("message id missing from web/locales", "key", de.Key, "err", err)
		return t.T("error.msg.refused")
	}
	return msg
}

// logger is where the translator reports errors it cannot explain.
func (t translator) logger() *slog.Logger {
	if t.log != nil {
		return t.log
	}
	return slog.Default()
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
