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
		return Keyed(CodeInvalid, FieldStatus, "error.workflow.statusInvalid", "Bitte wählen Sie einen gültigen Status.")
	}
	if w.Relevance != RelevanceRelevant {
		return Keyed(CodeConflict, "", "error.workflow.statusNeedsRelevant", fmt.Sprintf(
			"Ein Status kann nur gesetzt werden, solange die Maßnahme als „%s“ eingestuft ist. "+
				"Bitte stufen Sie die Maßnahme zuerst als „%s“ ein.",
			RelevanceRelevant.Label(), RelevanceRelevant.Label()),
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
		return Keyed(CodeConflict, "", "error.workflow.statusUnchanged", fmt.Sprintf(
			"Die Maßnahme hat bereits den Status „%s“. Bitte wählen Sie einen anderen Status.", to.Label()),
			"State", to)
	case from == StatusCompleted || from == StatusCancelled:
		return Keyed(CodeConflict, "", "error.workflow.statusFinal",
			fmt.Sprintf("Von „%s“ aus ist kein Statuswechsel mehr möglich.", from.Label()),
			"FromState", from)
	case from == StatusPlanned && to == StatusCompleted:
		return Keyed(CodeConflict, "", "error.workflow.statusSkip", fmt.Sprintf(
			"Von „%s“ aus kann die Maßnahme nicht direkt auf „%s“ gesetzt werden. Bitte setzen Sie sie zuerst auf „%s“.",
			from.Label(), to.Label(), StatusInProgress.Label()),
			"FromState", from, "ToState", to, "NextState", StatusInProgress)
	case len(allowed) == 0:
		// Only reachable with an inconsistent stored state (relevant without status).
		return statusCorrupt()
	}
	labels := make([]string, len(allowed))
	for i, s := range allowed {
		labels[i] = s.Label()
	}
	return Keyed(CodeConflict, "", "error.workflow.statusNotAllowed", fmt.Sprintf(
		"Von „%s“ aus ist ein Wechsel zu „%s“ nicht möglich. Möglich sind: %s.",
		from.Label(), to.Label(), quoteLabels(labels)),
		"FromState", from, "ToState", to, "AllowedStates", joinIDs(allowed))
}

// statusCorrupt refuses a change from a stored state the rules do not know.
func statusCorrupt() error {
	return Keyed(CodeConflict, "", "error.workflow.statusCorrupt",
		"Der gespeicherte Status ist ungültig. Bitte wenden Sie sich an die Administration.")
}

// statusNote validates the reason given with a status change.
func statusNote(to Status, reason string) (string, error) {
	if to == StatusCancelled {
		return requireText(FieldStatusNote, reason, MaxRelevanceNoteLen, "error.workflow.reasonCancelled",
			"Bitte geben Sie einen Grund an, warum die Maßnahme entfällt.")
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
		return w, Keyed(CodeInvalid, FieldProgress, "error.workflow.progressRange", fmt.Sprintf(
			"Der Fortschritt muss zwischen 0 und 100 %% liegen (angegeben: %d). Bitte korrigieren Sie den Wert.", p),
			"Value", p)
	}
	next := w
	next.Progress = p
	return next, nil
}

// checkProgressChange refuses progress for states where it has no meaning.
func (w Workflow) checkProgressChange(p int) error {
	if w.Relevance != RelevanceRelevant {
		return Keyed(CodeConflict, "", "error.workflow.progressNeedsRelevant", fmt.Sprintf(
			"Ein Fortschritt kann nur erfasst werden, solange die Maßnahme als „%s“ eingestuft ist.",
			RelevanceRelevant.Label()),
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
			fmt.Sprintf("Die Maßnahme ist „%s“; der Fortschritt bleibt bei 100 %%.", StatusCompleted.Label()),
			"State", StatusCompleted)
	case StatusCancelled:
		return Keyed(CodeConflict, "", "error.workflow.progressCancelled",
			fmt.Sprintf("Die Maßnahme ist „%s“; der Fortschritt kann nicht mehr geändert werden.", StatusCancelled.Label()),
			"State", StatusCancelled)
	}
	// Only reachable with an inconsistent stored state (relevant without status).
	return statusCorrupt()
}
