package implementation_test

import (
	"context"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

func TestReviewRelevanceChecksTheDecisionOnceAndLeavesRelevantOnesAlone(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ws := domain.WorkspaceKey{PlanID: f.key.PlanID, OrgID: f.duelmen}
	// A reason missing for one is missing for all: refused before reading.
	_, err := f.svc.ReviewRelevance(ctx, f.actor, ws, map[int64]int{f.key.ID: 1},
		domain.RelevanceDecision{Relevance: domain.RelevanceNotRelevant})
	if fieldsOf(err)[domain.FieldRelevanceNote] == "" {
		t.Errorf("without reason: %v, want a refusal at the note", err)
	}
	saved, err := f.svc.ReviewRelevance(ctx, f.actor, ws, map[int64]int{f.key.ID: 1},
		domain.RelevanceDecision{Relevance: domain.RelevanceRelevant})
	if err != nil || len(saved) != 1 || saved[0].Version != 2 || saved[0].Status != domain.StatusPlanned {
		t.Fatalf("relevant: %+v, %v", saved, err)
	}
	again, err := f.svc.ReviewRelevance(ctx, f.actor, ws, map[int64]int{f.key.ID: 2},
		domain.RelevanceDecision{Relevance: domain.RelevanceRelevant})
	if err != nil || len(again) != 1 || again[0].Version != 2 {
		t.Errorf("relevant again: %+v, %v (want unchanged, no error)", again, err)
	}
	// The other plan's implementation is not part of this workspace.
	if _, err := f.svc.ReviewRelevance(ctx, f.actor, ws, map[int64]int{f.other.ID: 1},
		domain.RelevanceDecision{Relevance: domain.RelevanceRelevant}); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("another plan's implementation: %v, want not found", err)
	}
}
