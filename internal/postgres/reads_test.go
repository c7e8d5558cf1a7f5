package postgres_test

import (
	"context"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
)

func TestCatalogueAndTalliesCoverSharedMeasures(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	fields, err := f.db.FindCatalogue(ctx, f.plan)
	if err != nil {
		t.Fatal(err)
	}
	if len(fields) != 1 || len(fields[0].Goals) != 1 || len(fields[0].Goals[0].Measures) != 2 {
		t.Fatalf("catalogue = %+v", fields)
	}
	if got := fields[0].Goals[0].Measures[0].Code; got != "1.1.1" {
		t.Errorf("first measure %q, want 1.1.1", got)
	}
	tallies, err := f.db.TallyByMeasure(ctx, f.plan)
	if err != nil {
		t.Fatal(err)
	}
	if got := tallies[f.municipal]; got.Open != 2 || got.Total() != 2 {
		t.Errorf("municipal tally = %+v, want 2 open", got)
	}
	if got := tallies[f.countyWide]; got.InProgress != 1 || got.Total() != 1 {
		t.Errorf("county tally = %+v, want 1 in progress", got)
	}
}

func TestWorkspaceListsOnlyTheOrganisationsOwnImplementations(t *testing.T) {
	f := newFixture(t)
	items, err := f.db.FindWorkspace(context.Background(), f.duelmen, f.plan)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].ID != f.implDuelmen || items[0].MeasureCode != "1.1.1" || items[0].FieldTitle != "Sprache" {
		t.Fatalf("Dülmen workspace = %+v", items)
	}
}

func TestMeasurePageReadsEveryMunicipality(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m, err := f.db.FindMeasure(ctx, f.municipal)
	if err != nil {
		t.Fatal(err)
	}
	if m.GoalCode != "1.1" || m.FieldCode != "1" || m.PlanSlug != "plan" {
		t.Errorf("measure context = %+v", m)
	}
	_, impls, err := f.db.FindMeasurePage(ctx, f.plan, f.municipal)
	if err != nil {
		t.Fatal(err)
	}
	if len(impls) != 2 || impls[0].OrgName != "Dülmen" || impls[1].OrgName != "Olfen" {
		t.Errorf("implementations = %+v", impls)
	}
}

func TestMissingRowsAreNotFound(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, err1 := f.db.FindMeasure(ctx, 999999)
	_, err2 := f.db.FindOrganisationBySlug(ctx, "gibt-es-nicht")
	_, err3 := f.db.FindPlanBySlug(ctx, "nein")
	for i, err := range []error{err1, err2, err3} {
		if domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("lookup %d: err = %v, want not found", i+1, err)
		}
	}
}

func TestDriverErrorsAreTranslated(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, dup := f.pool.Exec(ctx, `INSERT INTO organisations (slug, name, kind) VALUES ('olfen', 'Olfen', 'municipality')`)
	_, check := f.pool.Exec(ctx, `INSERT INTO organisations (slug, name, kind) VALUES ('x', 'X', 'planet')`)
	cases := []struct {
		err  error
		want domain.Code
	}{{dup, domain.CodeConflict}, {check, domain.CodeInvalid}}
	for _, c := range cases {
		if got := domain.ErrorCode(postgres.Translate(c.err, "record")); got != c.want {
			t.Errorf("translate(%v) = %s, want %s", c.err, got, c.want)
		}
	}
}

// The measure page reads the measure with every implementation in one
// statement, scoped to its plan; a measure nobody implements yet still has
// its page.
func TestFindMeasurePageReadsMeasureAndImplementationsOfItsPlan(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	want, _ := f.db.FindMeasure(ctx, f.municipal)
	m, impls, err := f.db.FindMeasurePage(ctx, f.plan, f.municipal)
	if err != nil {
		t.Fatal(err)
	}
	if m.ID != want.ID || m.Code != want.Code || m.GoalCode != want.GoalCode || m.FieldTitle != want.FieldTitle ||
		m.PlanSlug != want.PlanSlug || m.Scope != want.Scope || len(m.PlanColours) != len(want.PlanColours) {
		t.Errorf("measure = %+v, want %+v", m, want)
	}
	if len(impls) != 2 || impls[0].OrgName != "Dülmen" || impls[1].OrgName != "Olfen" || impls[0].MeasureID != f.municipal {
		t.Errorf("implementations = %+v", impls)
	}
	if _, _, err := f.db.FindMeasurePage(ctx, f.plan+1000, f.municipal); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("under another plan: err = %v, want not found", err)
	}
	var bare int64
	if err := f.pool.QueryRow(ctx, `INSERT INTO measures (plan_id, goal_id, code, title, scope)
		VALUES ($1, $2, '1.1.99', 'Noch ohne Umsetzung', 'municipal') RETURNING id`, f.plan, f.goal).Scan(&bare); err != nil {
		t.Fatal(err)
	}
	m, impls, err = f.db.FindMeasurePage(ctx, f.plan, bare)
	if err != nil || m.Code != "1.1.99" || len(impls) != 0 {
		t.Errorf("measure without implementations: %+v, %d implementations, %v", m, len(impls), err)
	}
}
