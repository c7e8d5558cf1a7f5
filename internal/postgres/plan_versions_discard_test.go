package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// TestDiscardedDraftLeavesTheOldVersionAsItWas: discarding deletes the
// draft with its catalogue and mapping, leaves the current version and its
// implementations alone, and lets the plan be continued afresh; a draft
// with a report is kept, and an adopted version is never discarded.
func TestDiscardedDraftLeavesTheOldVersionAsItWas(t *testing.T) {
	f := newVersionFixture(t)
	ctx := context.Background()
	count := func(sql string, args ...any) int {
		t.Helper()
		var n int
		if err := f.pool.QueryRow(ctx, sql, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	impls := count(`SELECT count(*) FROM implementations i JOIN measures m ON m.id = i.measure_id WHERE m.plan_id = $1`, f.plan)

	if _, err := f.pool.Exec(ctx, `INSERT INTO reports (plan_id, title, period_from, period_to) VALUES ($1, 'Bericht', '2026-01-01', '2026-06-30')`, f.newPlan); err != nil {
		t.Fatal(err)
	}
	if err := f.db.DiscardPlanVersion(ctx, f.plan, &f.actor); domain.ErrorKey(err) != "versions.err.discardKept" {
		t.Errorf("discarding a draft with a report: %v", err)
	}
	if _, err := f.pool.Exec(ctx, `DELETE FROM reports WHERE plan_id = $1`, f.newPlan); err != nil {
		t.Fatal(err)
	}

	if err := f.db.DiscardPlanVersion(ctx, f.plan, &f.actor); err != nil {
		t.Fatal(err)
	}
	if n := count(`SELECT count(*) FROM plans WHERE id = $1`, f.newPlan); n != 0 {
		t.Error("the draft is still there")
	}
	if n := count(`SELECT count(*) FROM measures WHERE plan_id = $1`, f.newPlan); n != 0 {
		t.Errorf("%d measures of the draft left", n)
	}
	if n := count(`SELECT count(*) FROM version_mappings WHERE plan_id = $1`, f.newPlan); n != 0 {
		t.Errorf("%d mappings of the draft left", n)
	}
	if n := count(`SELECT count(*) FROM implementations i JOIN measures m ON m.id = i.measure_id WHERE m.plan_id = $1`, f.plan); n != impls {
		t.Errorf("the current version has %d implementations, had %d", n, impls)
	}
	if n := count(`SELECT count(*) FROM plans WHERE id = $1 AND state = 'adopted'`, f.plan); n != 1 {
		t.Error("the current version is no longer the adopted one")
	}
	if n := count(`SELECT count(*) FROM audit_events WHERE entity = 'plan' AND entity_id = $1 AND changes ? 'successor'`, f.plan); n != 1 {
		t.Errorf("%d audit events of the discarding", n)
	}
	if _, err := f.db.FindVersionDraft(ctx, f.plan); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("a draft after discarding: %v", err)
	}

	on := time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)
	if _, err := f.db.StartPlanVersion(ctx, f.plan, &f.actor, domain.VersionStart{Title: "Plan 2027", Version: "2.0", AdoptedOn: &on}); err != nil {
		t.Fatalf("starting afresh: %v", err)
	}
	if _, err := f.db.AdoptPlanVersion(ctx, f.plan, &f.actor); err != nil {
		t.Fatal(err)
	}
	if err := f.db.DiscardPlanVersion(ctx, f.plan, &f.actor); domain.ErrorKey(err) != "versions.err.adopted" {
		t.Errorf("discarding an adopted version: %v", err)
	}
}
