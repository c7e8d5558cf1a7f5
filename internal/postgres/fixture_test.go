package postgres_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/testdb"
)

// fixture is a small plan: the county, Dülmen and Olfen, one field, one goal,
// one municipal and one county-wide measure, and their implementations.
type fixture struct {
	db                     *postgres.DB
	pool                   *pgxpool.Pool
	county, duelmen, olfen int64
	plan, field, goal      int64
	municipal, countyWide  int64
	implDuelmen, implOlfen int64
	implCounty, actor      int64
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	pool := testdb.New(t)
	f := fixture{db: postgres.NewDB(pool), pool: pool}
	ctx := context.Background()
	row := func(dst *int64, sql string, args ...any) {
		t.Helper()
		if err := pool.QueryRow(ctx, sql, args...).Scan(dst); err != nil {
			t.Fatalf("fixture %q: %v", sql, err)
		}
	}
	row(&f.county, `INSERT INTO organisations (slug, name, kind) VALUES ('kreis', 'Kreis', 'county') RETURNING id`)
	row(&f.duelmen, `INSERT INTO organisations (slug, name, kind, parent_id) VALUES ('duelmen', 'Dülmen', 'municipality', $1) RETURNING id`, f.county)
	row(&f.olfen, `INSERT INTO organisations (slug, name, kind, parent_id) VALUES ('olfen', 'Olfen', 'municipality', $1) RETURNING id`, f.county)
	row(&f.plan, `INSERT INTO plans (owner_id, slug, title, adopted_on, status_colours) VALUES ($1, 'plan', 'Plan', '2025-01-01', '{"completed":"green"}') RETURNING id`, f.county)
	row(&f.field, `INSERT INTO action_fields (plan_id, code, title) VALUES ($1, '1', 'Sprache') RETURNING id`, f.plan)
	row(&f.goal, `INSERT INTO goals (plan_id, action_field_id, code, title) VALUES ($1, $2, '1.1', 'Ziel') RETURNING id`, f.plan, f.field)
	row(&f.municipal, `INSERT INTO measures (plan_id, goal_id, code, title, scope) VALUES ($1, $2, '1.1.1', 'Sprachcafés', 'municipal') RETURNING id`, f.plan, f.goal)
	row(&f.countyWide, `INSERT INTO measures (plan_id, goal_id, code, title, scope) VALUES ($1, $2, '1.1.2', 'Dolmetscherpool', 'county') RETURNING id`, f.plan, f.goal)
	row(&f.implDuelmen, `INSERT INTO implementations (measure_id, organisation_id) VALUES ($1, $2) RETURNING id`, f.municipal, f.duelmen)
	row(&f.implOlfen, `INSERT INTO implementations (measure_id, organisation_id) VALUES ($1, $2) RETURNING id`, f.municipal, f.olfen)
	row(&f.implCounty, `INSERT INTO implementations (measure_id, organisation_id, relevance, status, progress) VALUES ($1, $2, 'relevant', 'in_progress', 30) RETURNING id`, f.countyWide, f.county)
	row(&f.actor, `INSERT INTO users (issuer, subject, name) VALUES ('https://idp', 'sub-1', 'Koordination Dülmen') RETURNING id`)
	return f
}
