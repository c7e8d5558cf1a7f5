package report_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

func TestChoicesAreTheCountyOfficeAndItsTownsAndThePlansFields(t *testing.T) {
	f := newFixture(t)
	ch, err := f.svc.Choices(context.Background(), f.scope)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, o := range ch.Orgs {
		ids = append(ids, o.ID)
	}
	if !slices.Equal(ids, []int64{f.county, f.duelmen, f.nottuln, f.olfen}) || ch.Orgs[0].Kind != domain.OrgCounty {
		t.Errorf("organisations = %+v, want the county office, then Dülmen, Nottuln, Olfen", ch.Orgs)
	}
	if len(ch.Fields) != 1 || ch.Fields[0].Title != "Sprache" {
		t.Errorf("fields = %+v, want the plan's one field", ch.Fields)
	}
}

func TestProposalCoversTheTimeSinceTheLastFrozenReport(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	propose := func() domain.Report {
		t.Helper()
		ch, err := f.svc.Choices(ctx, f.scope)
		if err != nil {
			t.Fatal(err)
		}
		p, err := f.svc.Proposal(ctx, f.scope, ch)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.IncludedOrgIDs) != 4 || len(p.IncludedScopes) != 3 {
			t.Errorf("proposal includes %v, %v; want every organisation and kind", p.IncludedOrgIDs, p.IncludedScopes)
		}
		return p
	}
	check := func(p domain.Report, from string) {
		t.Helper()
		if !p.PeriodFrom.Equal(date(from)) || !p.PeriodTo.Equal(date("2026-11-25")) {
			t.Errorf("period = %s – %s, want %s – 2026-11-25", p.PeriodFrom.Format(time.DateOnly), p.PeriodTo.Format(time.DateOnly), from)
		}
	}
	check(propose(), "2026-01-01") // no adoption date, no report: the year so far

	adopted := date("2025-03-12")
	f.scope.Plan.AdoptedOn = &adopted
	check(propose(), "2025-03-12")

	spring := f.draft("Frühjahr")
	spring.PeriodFrom, spring.PeriodTo = date("2025-03-12"), date("2026-04-30")
	f.frozen(t, f.scope, spring)
	later := f.draft("Entwurf")
	later.PeriodTo = date("2026-10-31")
	if _, err := f.svc.Create(ctx, f.actor, f.scope, later); err != nil {
		t.Fatal(err)
	}
	check(propose(), "2026-05-01") // a draft does not count

	upToToday := f.draft("Bis heute")
	upToToday.PeriodTo = date("2026-11-25")
	f.frozen(t, f.scope, upToToday)
	check(propose(), "2026-11-25") // never a period that ends before it starts
}

// An open implementation with neither a due date nor milestones is not
// overdue; the snapshot must say false, not leave the column unknown (the
// demo data has many such implementations and froze nothing).
func TestFreezeTakesOpenImplementationsWithoutDueDateOrMilestones(t *testing.T) {
	f := newFixture(t)
	if _, err := f.pool.Exec(context.Background(), `UPDATE implementations SET relevance = 'relevant', status = 'planned',
		relevance_decided_on = '2025-01-15' WHERE organisation_id = $1`, f.nottuln); err != nil {
		t.Fatal(err)
	}
	fr := f.frozen(t, f.scope, f.draft("Bericht"))
	for _, r := range fr.Rows {
		if r.OrgID == f.nottuln && (r.Overdue || !r.Stale) {
			t.Errorf("Nottuln row: overdue %v stale %v, want not overdue (no date), stale (never reported)", r.Overdue, r.Stale)
		}
	}
}
