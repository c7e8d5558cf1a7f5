package implementation_test

import (
	"context"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
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
	ws, err = f.svc.List(ctx, f.plan, f.duelmen, domain.WorkspaceFilter{Relevance: domain.RelevanceRelevant, Stale: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(ws.Shown) != 1 || ws.Shown[0].ID != f.key.ID {
		t.Errorf("shown %+v, want the relevant one, never reported (stale)", ws.Shown)
	}
}
