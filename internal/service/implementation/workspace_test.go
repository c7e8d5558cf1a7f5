package implementation_test

import (
	"context"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/service/implementation"
)

func TestListSelectsWithTheFilterAndKeepsEveryEntry(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ws, err := f.svc.List(ctx, f.plan, f.duelmen, domain.WorkspaceFilter{Relevance: domain.RelevanceRelevant})
	if err != nil {
		t.Fatal(err)
	}
	if len(ws.Entries) != 1 || len(ws.Shown) != 0 || !ws.Today.Equal(now) {
		t.Fatalf("before: %d entries, %d shown (today %v); want 1 and 0", len(ws.Entries), len(ws.Shown), ws.Today)
	}
	if _, err := f.svc.Update(ctx, f.actor, f.key, 1, domain.ImplementationUpdate{Relevance: ptr(domain.RelevanceRelevant)}); err != nil {
		t.Fatal(err)
	}
	stale := domain.WorkspaceFilter{Relevance: domain.RelevanceRelevant, Stale: true}
	ws, err = f.svc.List(ctx, f.plan, f.duelmen, stale)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws.Shown) != 0 {
		t.Errorf("shown %+v: decided today, it cannot lack a report yet", ws.Shown)
	}
	// The plan's interval is 90 days: on day 91 after the decision, still
	// without a report, it is stale.
	later := implementation.New(f.db, func() time.Time { return now.AddDate(0, 0, 91) })
	if ws, err = later.List(ctx, f.plan, f.duelmen, stale); err != nil {
		t.Fatal(err)
	}
	if len(ws.Shown) != 1 || ws.Shown[0].ID != f.key.ID {
		t.Errorf("shown %+v, want the relevant one, never reported in 91 days (stale)", ws.Shown)
	}
}
