package postgres_test

import (
	"context"
	"maps"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/seed"
	"github.com/planwerk/planwerk/internal/testdb"
)

// seedDemo seeds the demo data generated for now, or impls when given.
func seedDemo(t *testing.T, pool *pgxpool.Pool, impls ...seed.Implementation) bool {
	t.Helper()
	if impls == nil {
		impls = seedTestImplementations()
	}
	created, err := postgres.NewDB(pool).SeedDemo(context.Background(),
		seed.CoesfeldConcept(), seed.Organisations(), impls)
	if err != nil {
		t.Fatalf("SeedDemo: %v", err)
	}
	return created
}

func seedTestImplementations() []seed.Implementation {
	return seed.DemoImplementations(seed.CoesfeldConcept(), seed.Organisations(), time.Now())
}

func seedCount(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// seedTableCounts counts the rows of every table the seed writes to.
func seedTableCounts(t *testing.T, pool *pgxpool.Pool) map[string]int {
	t.Helper()
	counts := map[string]int{}
	for _, table := range []string{"organisations", "plans", "action_fields", "goals", "measures",
		"implementations", "progress_updates", "milestones", "comments"} {
		counts[table] = seedCount(t, pool, `SELECT count(*) FROM `+table)
	}
	return counts
}

func TestSeedDemoLoadsTheCatalogue(t *testing.T) {
	pool := testdb.New(t)
	start := time.Now()
	if !seedDemo(t, pool) {
		t.Fatal("first seed reported nothing created")
	}
	t.Logf("seeded in %s", time.Since(start))
	municipal, county := 0, 0
	for _, f := range seed.CoesfeldConcept().Fields {
		for _, g := range f.Goals {
			for _, m := range g.Measures {
				if m.Scope == domain.ScopeCounty {
					county++
				} else {
					municipal++
				}
			}
		}
	}
	got := seedTableCounts(t, pool)
	if got["organisations"] != 12 || got["plans"] != 1 || got["action_fields"] < 7 ||
		got["goals"] < 25 || got["measures"] < 80 || got["implementations"] != municipal*11+county {
		t.Errorf("counts = %v, want 12 organisations, 1 plan, ≥ 7 fields, ≥ 25 goals, ≥ 80 measures, %d implementations",
			got, municipal*11+county)
	}
	if n := seedCount(t, pool, `SELECT count(*) FROM organisations WHERE kind = 'municipality'
		AND parent_id = (SELECT id FROM organisations WHERE slug = 'kreis-coesfeld')`); n != 11 {
		t.Errorf("municipalities of the county = %d, want 11", n)
	}
}

func TestSeedDemoHistoryMatchesTheGenerator(t *testing.T) {
	pool := testdb.New(t)
	impls := seedTestImplementations()
	seedDemo(t, pool, impls...)
	var updates, milestones, comments int
	for _, im := range impls {
		updates += len(im.Updates)
		milestones += len(im.Milestones)
		comments += len(im.Comments)
	}
	got := seedTableCounts(t, pool)
	if got["progress_updates"] != updates || got["milestones"] != milestones || got["comments"] != comments {
		t.Errorf("counts = %v, want %d updates, %d milestones, %d comments", got, updates, milestones, comments)
	}
	if n := seedCount(t, pool, `SELECT count(*) FROM implementations i
		WHERE i.last_update_on IS DISTINCT FROM (SELECT max(reported_on) FROM progress_updates u WHERE u.implementation_id = i.id)`); n != 0 {
		t.Errorf("%d implementations whose last_update_on is not their newest update", n)
	}
	if n := seedCount(t, pool, `SELECT (max(reported_on) - min(reported_on)) FROM progress_updates`); n < 15*31 {
		t.Errorf("progress updates span %d days, want more than 15 months", n)
	}
}

func TestSeedDemoCoversEveryState(t *testing.T) {
	pool := testdb.New(t)
	seedDemo(t, pool)
	check := func(column, value string) {
		t.Helper()
		if seedCount(t, pool, `SELECT count(*) FROM implementations WHERE `+column+` = $1`, value) == 0 {
			t.Errorf("no implementation with %s = %s", column, value)
		}
	}
	for _, r := range domain.Relevances {
		check("relevance", string(r))
	}
	for _, s := range domain.Statuses {
		check("status", string(s))
	}
	for _, s := range domain.Supports {
		check("support", string(s))
	}
	if seedCount(t, pool, `SELECT count(*) FROM implementations WHERE continuous`) == 0 {
		t.Error("no continuous implementation")
	}
	if seedCount(t, pool, `SELECT count(*) FROM implementations
		WHERE status IN ('planned', 'in_progress', 'on_hold') AND due_on < current_date`) == 0 {
		t.Error("no overdue implementation")
	}
}

func TestSeedDemoIsIdempotent(t *testing.T) {
	pool := testdb.New(t)
	seedDemo(t, pool)
	before := seedTableCounts(t, pool)
	if seedDemo(t, pool) {
		t.Error("second seed reported data created")
	}
	if after := seedTableCounts(t, pool); !maps.Equal(before, after) {
		t.Errorf("counts changed by the second seed: %v → %v", before, after)
	}
}

func TestSeedDemoConcurrentSeedsLoadOnce(t *testing.T) {
	pool := testdb.New(t)
	impls := seedTestImplementations()
	var wg sync.WaitGroup
	results := make([]bool, 3)
	errs := make([]error, 3)
	for i := range results {
		wg.Go(func() {
			results[i], errs[i] = postgres.NewDB(pool).SeedDemo(context.Background(),
				seed.CoesfeldConcept(), seed.Organisations(), impls)
		})
	}
	wg.Wait()
	created := 0
	for i := range results {
		if errs[i] != nil {
			t.Fatalf("seed %d: %v", i, errs[i])
		}
		if results[i] {
			created++
		}
	}
	if created != 1 {
		t.Errorf("%d seeds created data, want exactly 1", created)
	}
	if n := seedCount(t, pool, `SELECT count(*) FROM implementations`); n != len(impls) {
		t.Errorf("implementations = %d, want %d", n, len(impls))
	}
}

func TestSeedDemoReusesExistingOrganisations(t *testing.T) {
	pool := testdb.New(t)
	var id int64
	err := pool.QueryRow(context.Background(),
		`INSERT INTO organisations (slug, name, kind) VALUES ('duelmen', 'Dülmen', 'municipality') RETURNING id`).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	seedDemo(t, pool)
	if n := seedCount(t, pool, `SELECT count(*) FROM organisations`); n != 12 {
		t.Errorf("organisations = %d, want 12", n)
	}
	if n := seedCount(t, pool, `SELECT count(*) FROM implementations WHERE organisation_id = $1`, id); n == 0 {
		t.Error("the existing Dülmen got no implementations")
	}
}

func BenchmarkSeedDemo(b *testing.B) {
	impls := seedTestImplementations()
	for b.Loop() {
		b.StopTimer()
		pool := testdb.New(b)
		b.StartTimer()
		if _, err := postgres.NewDB(pool).SeedDemo(context.Background(),
			seed.CoesfeldConcept(), seed.Organisations(), impls); err != nil {
			b.Fatal(err)
		}
	}
}
