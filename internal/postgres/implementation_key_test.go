package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// key names an implementation of the fixture's plan.
func (f fixture) key(orgID, id int64) domain.ImplementationKey {
	return domain.ImplementationKey{PlanID: f.plan, OrgID: orgID, ID: id}
}

// otherPlanImplementation adds a second plan of the same county with one
// measure, and Dülmen's implementation of it.
func otherPlanImplementation(t *testing.T, f fixture) (planID, implID int64) {
	t.Helper()
	ctx := context.Background()
	var goal, measure int64
	for _, q := range []struct {
		dst  *int64
		sql  string
		args []any
	}{
		{&planID, `INSERT INTO plans (owner_id, slug, title, adopted_on, status_colours) VALUES ($1, 'plan-2', 'Plan 2', '2026-01-01', '{}') RETURNING id`, []any{f.county}},
		{&goal, `WITH af AS (INSERT INTO action_fields (plan_id, code, title) VALUES ($1, '1', 'Feld') RETURNING id, plan_id)
			INSERT INTO goals (plan_id, action_field_id, code, title) SELECT plan_id, id, '1.1', 'Ziel' FROM af RETURNING id`, []any{&planID}},
		{&measure, `INSERT INTO measures (plan_id, goal_id, code, title, scope) VALUES ($1, $2, '1.1.1', 'Andere', 'municipal') RETURNING id`, []any{&planID, &goal}},
		{&implID, `INSERT INTO implementations (measure_id, organisation_id) VALUES ($1, $2) RETURNING id`, []any{&measure, f.duelmen}},
	} {
		args := make([]any, len(q.args))
		for i, a := range q.args {
			if p, ok := a.(*int64); ok {
				a = *p
			}
			args[i] = a
		}
		if err := f.pool.QueryRow(ctx, q.sql, args...).Scan(q.dst); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	return planID, implID
}

// An implementation is found only under the plan of its measure: the id of
// the same town's implementation in another plan is not found under this
// one, for reads and for every write.
func TestImplementationOfAnotherPlanIsNotFoundUnderThisPlan(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	otherPlan, other := otherPlanImplementation(t, f)
	wrong := f.key(f.duelmen, other) // this plan, that plan's implementation
	checks := map[string]func() error{
		"find":   func() error { _, err := f.db.FindImplementation(ctx, wrong); return err },
		"detail": func() error { _, err := f.db.FindImplementationDetail(ctx, wrong); return err },
		"records": func() error {
			_, err := f.db.FindImplementationRecords(ctx, wrong, domain.RecordScope{History: true, Comments: true})
			return err
		},
		"update":    func() error { _, err := f.db.UpdateImplementation(ctx, wrong, 1, nil, markRelevant); return err },
		"report":    func() error { _, err := f.db.AddProgressUpdate(ctx, wrong, *day("2026-01-02"), "x", nil); return err },
		"milestone": func() error { _, err := f.db.AddMilestone(ctx, wrong, "x", nil, nil); return err },
		"comment":   func() error { _, err := f.db.AddComment(ctx, wrong, "x", nil); return err },
	}
	for name, check := range checks {
		if err := check(); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("%s under the wrong plan: err = %v, want not found", name, err)
		}
	}
	right := domain.ImplementationKey{PlanID: otherPlan, OrgID: f.duelmen, ID: other}
	impl, err := f.db.FindImplementation(ctx, right)
	if err != nil || impl.Version != 1 {
		t.Fatalf("under its own plan: %+v, %v (want untouched, version 1)", impl, err)
	}
	m, err := f.db.AddMilestone(ctx, right, "Schritt", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.SetMilestoneDone(ctx, domain.MilestoneKey{Implementation: wrong, ID: m.ID}, true, time.Now(), nil); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("milestone done under the wrong plan: err = %v, want not found", err)
	}
	if err := f.db.DeleteMilestone(ctx, domain.MilestoneKey{Implementation: wrong, ID: m.ID}, nil); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("milestone deleted under the wrong plan: err = %v, want not found", err)
	}
}

// The bulk review locks only implementations of its own workspace: one of
// the same town in another plan fails the whole batch as not found.
func TestBulkUpdateRefusesAnImplementationOfAnotherPlan(t *testing.T) {
	f := newFixture(t)
	_, other := otherPlanImplementation(t, f)
	_, err := f.db.UpdateImplementations(context.Background(), domain.WorkspaceKey{PlanID: f.plan, OrgID: f.duelmen},
		map[int64]int{f.implDuelmen: 1, other: 1}, nil, markRelevant)
	if domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("err = %v, want not found", err)
	}
	if impl, _ := f.db.FindImplementation(context.Background(), f.key(f.duelmen, f.implDuelmen)); impl.Version != 1 {
		t.Errorf("the batch was partly saved: %+v", impl)
	}
}
