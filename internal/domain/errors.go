package domain

import (
	"errors"
	"fmt"
)

// Code classifies an error for callers that must decide how to answer
// (the HTTP layer maps each code to one status in one place).
type Code string

const (
	CodeNotFound  Code = "not_found"
	CodeInvalid   Code = "invalid"
	CodeConflict  Code = "conflict"
	CodeForbidden Code = "forbidden"
	CodeInternal  Code = "internal"
	// CodeUnavailable means a dependency (the database) cannot be reached right
	// now; the request may succeed when it is back.
	CodeUnavailable Code = "unavailable"
)

// Error carries a code, and what to tell the user as a message id.
// Field names the form field the message belongs to, when there is one.
//
// Key is the id of the user's message in web/locales (errors.*.json for the
// most), so the UI shows it in the page's language; the user-facing text
// lives there only, never in Go. Message is a short English text for
// developers and the log, never shown to users. Args are name/value pairs for
// the placeholders of the message ({{.Name}}). Args carry
// identifiers, never labels, and the UI translates them by the end of their
// name:
//
//	…State   a relevance or status ("planned"), shown as its state.* label
//	…States  several of them joined with "," ("on_hold,cancelled"), shown as a quoted list
//	…Support a support state ("requested"), shown as its support.* label
//	…Supports several support states joined with ","
//	…Thing   a kind of record ("implementation"), shown as its error.thing.* label
//
// Any other value (a number, a code) is shown as it is.
type Error struct {
	Code    Code
	Message string
	Field   string
	Key     string
	Args    []any
	Err     error // underlying cause; logged, never shown
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds a domain error without a message id: a refusal the user is
// shown only as a generic message (the UI logs Message). Prefer Keyed.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Keyed builds a domain error the UI can explain: key is its message id in
// web/locales, message the English developer text for the log, args the
// name/value pairs for the placeholders (see Error). field may be "" for an
// error of no one field.
func Keyed(code Code, field, key, message string, args ...any) *Error {
	return &Error{Code: code, Field: field, Message: message, Key: key, Args: args}
}

// FieldError is an invalid-input error attached to one form field, without
// a message id (message is developer text); prefer Keyed.
func FieldError(field, message string) *Error {
	return &Error{Code: CodeInvalid, Field: field, Message: message}
}

// ErrorCode reports the code of err; anything that is not a domain error is internal.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// ErrorKey reports the message id of err, "" when it has none (or is internal).
func ErrorKey(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != CodeInternal {
		return e.Key
	}
	return ""
}

// ErrorMessage reports the developer text of err for a log or a test,
// hiding internals; users see the message of its Key instead.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != CodeInternal && e.Message != "" {
		return e.Message
	}
	return "internal error"
}

// ErrStaleVersion is the cause of a conflict error when an edit started from a
// version of a record that someone else has since replaced.
var ErrStaleVersion = errors.New("stale version")
