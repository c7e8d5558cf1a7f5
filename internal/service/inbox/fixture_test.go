package inbox_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/service/implementation"
	"github.com/planwerk/planwerk/internal/service/inbox"
	"github.com/planwerk/planwerk/internal/service/round"
	"github.com/planwerk/planwerk/internal/testdb"
)

var now = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

// fixture: a county with two towns (Dülmen, Nottuln) and a plan with one
// municipal measure, whose Dülmen implementation has an open support
// request; a second county with a town of its own (Ahaus). Users: two KI
// staff of the county, one coordinator per town (Anna in Dülmen, Bert in
// Nottuln, Carla in Ahaus).
type fixture struct {
	pool           *pgxpool.Pool
	db             *postgres.DB
	inbox          *inbox.Service
	impls          *implementation.Service
	rounds         *round.Service
	scope          domain.PlanScope
	duelmenImpl    domain.ImplementationKey
	ki, ki2        domain.Actor
	anna, bert     domain.Actor
	carla          domain.Actor
	duelmen, ahaus int64
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	pool := testdb.New(t)
	ctx := context.Background()
	f := fixture{pool: pool, db: postgres.NewDB(pool)}
	f.inbox = inbox.New(f.db)
	f.impls = implementation.New(f.db, func() time.Time { return now })
	f.rounds = round.New(f.db, func() time.Time { return now })
	row := func(dst *int64, sql string, args ...any) {
		t.Helper()
		if err := pool.QueryRow(ctx, sql, args...).Scan(dst); err != nil {
			t.Fatalf("fixture %q: %v", sql, err)
		}
	}
	var county, nottuln, other, plan, field, goal, measure, impl int64
	row(&county, `INSERT INTO organisations (slug, name, kind) VALUES ('kreis', 'Kreis', 'county') RETURNING id`)
	row(&f.duelmen, `INSERT INTO organisations (slug, name, kind, parent_id) VALUES ('duelmen', 'Dülmen', 'municipality', $1) RETURNING id`, county)
	row(&nottuln, `INSERT INTO organisations (slug, name, kind, parent_id) VALUES ('nottuln', 'Nottuln', 'municipality', $1) RETURNING id`, county)
	row(&other, `INSERT INTO organisations (slug, name, kind) VALUES ('anderer-kreis', 'Anderer Kreis', 'county') RETURNING id`)
	row(&f.ahaus, `INSERT INTO organisations (slug, name, kind, parent_id) VALUES ('ahaus', 'Ahaus', 'municipality', $1) RETURNING id`, other)
	row(&plan, `INSERT INTO plans (owner_id, slug, title, adopted_on) VALUES ($1, 'plan', 'Plan', '2024-12-01') RETURNING id`, county)
	row(&field, `INSERT INTO action_fields (plan_id, code, title) VALUES ($1, '1', 'Sprache') RETURNING id`, plan)
	row(&goal, `INSERT INTO goals (plan_id, action_field_id, code, title) VALUES ($1, $2, '1.1', 'Ziel') RETURNING id`, plan, field)
	row(&measure, `INSERT INTO measures (plan_id, goal_id, code, title, scope) VALUES ($1, $2, '1.1.1', 'Sprachcafés', 'municipal') RETURNING id`, plan, goal)
	row(&impl, `INSERT INTO implementations (measure_id, organisation_id, relevance, status, support, support_request, support_requested_at)
		VALUES ($1, $2, 'relevant', 'in_progress', 'requested', 'Bitte um Hilfe', now()) RETURNING id`, measure, f.duelmen)
	row(new(int64), `INSERT INTO implementations (measure_id, organisation_id) VALUES ($1, $2) RETURNING id`, measure, nottuln)
	f.duelmenImpl = domain.ImplementationKey{PlanID: plan, OrgID: f.duelmen, ID: impl}
	user := func(a *domain.Actor, subject, name, role string, org int64) {
		t.Helper()
		a.Name = name
		row(&a.ID, `INSERT INTO users (issuer, subject, name) VALUES ('https://idp', $1, $2) RETURNING id`, subject, name)
		row(new(int64), `INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, $3) RETURNING id`, a.ID, org, role)
	}
	user(&f.ki, "ki", "KI Eins", "ki", county)
	user(&f.ki2, "ki2", "KI Zwei", "ki", county)
	user(&f.anna, "anna", "Anna Dülmen", "coordinator", f.duelmen)
	user(&f.bert, "bert", "Bert Nottuln", "coordinator", nottuln)
	user(&f.carla, "carla", "Carla Ahaus", "coordinator", f.ahaus)
	var err error
	if f.scope.Plan, err = f.db.FindPlanBySlug(ctx, "plan"); err != nil {
		t.Fatal(err)
	}
	return f
}

// kinds lists the kinds in a user's inbox, newest first.
func (f fixture) kinds(t *testing.T, a domain.Actor) []domain.NoticeKind {
	t.Helper()
	list, err := f.inbox.List(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	var out []domain.NoticeKind
	for _, n := range list {
		out = append(out, n.Kind)
	}
	return out
}

// version is the Dülmen implementation's version as stored.
func (f fixture) version(t *testing.T) int {
	t.Helper()
	d, err := f.db.FindImplementationDetail(context.Background(), f.duelmenImpl)
	if err != nil {
		t.Fatal(err)
	}
	return d.Version
}
