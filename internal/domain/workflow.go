package domain

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text limits in characters (runes, so "ä" counts once). They bound what a
// form may store, so that a report table and an audit entry stay readable.
const (
	MaxRelevanceNoteLen = 2000 // relevance note and status note (cancel reason)
	MaxSupportTextLen   = 4000 // support request and response
)

// Form field names used in *Error.Field, so the UI can show a message next
// to the input it belongs to.
const (
	FieldRelevance       = "relevance"
	FieldRelevanceNote   = "relevance_note"
	FieldStatus          = "status"
	FieldStatusNote      = "status_note"
	FieldProgress        = "progress"
	FieldSupport         = "support"
	FieldSupportRequest  = "support_request"
	FieldSupportResponse = "support_response"
)

// Workflow is the part of an implementation the rules look at.
//
// Every method returns a changed copy and leaves the receiver as it was, so a
// caller can compare old and new values for the audit log and only store the
// new one after the whole change has been accepted.
type Workflow struct {
	Relevance     Relevance
	RelevanceNote string // reason (not relevant) or description (already in place)
	Status        Status // "" unless Relevance is RelevanceRelevant
	StatusNote    string // reason given with the last status change, e.g. why cancelled
	Progress      int    // percent, 0–100

	Support         Support
	SupportRequest  string
	SupportResponse string
}

// NewWorkflow returns the state of an implementation nobody has looked at yet.
func NewWorkflow() Workflow {
	return Workflow{Relevance: RelevanceOpen, Support: SupportNone}
}

// cleanText normalises text (CleanText) and checks it against max runes.
// Trimming first means a reason of only blanks counts as missing and is
// never stored.
func cleanText(field, text string, max int) (string, error) {
	text = CleanText(text)
	if n := utf8.RuneCountInString(text); n > max {
		return "", Keyed(CodeInvalid, field, "error.workflow.textTooLong",
			fmt.Sprintf("text too long: %d of at most %d characters", n, max), "Max", max, "Count", n)
	}
	return text, nil
}

// requireText is cleanText for a text that must not be empty; key is the id
// of the message telling the user what to write, missing its developer text.
func requireText(field, text string, max int, key, missing string) (string, error) {
	text, err := cleanText(field, text, max)
	if err != nil {
		return "", err
	}
	if text == "" {
		return "", Keyed(CodeInvalid, field, key, missing)
	}
	return text, nil
}

// joinIDs joins identifiers with "," for an error argument listing the
// choices left (…States, …Supports), which the UI translates one by one.
func joinIDs[T ~string](ids []T) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = string(id)
	}
	return strings.Join(parts, ",")
}
