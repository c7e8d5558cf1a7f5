package round_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/service/round"
	"github.com/planwerk/planwerk/internal/testdb"
)

// now is the service's clock: 1 December 2026, 13:00 in Berlin.
var now = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

// fixture: a county office with two towns (Dülmen, Nottuln) and a plan
// adopted on 1 December 2024 with one municipal measure: Dülmen's
// implementation is relevant and in progress, last reported on 1 November
// 2026; Nottuln's is undecided. A second plan of the county has no measure
// at all, so its round's report covers nothing.
type fixture struct {
	pool              *pgxpool.Pool
	db                *postgres.DB
	svc               *round.Service
	scope, emptyScope domain.PlanScope
	duelmen, nottuln  domain.Organisation
	county            domain.Organisation
	duelmenImpl       int64
	ki, coordinator   domain.Actor
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	pool := testdb.New(t)
	ctx := context.Background()
	f := fixture{pool: pool, db: postgres.NewDB(pool)}
	f.svc = round.New(f.db, func() time.Time { return now })
	row := func(dst *int64, sql string, args ...any) {
		t.Helper()
		if err := pool.QueryRow(ctx, sql, args...).Scan(dst); err != nil {
			t.Fatalf("fixture %q: %v", sql, err)
		}
	}
	var plan, field, goal, measure int64
	row(&f.county.ID, `INSERT INTO organisations (slug, name, kind) VALUES ('kreis', 'Kreis', 'county') RETURNING id`)
	row(&f.duelmen.ID, `INSERT INTO organisations (slug, name, kind, parent_id) VALUES ('duelmen', 'Dülmen', 'municipality', $1) RETURNING id`, f.county.ID)
	row(&f.nottuln.ID, `INSERT INTO organisations (slug, name, kind, parent_id) VALUES ('nottuln', 'Nottuln', 'municipality', $1) RETURNING id`, f.county.ID)
	f.county.Kind, f.duelmen.Kind, f.nottuln.Kind = domain.OrgCounty, domain.OrgMunicipality, domain.OrgMunicipality
	f.duelmen.Slug, f.nottuln.Slug = "duelmen", "nottuln"
	row(&plan, `INSERT INTO plans (owner_id, slug, title, adopted_on, update_interval_days) VALUES ($1, 'plan', 'Plan', '2024-12-01', 90) RETURNING id`, f.county.ID)
	row(&field, `INSERT INTO action_fields (plan_id, code, title) VALUES ($1, '1', 'Sprache') RETURNING id`, plan)
	row(&goal, `INSERT INTO goals (plan_id, action_field_id, code, title) VALUES ($1, $2, '1.1', 'Ziel') RETURNING id`, plan, field)
	row(&measure, `INSERT INTO measures (plan_id, goal_id, code, title, scope) VALUES ($1, $2, '1.1.1', 'Sprachcafés', 'municipal') RETURNING id`, plan, goal)
	row(&f.duelmenImpl, `INSERT INTO implementations (measure_id, organisation_id, relevance, status, progress, last_update_on)
		VALUES ($1, $2, 'relevant', 'in_progress', 40, '2026-11-01') RETURNING id`, measure, f.duelmen.ID)
	var nottulnImpl, emptyPlan int64
	row(&nottulnImpl, `INSERT INTO implementations (measure_id, organisation_id) VALUES ($1, $2) RETURNING id`, measure, f.nottuln.ID)
	row(&emptyPlan, `INSERT INTO plans (owner_id, slug, title) VALUES ($1, 'leer', 'Leerer Plan') RETURNING id`, f.county.ID)
	f.ki.Name, f.coordinator.Name = "KI Coesfeld", "Anna Dülmen"
	row(&f.ki.ID, `INSERT INTO users (issuer, subject, name) VALUES ('https://idp', 'ki', $1) RETURNING id`, f.ki.Name)
	row(&f.coordinator.ID, `INSERT INTO users (issuer, subject, name) VALUES ('https://idp', 'anna', $1) RETURNING id`, f.coordinator.Name)
	var err error
	if f.scope.Plan, err = f.db.FindPlanBySlug(ctx, "plan"); err != nil {
		t.Fatal(err)
	}
	if f.emptyScope.Plan, err = f.db.FindPlanBySlug(ctx, "leer"); err != nil {
		t.Fatal(err)
	}
	return f
}

func date(s string) *time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &d
}

// open opens a round of sc that ends on 15 January 2027.
func (f fixture) open(t *testing.T, sc domain.PlanScope) domain.Round {
	t.Helper()
	r, err := f.svc.Open(context.Background(), f.ki, sc, round.Open{RoundDraft: domain.RoundDraft{
		Title: "Winter 2026/27", Committee: "Integrationsausschuss", Deadline: date("2027-01-15"), MeetingOn: date("2027-02-03")},
		ReportTitle: "Sachstandsbericht Winter 2026/27"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// in is the scope of a town of the fixture's plan.
func (f fixture) in(org domain.Organisation) domain.PlanScope {
	sc := f.scope
	sc.Org = org
	return sc
}
