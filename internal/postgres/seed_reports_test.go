package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/seed"
	"github.com/planwerk/planwerk/internal/testdb"
)

// demoNow is the day the demo's reporting is generated for in these tests.
var demoNow = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// seedDemoReporting seeds the demo plan generated for demoNow with its
// status reports and reporting round.
func seedDemoReporting(t *testing.T, db *postgres.DB) (domain.Plan, []seed.DemoReport, seed.DemoRound) {
	t.Helper()
	ctx := context.Background()
	concept, orgs := seed.CoesfeldConcept(), seed.Organisations()
	if _, err := db.SeedDemo(ctx, concept, orgs, seed.DemoImplementations(concept, orgs, demoNow)); err != nil {
		t.Fatal(err)
	}
	reports, round := seed.DemoReporting(concept, demoNow)
	if created, err := db.SeedDemoReporting(ctx, seed.ConceptSlug, reports, round); err != nil || !created {
		t.Fatalf("SeedDemoReporting: %v, %v", created, err)
	}
	plan, err := db.FindPlanBySlug(ctx, seed.ConceptSlug)
	if err != nil {
		t.Fatal(err)
	}
	return plan, reports, round
}

func TestSeedDemoReportingFreezesSpringAndAutumnWithRealChanges(t *testing.T) {
	pool := testdb.New(t)
	db := postgres.NewDB(pool)
	ctx := context.Background()
	plan, want, _ := seedDemoReporting(t, db)
	if want[0].Title != "Sachstandsbericht Frühjahr 2026" || want[1].Title != "Sachstandsbericht Herbst 2026" ||
		!want[0].FrozenOn.Equal(time.Date(2026, 4, 20, 0, 0, 0, 0, time.UTC)) ||
		!want[1].FrozenOn.Equal(time.Date(2026, 10, 15, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("demo reports %s on %s, %s on %s", want[0].Title, want[0].FrozenOn, want[1].Title, want[1].FrozenOn)
	}
	frozen, err := db.FindReports(ctx, plan.ID, false)
	if err != nil || len(frozen) != 2 {
		t.Fatalf("%d frozen reports, %v", len(frozen), err)
	}
	autumn, err := db.FindFrozenReport(ctx, plan, frozen[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	spring, err := db.FindFrozenReport(ctx, plan, frozen[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if spring.Report.Title != want[0].Title || domain.Today(*spring.Report.FrozenAt) != want[0].FrozenOn ||
		len(spring.Report.Narratives) != 7 || spring.Report.Introduction == "" {
		t.Errorf("spring report %+v", spring.Report)
	}
	// Nothing in a report is newer than its day.
	for _, fr := range []domain.FrozenReport{spring, autumn} {
		day := domain.Today(*fr.Report.FrozenAt)
		for _, r := range fr.Rows {
			if r.LastReportOn != nil && r.LastReportOn.After(day) {
				t.Fatalf("%s: implementation %d reported on %s", fr.Report.Title, r.ImplementationID, r.LastReportOn)
			}
			for _, m := range r.Milestones {
				if m.Done && (m.DoneOn == nil || m.DoneOn.After(day)) {
					t.Fatalf("%s: milestone %q done on %v", fr.Report.Title, m.Title, m.DoneOn)
				}
			}
		}
	}
	cmp, err := domain.CompareReports(spring, autumn)
	if err != nil {
		t.Fatal(err)
	}
	deltas := 0
	for _, c := range cmp.Changes {
		if c.ProgressDelta > 0 {
			deltas++
		}
	}
	t.Logf("completed %d, overdue %d, relevant %d, status %d, progress %d", cmp.NewlyCompleted, cmp.NewlyOverdue,
		cmp.NewlyRelevant, cmp.StatusChanged, deltas)
	if cmp.NewlyCompleted < 5 || cmp.NewlyOverdue < 5 || cmp.NewlyRelevant < 5 || deltas < 20 {
		t.Errorf("the comparison shows too little: %d newly completed, %d newly overdue, %d newly relevant, %d progress deltas",
			cmp.NewlyCompleted, cmp.NewlyOverdue, cmp.NewlyRelevant, deltas)
	}
}

func TestSeedDemoReportingOpensARoundAndIsIdempotent(t *testing.T) {
	pool := testdb.New(t)
	db := postgres.NewDB(pool)
	ctx := context.Background()
	plan, reports, round := seedDemoReporting(t, db)
	rounds, err := db.FindRounds(ctx, plan.ID)
	if err != nil || len(rounds) != 1 || !rounds[0].IsOpen() {
		t.Fatalf("rounds %+v, %v", rounds, err)
	}
	r := rounds[0]
	if r.Title != "Winter 2026/27" || !r.Deadline.Equal(time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC)) ||
		r.MeetingOn == nil || !r.MeetingOn.Equal(time.Date(2027, 2, 3, 0, 0, 0, 0, time.UTC)) || r.Committee != "Integrationsausschuss" {
		t.Errorf("round %+v", r)
	}
	draft, err := db.FindReport(ctx, plan.ID, r.ReportID)
	if err != nil || draft.Frozen() || !draft.PeriodFrom.Equal(time.Date(2026, 10, 16, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("the round's report %+v, %v", draft, err)
	}
	towns, err := db.FindRoundTowns(ctx, r)
	if err != nil || len(towns) != 11 {
		t.Fatalf("%d towns, %v", len(towns), err)
	}
	complete, nudged := 0, 0
	for _, town := range towns {
		if town.Completion != nil {
			complete++
		}
		if town.LastNudge != nil {
			nudged++
		}
		// The statement counts by the rule of domain.NeedsRoundUpdate.
		items, err := db.FindWorkspace(ctx, town.Org.ID, plan.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, it := range items {
			if domain.NeedsRoundUpdate(it.Implementation, r.OpenedOn()) {
				want++
			}
		}
		if town.ToUpdate != want {
			t.Errorf("%s: %d to update, the domain rule says %d", town.Org.Name, town.ToUpdate, want)
		}
	}
	if complete != 4 || nudged != 1 {
		t.Errorf("%d towns complete, %d nudged; want 4 and 1", complete, nudged)
	}
	before := seedCount(t, pool, `SELECT (SELECT count(*) FROM reports) + (SELECT count(*) FROM report_rows)
		+ (SELECT count(*) FROM reporting_rounds) + (SELECT count(*) FROM round_completions) + (SELECT count(*) FROM round_nudges)`)
	if created, err := db.SeedDemoReporting(ctx, seed.ConceptSlug, reports, round); err != nil || created {
		t.Errorf("second seed: created %v, %v", created, err)
	}
	after := seedCount(t, pool, `SELECT (SELECT count(*) FROM reports) + (SELECT count(*) FROM report_rows)
		+ (SELECT count(*) FROM reporting_rounds) + (SELECT count(*) FROM round_completions) + (SELECT count(*) FROM round_nudges)`)
	if before != after {
		t.Errorf("rows %d before, %d after seeding again", before, after)
	}
}
