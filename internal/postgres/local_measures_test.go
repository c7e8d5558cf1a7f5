package postgres_test

import (
	"context"
	"errors"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

func TestCreateLocalMeasureAddsMeasureAndImplementationWithAudit(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	impl, err := f.db.CreateLocalMeasure(ctx, f.duelmen, f.plan, &f.actor,
		domain.NewLocalMeasure{GoalID: f.goal, Title: "Sprachpaten", Description: "Ehrenamtliche begleiten."})
	if err != nil {
		t.Fatal(err)
	}
	if impl.OrganisationID != f.duelmen || impl.Relevance != domain.RelevanceRelevant || impl.Status != domain.StatusPlanned || impl.Version != 1 {
		t.Errorf("implementation = %+v", impl)
	}
	m, err := f.db.FindMeasure(ctx, impl.MeasureID)
	if err != nil {
		t.Fatal(err)
	}
	if m.Code != "1.1.L-duelmen-1" || m.Scope != domain.ScopeLocal || m.Title != "Sprachpaten" || m.GoalID != f.goal {
		t.Errorf("measure = %+v", m)
	}
	var owner, position, maxOther int64
	if err := f.pool.QueryRow(ctx, `SELECT owner_org_id, position, (SELECT max(position) FROM measures WHERE goal_id = $2 AND id <> $1)
		FROM measures WHERE id = $1`, impl.MeasureID, f.goal).Scan(&owner, &position, &maxOther); err != nil {
		t.Fatal(err)
	}
	if owner != f.duelmen || position <= maxOther {
		t.Errorf("owner %d (want %d), position %d after %d", owner, f.duelmen, position, maxOther)
	}
	for entity, id := range map[string]int64{"measure": impl.MeasureID, "implementation": impl.ID} {
		events, err := f.db.FindAuditEvents(ctx, f.duelmen, entity, id)
		if err != nil || len(events) != 1 || events[0].Action != "create" || events[0].ActorName != "Koordination Dülmen" {
			t.Errorf("%s audit = %+v, %v", entity, events, err)
		}
	}

	// The next one is numbered on; Olfen's starts at 1 with its own slug.
	second, err := f.db.CreateLocalMeasure(ctx, f.duelmen, f.plan, nil, domain.NewLocalMeasure{GoalID: f.goal, Title: "Zweite"})
	if err != nil {
		t.Fatal(err)
	}
	olfen, err := f.db.CreateLocalMeasure(ctx, f.olfen, f.plan, nil, domain.NewLocalMeasure{GoalID: f.goal, Title: "Olfens"})
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64]string{second.MeasureID: "1.1.L-duelmen-2", olfen.MeasureID: "1.1.L-olfen-1"} {
		if m, _ := f.db.FindMeasure(ctx, id); m.Code != want {
			t.Errorf("code %q, want %q", m.Code, want)
		}
	}

	// It is in Dülmen's workspace, marked local, and not in Olfen's.
	items, err := f.db.FindWorkspace(ctx, f.duelmen, f.plan)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range items {
		if it.ID == impl.ID {
			found = it.Scope == domain.ScopeLocal && it.MeasureCode == "1.1.L-duelmen-1"
		}
	}
	if !found {
		t.Errorf("Dülmen's workspace lacks the local measure: %+v", items)
	}
	olfenItems, _ := f.db.FindWorkspace(ctx, f.olfen, f.plan)
	for _, it := range olfenItems {
		if it.ID == impl.ID || it.MeasureID == impl.MeasureID {
			t.Errorf("Olfen's workspace shows Dülmen's local measure")
		}
	}
}

func TestCreateLocalMeasureRefusesAGoalOfAnotherPlanAndChangesNothing(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var otherGoal int64
	if err := f.pool.QueryRow(ctx, `WITH p AS (INSERT INTO plans (owner_id, slug, title) VALUES ($1, 'alt', 'Alt') RETURNING id),
		af AS (INSERT INTO action_fields (plan_id, code, title) SELECT id, '1', 'F' FROM p RETURNING id, plan_id)
		INSERT INTO goals (plan_id, action_field_id, code, title) SELECT plan_id, id, '1.1', 'Z' FROM af RETURNING id`,
		f.county).Scan(&otherGoal); err != nil {
		t.Fatal(err)
	}
	for name, goal := range map[string]int64{"other plan": otherGoal, "unknown": 999999} {
		_, err := f.db.CreateLocalMeasure(ctx, f.duelmen, f.plan, nil, domain.NewLocalMeasure{GoalID: goal, Title: "X"})
		var de *domain.Error
		if !errors.As(err, &de) || de.Code != domain.CodeInvalid || de.Field != "goal_id" {
			t.Errorf("%s goal: err = %v, want invalid goal_id", name, err)
		}
	}
	_, err := f.db.CreateLocalMeasure(ctx, f.duelmen, f.plan, nil, domain.NewLocalMeasure{GoalID: f.goal, Title: ""})
	if domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("empty title: err = %v, want invalid", err)
	}
	var n int
	if err := f.pool.QueryRow(ctx, `SELECT count(*) FROM measures WHERE scope = 'local'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d local measures after refusals (%v)", n, err)
	}
}
