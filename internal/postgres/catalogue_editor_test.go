package postgres_test

import (
	"context"
	"errors"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// freshTallies counts the plan's implementations per measure afresh.
func freshTallies(t *testing.T, f fixture) map[int64]domain.Tally {
	t.Helper()
	fresh := map[int64]domain.Tally{}
	rows, err := f.pool.Query(context.Background(), `SELECT i.measure_id, i.relevance, coalesce(i.status, ''), count(*)
		FROM implementations i JOIN measures m ON m.id = i.measure_id WHERE m.plan_id = $1 GROUP BY 1, 2, 3`, f.plan)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var rel, status string
		var n int
		if err := rows.Scan(&id, &rel, &status, &n); err != nil {
			t.Fatal(err)
		}
		tally := fresh[id]
		tally.Add(domain.Relevance(rel), domain.Status(status), n)
		fresh[id] = tally
	}
	return fresh
}

func sameTallies(t *testing.T, f fixture, when string) {
	t.Helper()
	kept, err := f.db.TallyByMeasure(context.Background(), f.plan)
	if err != nil {
		t.Fatal(err)
	}
	fresh := freshTallies(t, f)
	for id, k := range kept {
		if fresh[id] != k {
			t.Errorf("%s: measure %d kept %+v, fresh %+v", when, id, k, fresh[id])
		}
	}
	for id, n := range fresh {
		if kept[id] != n {
			t.Errorf("%s: measure %d kept %+v, fresh %+v", when, id, kept[id], n)
		}
	}
}

