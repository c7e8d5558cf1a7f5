package domain

import (
	"slices"
)

// DecideRelevance records the municipality's decision on whether the measure
// applies to it. Decisions are revisable, but never undone to "open": once a
// measure has been reviewed, the report must show a decision.
//
// Becoming relevant starts the status at planned (progress is kept, so work
// recorded before a revision is not lost); leaving relevant clears the status,
// because a status only has meaning for a measure that is being carried out.
func (w Workflow) DecideRelevance(to Relevance, note string) (Workflow, error) {
	if err := w.checkRelevanceChange(to); err != nil {
		return w, err
	}
	note, err := relevanceNote(to, note)
	if err != nil {
		return w, err
	}
	next := w
	next.Relevance = to
	next.RelevanceNote = note
	switch {
	case to == RelevanceRelevant && w.Relevance != RelevanceRelevant:
		next.Status = StatusPlanned
		next.StatusNote = ""
	case to != RelevanceRelevant:
		next.Status = ""
		next.StatusNote = ""
	}
	return next, nil
}

// checkRelevanceChange refuses targets that are unknown (bad input) or not
// reachable from the current decision (conflict).
func (w Workflow) checkRelevanceChange(to Relevance) error {
	if !slices.Contains(Relevances, to) {
		return Keyed(CodeInvalid, FieldRelevance, "error.workflow.relevanceInvalid", "unknown relevance")
	}
	if to == RelevanceOpen {
		return Keyed(CodeConflict, "", "error.workflow.relevanceNoReset",
			"relevance cannot go back to open",
			"OpenState", RelevanceOpen, "RelevantState", RelevanceRelevant,
			"NotRelevantState", RelevanceNotRelevant, "AlreadyInPlaceState", RelevanceAlreadyInPlace)
	}
	// Relevant carries no text of its own, so re-deciding it would change nothing;
	// the other decisions may be repeated to revise their reason.
	if to == RelevanceRelevant && w.Relevance == RelevanceRelevant {
		return Keyed(CodeConflict, "", "error.workflow.alreadyRelevant",
			"already relevant",
			"State", RelevanceRelevant)
	}
	return nil
}

// relevanceNote validates the text that goes with a decision: a reason for
// "not relevant", a short description for "already in place", optional else.
func relevanceNote(to Relevance, note string) (string, error) {
	switch to {
	case RelevanceNotRelevant:
		return requireText(FieldRelevanceNote, note, MaxRelevanceNoteLen, "error.workflow.reasonNotRelevant",
			"reason for not relevant missing")
	case RelevanceAlreadyInPlace:
		return requireText(FieldRelevanceNote, note, MaxRelevanceNoteLen, "error.workflow.describeAlreadyInPlace",
			"description of already in place missing")
	}
	return cleanText(FieldRelevanceNote, note, MaxRelevanceNoteLen)
}
