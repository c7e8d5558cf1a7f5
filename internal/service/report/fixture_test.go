package report_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/service/report"
	"github.com/planwerk/planwerk/internal/testdb"
)

// now is the service's clock: 25 November 2026, 13:00 in Berlin.
var now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// fixture: a county office with two towns (Dülmen, Nottuln), a plan with one
// action field, a municipal and a county-wide measure; Dülmen's
// implementation is relevant and in progress with a passed due date that was
// postponed once, a progress report and an open milestone; Nottuln's is
// undecided; the county office carries the county-wide measure, with a
// milestone overdue. A second plan of the same county has one frozen-able
// implementation.
type fixture struct {
	pool                     *pgxpool.Pool
	db                       *postgres.DB
	svc                      *report.Service
	scope, otherScope        domain.PlanScope
	county, duelmen, nottuln int64
	olfen                    int64
	duelmenImpl, countyImpl  int64
	actor                    domain.Actor
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	pool := testdb.New(t)
	ctx := context.Background()
	f := fixture{pool: pool, db: postgres.NewDB(pool)}
	f.svc = report.New(f.db, func() time.Time { return now })
	row := func(dst *int64, sql string, args ...any) {
		t.Helper()
		if err := pool.QueryRow(ctx, sql, args...).Scan(dst); err != nil {
			t.Fatalf("fixture %q: %v", sql, err)
		}
	}
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := pool.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("fixture %q: %v", sql, err)
		}
	}
	var plan, field, goal, municipal, countyWide, nottulnImpl, plan2, field2, goal2, measure2 int64
	row(&f.county, `INSERT INTO organisations (slug, name, kind) VALUES ('kreis', 'Kreis', 'county') RETURNING id`)
	row(&f.duelmen, `INSERT INTO organisations (slug, name, kind, parent_id) VALUES ('duelmen', 'Dülmen', 'municipality', $1) RETURNING id`, f.county)
	row(&f.nottuln, `INSERT INTO organisations (slug, name, kind, parent_id) VALUES ('nottuln', 'Nottuln', 'municipality', $1) RETURNING id`, f.county)
	row(&plan, `INSERT INTO plans (owner_id, slug, title, update_interval_days) VALUES ($1, 'plan', 'Plan', 90) RETURNING id`, f.county)
	row(&field, `INSERT INTO action_fields (plan_id, code, title) VALUES ($1, '1', 'Sprache') RETURNING id`, plan)
	row(&goal, `INSERT INTO goals (plan_id, action_field_id, code, title) VALUES ($1, $2, '1.1', 'Ziel') RETURNING id`, plan, field)
	row(&municipal, `INSERT INTO measures (plan_id, goal_id, code, title, scope) VALUES ($1, $2, '1.1.1', 'Sprachcafés', 'municipal') RETURNING id`, plan, goal)
	row(&countyWide, `INSERT INTO measures (plan_id, goal_id, code, title, scope) VALUES ($1, $2, '1.1.2', 'Kreisweite Beratung', 'county') RETURNING id`, plan, goal)
	row(&f.duelmenImpl, `INSERT INTO implementations (measure_id, organisation_id, relevance, status, progress,
		contact, start_on, due_on, last_update_on, original_due_on, postponements, last_postponed_on, postponement_reason)
		VALUES ($1, $2, 'relevant', 'in_progress', 40, 'anna@duelmen.example', '2026-01-01', '2026-09-30', '2026-11-01',
		        '2026-06-30', 1, '2026-06-15', 'Träger gewechselt') RETURNING id`, municipal, f.duelmen)
	// Olfen: relevant, planned, due next year, reported recently, no milestone.
	row(&f.olfen, `INSERT INTO organisations (slug, name, kind, parent_id) VALUES ('olfen', 'Olfen', 'municipality', $1) RETURNING id`, f.county)
	exec(`INSERT INTO implementations (measure_id, organisation_id, relevance, status, progress, due_on, last_update_on)
		VALUES ($1, $2, 'relevant', 'planned', 0, '2027-06-30', '2026-11-20')`, municipal, f.olfen)
	row(&nottulnImpl, `INSERT INTO implementations (measure_id, organisation_id) VALUES ($1, $2) RETURNING id`, municipal, f.nottuln)
	// The county office decided its measure long ago and never reported: stale.
	row(&f.countyImpl, `INSERT INTO implementations (measure_id, organisation_id, relevance, status, progress, continuous,
		relevance_decided_on) VALUES ($1, $2, 'relevant', 'planned', 0, true, '2025-03-01') RETURNING id`, countyWide, f.county)
	exec(`INSERT INTO progress_updates (implementation_id, reported_on, body, status, progress)
		VALUES ($1, '2026-06-01', 'Erster Bericht', 'in_progress', 20), ($1, '2026-11-01', 'Zweiter Bericht', 'in_progress', 40)`, f.duelmenImpl)
	exec(`INSERT INTO milestones (implementation_id, title, due_on) VALUES ($1, 'Raum gefunden', '2026-12-15')`, f.duelmenImpl)
	exec(`INSERT INTO milestones (implementation_id, title, due_on) VALUES ($1, 'Konzept', '2026-10-01')`, f.countyImpl)
	exec(`INSERT INTO comments (implementation_id, body) VALUES ($1, 'Interner Hinweis: nicht für den Ausschuss')`, f.duelmenImpl)
	row(&plan2, `INSERT INTO plans (owner_id, slug, title) VALUES ($1, 'plan-2', 'Plan 2') RETURNING id`, f.county)
	row(&field2, `INSERT INTO action_fields (plan_id, code, title) VALUES ($1, '1', 'Feld') RETURNING id`, plan2)
	row(&goal2, `INSERT INTO goals (plan_id, action_field_id, code, title) VALUES ($1, $2, '1.1', 'Ziel') RETURNING id`, plan2, field2)
	row(&measure2, `INSERT INTO measures (plan_id, goal_id, code, title, scope) VALUES ($1, $2, '1.1.1', 'Andere', 'municipal') RETURNING id`, plan2, goal2)
	exec(`INSERT INTO implementations (measure_id, organisation_id) VALUES ($1, $2)`, measure2, f.duelmen)
	f.actor.Name = "KI Coesfeld"
	row(&f.actor.ID, `INSERT INTO users (issuer, subject, name) VALUES ('https://idp', 'ki', $1) RETURNING id`, f.actor.Name)
	var err error
	if f.scope.Plan, err = f.db.FindPlanBySlug(ctx, "plan"); err != nil {
		t.Fatal(err)
	}
	if f.otherScope.Plan, err = f.db.FindPlanBySlug(ctx, "plan-2"); err != nil {
		t.Fatal(err)
	}
	return f
}

func date(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// draft is a report of every organisation and every kind of measure.
func (f fixture) draft(title string) domain.Report {
	return domain.Report{Title: title, Committee: "Integrationsausschuss", PeriodFrom: date("2026-01-01"),
		PeriodTo: date("2026-11-30"), IncludedOrgIDs: []int64{f.county, f.duelmen, f.nottuln, f.olfen},
		IncludedScopes: []domain.Scope{domain.ScopeCounty, domain.ScopeMunicipal, domain.ScopeLocal}}
}

// frozen creates and freezes a report of scope.
func (f fixture) frozen(t *testing.T, sc domain.PlanScope, r domain.Report) domain.FrozenReport {
	t.Helper()
	ctx := context.Background()
	d, err := f.svc.Create(ctx, f.actor, sc, r)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Freeze(ctx, f.actor, sc, d.ID, d.Version); err != nil {
		t.Fatal(err)
	}
	fr, err := f.svc.Frozen(ctx, sc, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	return fr
}