// The editor's writes (a new municipal and county-wide measure, a move to
// another goal, a retirement and a taking back) keep the monitoring cells
// and the measure tallies equal to a fresh count, and a new municipal
// measure has an open implementation in every town at once.
func TestCatalogueEditsKeepTheCountsFresh(t *testing.T) {
	f, _ := monitoringFixture(t)
	ctx := context.Background()
	day := domain.MonitoringDayOf(monitoringToday, 180)
	if _, err := f.db.FindMonitoring(ctx, f.plan, f.county, day); err != nil { // judges the plan: cells are kept from here
		t.Fatal(err)
	}
	actor := &f.actor
	save := func(it domain.CatalogueItem) int64 {
		t.Helper()
		id, err := f.db.SaveCatalogueItem(ctx, f.plan, actor, it)
		if err != nil {
			t.Fatalf("save %+v: %v", it, err)
		}
		return id
	}
	goal2 := save(domain.CatalogueItem{Level: domain.LevelGoal, ParentID: f.field, Code: "1.2", Title: "Zweites Ziel"})
	municipal := save(domain.CatalogueItem{Level: domain.LevelMeasure, ParentID: f.goal, Code: "1.1.9", Title: "Neu", Scope: domain.ScopeMunicipal})
	county := save(domain.CatalogueItem{Level: domain.LevelMeasure, ParentID: goal2, Code: "1.2.1", Title: "Kreisweit", Scope: domain.ScopeCounty})
	var towns, impls, countyImpls int
	if err := f.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM organisations WHERE parent_id = $1 AND kind = 'municipality'),
		(SELECT count(*) FROM implementations WHERE measure_id = $2 AND relevance = 'open'),
		(SELECT count(*) FROM implementations WHERE measure_id = $3 AND organisation_id = $1)`,
		f.county, municipal, county).Scan(&towns, &impls, &countyImpls); err != nil {
		t.Fatal(err)
	}
	if impls != towns || countyImpls != 1 {
		t.Errorf("implementations: %d of %d towns for the municipal measure, %d for the county-wide", impls, towns, countyImpls)
	}
	sameTallies(t, f, "after creating")
	sameAsFreshCount(t, f, day, "after creating")

	// The measure moves to the second goal (another cell grouping), one town
	// decides on it, then it is retired and taken back.
	save(domain.CatalogueItem{Level: domain.LevelMeasure, ID: municipal, ParentID: goal2, Code: "1.2.2", Title: "Neu", Scope: domain.ScopeMunicipal})
	sameAsFreshCount(t, f, day, "after the move")
	if _, err := f.pool.Exec(ctx, `UPDATE implementations SET relevance = 'relevant', status = 'planned', relevance_decided_on = '2026-11-01', version = version + 1
		WHERE measure_id = $1 AND organisation_id = $2`, municipal, f.duelmen); err != nil {
		t.Fatal(err)
	}
	if err := f.db.RetireCatalogueItem(ctx, f.plan, actor, domain.LevelMeasure, municipal, true); err != nil {
		t.Fatal(err)
	}
	if err := f.pool.QueryRow(ctx, `SELECT count(*) FROM implementations WHERE measure_id = $1`, municipal).Scan(&impls); err != nil {
		t.Fatal(err)
	}
	if impls != 1 {
		t.Errorf("after retiring, %d implementations are left; want only Dülmen's decided one", impls)
	}
	sameTallies(t, f, "after retiring")
	sameAsFreshCount(t, f, day, "after retiring")
	if err := f.db.RetireCatalogueItem(ctx, f.plan, actor, domain.LevelMeasure, municipal, false); err != nil {
		t.Fatal(err)
	}
	if err := f.pool.QueryRow(ctx, `SELECT count(*) FROM implementations WHERE measure_id = $1`, municipal).Scan(&impls); err != nil {
		t.Fatal(err)
	}
	if impls != towns {
		t.Errorf("taken back: %d implementations, want %d", impls, towns)
	}
	sameTallies(t, f, "after taking back")
	sameAsFreshCount(t, f, day, "after taking back")

	history, err := f.db.FindCatalogueHistory(ctx, f.plan, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(history) != 6 || history[0].Changes["retired"].New != false || history[0].Code != "1.2.2" {
		t.Errorf("history: %d events, newest %+v", len(history), history[0])
	}
}

// Codes are unique within the plan per level, and checked before writing:
// the refusal names the code field.
func TestCatalogueRefusesATakenCode(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, err := f.db.SaveCatalogueItem(ctx, f.plan, &f.actor,
		domain.CatalogueItem{Level: domain.LevelMeasure, ParentID: f.goal, Code: "1.1.1", Title: "Doppelt", Scope: domain.ScopeMunicipal})
	var de *domain.Error
	if !errors.As(err, &de) || de.Field != "code" || de.Key != "catalogue.err.codeTaken" {
		t.Fatalf("a taken code: %v", err)
	}
	_, err = f.db.SaveCatalogueItem(ctx, f.plan, &f.actor,
		domain.CatalogueItem{Level: domain.LevelMeasure, ParentID: 999999, Code: "1.1.7", Title: "Ohne Ziel", Scope: domain.ScopeMunicipal})
	if !errors.As(err, &de) || de.Field != "parent_id" {
		t.Fatalf("a goal of no plan: %v", err)
	}
}

// Moving an item swaps it with its neighbour; at the edge nothing moves.
func TestCatalogueMovesAMeasureAmongItsSiblings(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	order := func() []string {
		t.Helper()
		fields, err := f.db.FindCatalogueTree(ctx, f.plan)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, m := range fields[0].Children[0].Children {
			codes = append(codes, m.Code)
		}
		return codes
	}
	if err := f.db.MoveCatalogueItem(ctx, f.plan, &f.actor, domain.LevelMeasure, f.countyWide, domain.Up); err != nil {
		t.Fatal(err)
	}
	if got := order(); len(got) != 2 || got[0] != "1.1.2" {
		t.Fatalf("after moving 1.1.2 up: %v", got)
	}
	if err := f.db.MoveCatalogueItem(ctx, f.plan, &f.actor, domain.LevelMeasure, f.countyWide, domain.Up); err != nil {
		t.Fatal(err)
	}
	if got := order(); got[0] != "1.1.2" {
		t.Fatalf("moving the first up again: %v", got)
	}
}
