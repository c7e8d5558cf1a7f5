package report_test

import (
	"context"
	"testing"
)

// An open implementation without due date and without milestones is not
// overdue: freezing must not fail on it (it did: overdue came out NULL).
func TestFreezeCopesWithOpenImplementationsWithoutDueDateOrMilestones(t *testing.T) {
	f := newFixture(t)
	if _, err := f.pool.Exec(context.Background(), `UPDATE implementations SET relevance = 'relevant',
		status = 'planned', relevance_decided_on = '2025-01-15' WHERE organisation_id = $1`, f.nottuln); err != nil {
		t.Fatal(err)
	}
	fr := f.frozen(t, f.scope, f.draft("Bericht"))
	for _, r := range fr.Rows {
		if r.OrgID == f.nottuln && (r.Overdue || r.Status != "planned") {
			t.Errorf("Nottuln row = %+v, want planned and not overdue", r)
		}
	}
}
