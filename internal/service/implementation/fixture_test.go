package implementation_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/service/implementation"
	"github.com/planwerk/planwerk/internal/testdb"
)

// now is the fixed clock of the service under test: 25 November 2026, 13:00 in Berlin.
var now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// fixture is a county with one town (Dülmen), a plan with one municipal
// measure and Dülmen's implementation of it, a second plan of the same
// county with Dülmen's implementation of its measure, and a user.
type fixture struct {
	pool    *pgxpool.Pool // for what no use case does: breaking a table on purpose
	db      *postgres.DB
	svc     *implementation.Service
	plan    domain.Plan
	key     domain.ImplementationKey // Dülmen's implementation of the first plan
	other   domain.ImplementationKey // Dülmen's implementation of the second plan
	actor   domain.Actor
	duelmen int64
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	pool := testdb.New(t)
	ctx := context.Background()
	f := fixture{pool: pool, db: postgres.NewDB(pool)}
	f.svc = implementation.New(f.db, func() time.Time { return now })
	row := func(dst *int64, sql string, args ...any) {
		t.Helper()
		if err := pool.QueryRow(ctx, sql, args...).Scan(dst); err != nil {
			t.Fatalf("fixture %q: %v", sql, err)
		}
	}
	var county, field, goal, measure, plan2, field2, goal2, measure2 int64
	row(&county, `INSERT INTO organisations (slug, name, kind) VALUES ('kreis', 'Kreis', 'county') RETURNING id`)
	row(&f.duelmen, `INSERT INTO organisations (slug, name, kind, parent_id) VALUES ('duelmen', 'Dülmen', 'municipality', $1) RETURNING id`, county)
	row(&f.plan.ID, `INSERT INTO plans (owner_id, slug, title, adopted_on, update_interval_days, status_colours) VALUES ($1, 'plan', 'Plan', '2025-01-01', 90, '{}') RETURNING id`, county)
	f.plan.UpdateIntervalDays = 90
	row(&field, `INSERT INTO action_fields (plan_id, code, title) VALUES ($1, '1', 'Sprache') RETURNING id`, f.plan.ID)
	row(&goal, `INSERT INTO goals (plan_id, action_field_id, code, title) VALUES ($1, $2, '1.1', 'Ziel') RETURNING id`, f.plan.ID, field)
	row(&measure, `INSERT INTO measures (plan_id, goal_id, code, title, scope) VALUES ($1, $2, '1.1.1', 'Sprachcafés', 'municipal') RETURNING id`, f.plan.ID, goal)
	f.key = domain.ImplementationKey{PlanID: f.plan.ID, OrgID: f.duelmen}
	row(&f.key.ID, `INSERT INTO implementations (measure_id, organisation_id) VALUES ($1, $2) RETURNING id`, measure, f.duelmen)
	row(&plan2, `INSERT INTO plans (owner_id, slug, title, adopted_on, status_colours) VALUES ($1, 'plan-2', 'Plan 2', '2026-01-01', '{}') RETURNING id`, county)
	row(&field2, `INSERT INTO action_fields (plan_id, code, title) VALUES ($1, '1', 'Feld') RETURNING id`, plan2)
	row(&goal2, `INSERT INTO goals (plan_id, action_field_id, code, title) VALUES ($1, $2, '1.1', 'Ziel') RETURNING id`, plan2, field2)
	row(&measure2, `INSERT INTO measures (plan_id, goal_id, code, title, scope) VALUES ($1, $2, '1.1.1', 'Andere', 'municipal') RETURNING id`, plan2, goal2)
	f.other = domain.ImplementationKey{PlanID: plan2, OrgID: f.duelmen}
	row(&f.other.ID, `INSERT INTO implementations (measure_id, organisation_id) VALUES ($1, $2) RETURNING id`, measure2, f.duelmen)
	f.actor.Name = "Koordination Dülmen"
	row(&f.actor.ID, `INSERT INTO users (issuer, subject, name) VALUES ('https://idp', 'sub-1', $1) RETURNING id`, f.actor.Name)
	return f
}

// current reads the implementation key names as stored.
func (f fixture) current(t *testing.T, key domain.ImplementationKey) domain.Implementation {
	t.Helper()
	impl, err := f.db.FindImplementation(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	return impl
}

func ptr[T any](v T) *T { return &v }

func day(s string) *time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &d
}

// fieldsOf lists the form fields a refusal names, with their message ids.
func fieldsOf(err error) map[string]string {
	out := map[string]string{}
	var walk func(error)
	walk = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		var de *domain.Error
		if errors.As(err, &de) {
			out[de.Field] = de.Key
		}
	}
	walk(err)
	return out
}
