package domain

import (
	"strings"
	"testing"
)

func TestIsText(t *testing.T) {
	for s, want := range map[string]bool{
		"Sprachcafé\tmit Kinderbetreuung\r\nab 1. März": true,
		"":               true,
		"Bell\a":         false,
		"Escape\x1b[2J":  false,
		"Null\x00":       false,
		"Delete\x7f":     false,
		"bad \xff UTF-8": false,
	} {
		if got := IsText(s); got != want {
			t.Errorf("IsText(%q) = %v, want %v", s, got, want)
		}
	}
}

// A reason typed with browser line breaks counts each break once.
func TestWorkflowTextsCountLineBreaksOnce(t *testing.T) {
	// MaxRelevanceNoteLen+51 characters as sent, two thirds of that as typed.
	text := strings.Repeat("x\r\n", (MaxRelevanceNoteLen+50)/3+1)
	w := NewWorkflow()
	if _, err := w.DecideRelevance(RelevanceNotRelevant, text); err != nil {
		t.Errorf("a reason within the limit once CRLF counts as one break was refused: %v", err)
	}
}
