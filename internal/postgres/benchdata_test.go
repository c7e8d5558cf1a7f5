package postgres_test

import (
	"context"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/testdb"
)

func TestGenerateBenchData(t *testing.T) {
	pool := testdb.New(t)
	db := postgres.NewDB(pool)
	ctx := context.Background()
	if err := db.GenerateBenchData(ctx, 12, 40, 10); err != nil {
		t.Fatal(err)
	}
	count := func(sql string) int64 {
		t.Helper()
		var n int64
		if err := pool.QueryRow(ctx, sql).Scan(&n); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		return n
	}
	// 40 measures, every tenth county-wide: 36 × 12 municipalities + 4 × the county.
	checks := []struct {
		what string
		sql  string
		want int64
	}{
		{"municipalities", `SELECT count(*) FROM organisations WHERE kind = 'municipality' AND slug ~ '^kommune-[0-9]{3}$'`, 12},
		{"county offices", `SELECT count(*) FROM organisations WHERE kind = 'county'`, 1},
		{"action fields", `SELECT count(*) FROM action_fields`, 10},
		{"goals", `SELECT count(*) FROM goals`, 30},
		{"county-wide measures", `SELECT count(*) FROM measures WHERE scope = 'county'`, 4},
		{"implementations", `SELECT count(*) FROM implementations`, 36*12 + 4},
		{"implementations whose last_update_on is not their newest update", `
			SELECT count(*) FROM implementations i
			WHERE i.last_update_on IS DISTINCT FROM (SELECT max(reported_on) FROM progress_updates p WHERE p.implementation_id = i.id)`, 0},
		{"updates on open or not relevant implementations", `
			SELECT count(*) FROM progress_updates p JOIN implementations i ON i.id = p.implementation_id
			WHERE i.relevance IN ('open', 'not_relevant')`, 0},
		{"newest updates that disagree with their implementation", `
			SELECT count(*) FROM implementations i JOIN progress_updates p
			  ON p.implementation_id = i.id AND p.reported_on = i.last_update_on
			WHERE p.status IS DISTINCT FROM i.status OR p.progress <> i.progress`, 0},
		{"distinct relevance and status states", `SELECT count(DISTINCT (relevance, status)) FROM implementations`, 8},
	}
	for _, c := range checks {
		if got := count(c.sql); got != c.want {
			t.Errorf("%s: got %d, want %d", c.what, got, c.want)
		}
	}
	// ±50 % jitter around 10 per municipality and measure: 4 800 on average.
	if n := count(`SELECT count(*) FROM progress_updates`); n < 4300 || n > 5300 {
		t.Errorf("progress updates: got %d, want about 4800", n)
	}
	ds, err := db.FindBenchDataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ds.Municipalities != 12 || ds.Measures != 40 || ds.UpdatesPerImpl != 10 || ds.Implementations != 36*12+4 {
		t.Errorf("FindBenchDataset = %+v", ds)
	}
	err = db.GenerateBenchData(ctx, 12, 40, 10)
	if err == nil || !strings.Contains(err.Error(), "empty database") {
		t.Errorf("second GenerateBenchData: got %v, want a refusal of the non-empty database", err)
	}
}

func TestFindBenchDatasetWithoutDataset(t *testing.T) {
	db := postgres.NewDB(testdb.New(t))
	if _, err := db.FindBenchDataset(context.Background()); err == nil {
		t.Fatal("FindBenchDataset on an empty database: no error")
	}
}
