package domain

import (
	"fmt"
	"slices"
)

// statusTransitions lists, per status, the statuses it may change to.
// Completed and cancelled are final: the report history depends on them.
var statusTransitions = map[Status][]Status{
	StatusPlanned:    {StatusInProgress, StatusOnHold, StatusCancelled},
	StatusInProgress: {StatusOnHold, StatusCompleted, StatusCancelled},
	StatusOnHold:     {StatusPlanned, StatusInProgress, StatusCancelled},
	StatusCompleted:  nil,
	StatusCancelled:  nil,
}

// AllowedStatusTransitions returns the statuses reachable from from, in
// display order, for building the choices of a form. The slice is a copy.
func AllowedStatusTransitions(from Status) []Status {
	return slices.Clone(statusTransitions[from])
}

// ChangeStatus moves a relevant implementation to another status. A reason is
// required for cancelling; for other changes it is optional and kept as the
// status note, so "why on hold" can be recorded too. Completing sets progress
// to 100, because "umgesetzt" means done in full.
func (w Workflow) ChangeStatus(to Status, reason string) (Workflow, error) {
	if err := w.checkStatusChange(to); err != nil {
		return w, err
	}
	note, err := statusNote(to, reason)
	if err != nil {
		return w, err
	}
	next := w
	next.Status = to
	next.StatusNote = note
	if to == StatusCompleted {
		next.Progress = 100
	}
	return next, nil
}

// checkStatusChange refuses unknown targets (bad input) and any change the
// transition table does not allow from the current state (conflict).
func (w Workflow) checkStatusChange(to Status) error {
	if !slices.Contains(Statuses, to) {
		return Keyed(CodeInvalid, FieldStatus, "error.workflow.statusInvalid", "unknown status")
	}
	if w.Relevance != RelevanceRelevant {
		return Keyed(CodeConflict, "", "error.workflow.statusNeedsRelevant",
			"status needs relevance relevant",
			"RelevantState", RelevanceRelevant)
	}
	if slices.Contains(statusTransitions[w.Status], to) {
		return nil
	}
	return statusConflict(w.Status, to)
}

// statusConflict explains a refused status change and what to do instead.
func statusConflict(from, to Status) error {
	allowed := statusTransitions[from]
	switch {
	case from == to:
		return Keyed(CodeConflict, "", "error.workflow.statusUnchanged",
			fmt.Sprintf("status is %s already", to),
			"State", to)
	case from == StatusCompleted || from == StatusCancelled:
		return Keyed(CodeConflict, "", "error.workflow.statusFinal",
			fmt.Sprintf("status %s is final", from),
			"FromState", from)
	case from == StatusPlanned && to == StatusCompleted:
		return Keyed(CodeConflict, "", "error.workflow.statusSkip",
			fmt.Sprintf("status %s cannot skip to %s", from, to),
			"FromState", from, "ToState", to, "NextState", StatusInProgress)
	case len(allowed) == 0:
		// Only reachable with an inconsistent stored state (relevant without status).
		return statusCorrupt()
	}
	return Keyed(CodeConflict, "", "error.workflow.statusNotAllowed",
		fmt.Sprintf("status %s cannot change to %s (allowed: %s)", from, to, joinIDs(allowed)),
		"FromState", from, "ToState", to, "AllowedStates", joinIDs(allowed))
}

// statusCorrupt refuses a change from a stored state the rules do not know.
func statusCorrupt() error {
	return Keyed(CodeConflict, "", "error.workflow.statusCorrupt", "stored status is inconsistent")
}

// statusNote validates the reason given with a status change.
func statusNote(to Status, reason string) (string, error) {
	if to == StatusCancelled {
		return requireText(FieldStatusNote, reason, MaxRelevanceNoteLen, "error.workflow.reasonCancelled",
			"reason for cancelled missing")
	}
	return cleanText(FieldStatusNote, reason, MaxRelevanceNoteLen)
}

// SetProgress records the progress in percent. It is only meaningful while the
// measure is being worked on; a completed measure stays at 100.
func (w Workflow) SetProgress(p int) (Workflow, error) {
	if err := w.checkProgressChange(p); err != nil {
		return w, err
	}
	if p < 0 || p > 100 {
		return w, Keyed(CodeInvalid, FieldProgress, "error.workflow.progressRange",
			fmt.Sprintf("progress %d out of 0..100", p),
			"Value", p)
	}
	next := w
	next.Progress = p
	return next, nil
}

// checkProgressChange refuses progress for states where it has no meaning.
func (w Workflow) checkProgressChange(p int) error {
	if w.Relevance != RelevanceRelevant {
		return Keyed(CodeConflict, "", "error.workflow.progressNeedsRelevant",
			"progress needs relevance relevant",
			"RelevantState", RelevanceRelevant)
	}
	switch w.Status {
	case StatusPlanned, StatusInProgress, StatusOnHold:
		return nil
	case StatusCompleted:
		if p == 100 {
			return nil
		}
		return Keyed(CodeConflict, "", "error.workflow.progressCompleted",
			"progress of a completed measure stays 100",
			"State", StatusCompleted)
	case StatusCancelled:
		return Keyed(CodeConflict, "", "error.workflow.progressCancelled",
			"progress of a cancelled measure is final",
			"State", StatusCancelled)
	}
	// Only reachable with an inconsistent stored state (relevant without status).
	return statusCorrupt()
}
