package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

func markRelevant(i domain.Implementation) (domain.Implementation, error) {
	return domain.RelevanceDecision{Relevance: domain.RelevanceRelevant}.Apply(i, time.Now())
}

func TestUpdateImplementationWritesRowAndAuditEventTogether(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	saved, err := f.db.UpdateImplementation(ctx, f.key(f.duelmen, f.implDuelmen), 1, &f.actor, markRelevant)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Version != 2 || saved.Relevance != domain.RelevanceRelevant || saved.Status != domain.StatusPlanned {
		t.Fatalf("saved = %+v", saved)
	}
	events, err := f.db.FindAuditEvents(ctx, f.duelmen, "implementation", f.implDuelmen)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 {
		t.Fatalf("got %d audit events, want 1", len(events))
	}
	e := events[0]
	if e.ActorName != "Koordination Dülmen" || e.Action != "update" {
		t.Errorf("event = %+v", e)
	}
	if c := e.Changes["relevance"]; c.Old != "open" || c.New != "relevant" {
		t.Errorf("relevance change = %+v", c)
	}
	if c := e.Changes["status"]; c.Old != "" || c.New != "planned" {
		t.Errorf("status change = %+v", c)
	}
}

func TestUpdateImplementationRefusesAStaleVersionAndReturnsTheCurrentOne(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.db.UpdateImplementation(ctx, f.key(f.duelmen, f.implDuelmen), 1, nil, markRelevant); err != nil {
		t.Fatal(err)
	}
	current, err := f.db.UpdateImplementation(ctx, f.key(f.duelmen, f.implDuelmen), 1, nil, markRelevant)
	if domain.ErrorCode(err) != domain.CodeConflict {
		t.Fatalf("second save from version 1: err = %v, want conflict", err)
	}
	if current.Version != 2 || current.Relevance != domain.RelevanceRelevant {
		t.Errorf("conflict returned %+v, want the current version 2", current)
	}
	events, _ := f.db.FindAuditEvents(ctx, f.duelmen, "implementation", f.implDuelmen)
	if len(events) != 1 {
		t.Errorf("got %d audit events after a refused save, want 1", len(events))
	}
}

func TestUpdateImplementationOfAnotherOrganisationIsNotFound(t *testing.T) {
	f := newFixture(t)
	_, err := f.db.UpdateImplementation(context.Background(), f.key(f.olfen, f.implDuelmen), 1, nil, markRelevant)
	if domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("Olfen updating Dülmen's implementation: err = %v, want not found", err)
	}
}

func TestRefusedChangeRollsBackAndLeavesNoAuditEvent(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// Bypass the workflow to prove the database's own CHECK constraints hold
	// and are reported as invalid input, not as an internal error.
	completeAtHalf := func(i domain.Implementation) (domain.Implementation, error) {
		i.Status, i.Progress = domain.StatusCompleted, 50
		return i, nil
	}
	_, err := f.db.UpdateImplementation(ctx, f.key(f.county, f.implCounty), 1, nil, completeAtHalf)
	if domain.ErrorCode(err) != domain.CodeInvalid {
		t.Fatalf("completed at 50 %%: err = %v, want invalid", err)
	}
	impl, err := f.db.FindImplementation(ctx, f.key(f.county, f.implCounty))
	if err != nil {
		t.Fatal(err)
	}
	if impl.Status != domain.StatusInProgress || impl.Progress != 30 || impl.Version != 1 {
		t.Errorf("after refused change: %+v", impl)
	}
	if events, _ := f.db.FindAuditEvents(ctx, f.county, "implementation", f.implCounty); len(events) != 0 {
		t.Errorf("refused change left %d audit events", len(events))
	}
}

func TestAddProgressUpdateRecordsStateAndKeepsLastUpdateDate(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	day := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	earlier := day.AddDate(0, -2, 0)
	for _, d := range []time.Time{day, earlier} {
		if _, err := f.db.AddProgressUpdate(ctx, f.key(f.county, f.implCounty), d, "Pool mit 40 Sprachen steht.", &f.actor); err != nil {
			t.Fatal(err)
		}
	}
	updates, err := f.db.FindProgressUpdates(ctx, f.county, f.implCounty)
	if err != nil {
		t.Fatal(err)
	}
	if len(updates) != 2 || !updates[0].ReportedOn.Equal(day) || updates[0].Status != domain.StatusInProgress || updates[0].Progress != 30 {
		t.Fatalf("updates = %+v", updates)
	}
	impl, _ := f.db.FindImplementation(ctx, f.key(f.county, f.implCounty))
	if impl.LastUpdateOn == nil || !impl.LastUpdateOn.Equal(day) {
		t.Errorf("last_update_on = %v, want %v (an older report must not move it back)", impl.LastUpdateOn, day)
	}
	if events, _ := f.db.FindAuditEvents(ctx, f.county, "progress_update", updates[0].ID); len(events) != 1 {
		t.Errorf("progress update has %d audit events, want 1", len(events))
	}
	if _, err := f.db.AddProgressUpdate(ctx, f.key(f.olfen, f.implCounty), day, "fremd", nil); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("report on another organisation's implementation: err = %v, want not found", err)
	}
}

func TestAuditEventsAreAppendOnly(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.db.UpdateImplementation(ctx, f.key(f.duelmen, f.implDuelmen), 1, nil, markRelevant); err != nil {
		t.Fatal(err)
	}
	if _, err := f.pool.Exec(ctx, `UPDATE audit_events SET action = 'delete'`); err == nil {
		t.Error("UPDATE on audit_events succeeded")
	}
	if _, err := f.pool.Exec(ctx, `DELETE FROM audit_events`); err == nil {
		t.Error("DELETE on audit_events succeeded")
	}
}

// A report that does not move the last report's date (the same day, or
// back-dated) leaves the implementation row alone, so the kept counts'
// triggers on implementations do not run for it.
func TestProgressUpdateNotLaterLeavesTheImplementationRowAlone(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	day := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	rowVersion := func() string {
		var xmin string
		if err := f.pool.QueryRow(ctx, `SELECT xmin::text FROM implementations WHERE id = $1`, f.implCounty).Scan(&xmin); err != nil {
			t.Fatal(err)
		}
		return xmin
	}
	if _, err := f.db.AddProgressUpdate(ctx, f.key(f.county, f.implCounty), day, "erste Meldung", &f.actor); err != nil {
		t.Fatal(err)
	}
	before := rowVersion()
	for _, d := range []time.Time{day, day.AddDate(0, 0, -5)} {
		if _, err := f.db.AddProgressUpdate(ctx, f.key(f.county, f.implCounty), d, "noch eine", &f.actor); err != nil {
			t.Fatal(err)
		}
	}
	if after := rowVersion(); after != before {
		t.Errorf("implementation row rewritten (xmin %s -> %s) by reports that do not move its date", before, after)
	}
	if _, err := f.db.AddProgressUpdate(ctx, f.key(f.county, f.implCounty), day.AddDate(0, 0, 1), "später", &f.actor); err != nil {
		t.Fatal(err)
	}
	if rowVersion() == before {
		t.Error("a later report did not update the implementation's last report date")
	}
}
