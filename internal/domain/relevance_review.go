package domain

import "time"

// WorkspaceKey names one organisation's workspace in one plan.
type WorkspaceKey struct {
	PlanID int64
	OrgID  int64
}

// RelevanceDecision is one relevance decision applied to several
// implementations at once (the bulk review).
type RelevanceDecision struct {
	Relevance Relevance
	Note      string
}

// Check applies the rules of a relevance decision once, as for an
// implementation nobody has looked at: a reason missing for one is missing
// for all, so the whole review is refused before anything is read.
func (d RelevanceDecision) Check() error {
	_, err := NewWorkflow().DecideRelevance(d.Relevance, d.Note)
	return err
}

// Apply is the decision for one implementation. Deciding "relevant" again
// changes nothing (the workflow refuses it as a repeat), so such an
// implementation is left as it is rather than failing the batch. now dates
// the decision.
func (d RelevanceDecision) Apply(cur Implementation, now time.Time) (Implementation, error) {
	if d.Relevance == RelevanceRelevant && cur.Relevance == RelevanceRelevant {
		return cur, nil
	}
	w, err := cur.Workflow().DecideRelevance(d.Relevance, d.Note)
	if err != nil {
		return cur, err
	}
	return decidedOn(cur, cur.WithWorkflow(w), now), nil
}
