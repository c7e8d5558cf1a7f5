package postgres_test

import (
	"context"
	"errors"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// A need is saved only from the version it was read at: last save no longer
// wins silently. A stale save changes nothing and returns what is stored now.
func TestUpdateNeedRefusesAStaleVersion(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	n := f.need(t, f.duelmen, "Dolmetscher")
	if n.Version != 1 {
		t.Fatalf("a new need has version %d, want 1", n.Version)
	}
	saved, err := f.db.UpdateNeed(ctx, &f.actor, n.ID, f.plan, 1, domain.NeedChange{Status: domain.NeedClosed})
	if err != nil {
		t.Fatal(err)
	}
	if saved.Version != 2 || saved.Status != domain.NeedClosed {
		t.Errorf("after a fresh save: version %d, status %s; want 2, closed", saved.Version, saved.Status)
	}
	current, err := f.db.UpdateNeed(ctx, &f.actor, n.ID, f.plan, 1, domain.NeedChange{Status: domain.NeedTakenUp, MeasureID: &f.countyWide})
	if !errors.Is(err, domain.ErrStaleVersion) || domain.ErrorCode(err) != domain.CodeConflict {
		t.Fatalf("stale save: err = %v, want a conflict of a stale version", err)
	}
	if current.Version != 2 || current.Status != domain.NeedClosed || current.MeasureID != nil {
		t.Errorf("stale save returned %+v, want the stored version 2 (closed, no measure)", current)
	}
	events, _ := f.db.FindAuditEvents(ctx, f.duelmen, "need", n.ID)
	if len(events) != 2 {
		t.Errorf("%d audit events, want the creation and the one fresh save", len(events))
	}
	// Saving what is stored already changes nothing, not even the version.
	same, err := f.db.UpdateNeed(ctx, &f.actor, n.ID, f.plan, 2, domain.NeedChange{Status: domain.NeedClosed})
	if err != nil || same.Version != 2 {
		t.Errorf("unchanged save: version %d, %v; want 2", same.Version, err)
	}
}
