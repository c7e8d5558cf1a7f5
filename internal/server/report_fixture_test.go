package server_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/seed"
	"github.com/planwerk/planwerk/internal/service/implementation"
	reportsvc "github.com/planwerk/planwerk/internal/service/report"
)

// demoReports are the reports the report tests read: spring and autumn,
// frozen in that order, with one implementation completed in between, and
// a draft. The tests make them through the report service, as the KI
// would, rather than seeding the demo's reports (seedReporting), so that
// they know exactly what changed in between.
type demoReports struct {
	spring, autumn, draft int64
	changed               string // the measure title of the implementation completed in between
}

func (d demoReports) path(id int64) string { return fmt.Sprintf("%s/berichte/%d", demoPlan, id) }

func (a *app) addReports(t *testing.T) demoReports {
	t.Helper()
	return a.addReportsOf(t)
}

// addReportsOf is addReports for the county office and the named towns only
// (every town when none is named): a short report for the browser.
func (a *app) addReportsOf(t *testing.T, only ...string) demoReports {
	t.Helper()
	ctx := context.Background()
	plan, err := a.DB.FindPlanBySlug(ctx, seed.ConceptSlug)
	if err != nil {
		t.Fatal(err)
	}
	sc := domain.PlanScope{Plan: plan}
	towns, err := a.DB.FindMunicipalities(ctx, plan.OwnerID)
	if err != nil {
		t.Fatal(err)
	}
	orgs := []int64{plan.OwnerID}
	for _, town := range towns {
		if len(only) == 0 || slices.Contains(only, town.Slug) {
			orgs = append(orgs, town.ID)
		}
	}
	actor := a.account(t, "demo-ki-1")
	svc := reportsvc.New(a.DB, func() time.Time { return today })
	draft := func(title string) domain.Report {
		meeting := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
		return domain.Report{Title: title, Committee: "Ausschuss für Soziales, Integration und Gleichstellung",
			MeetingOn: &meeting, PeriodFrom: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
			PeriodTo: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), IncludedOrgIDs: orgs,
			Introduction:   "Dieser Bericht fasst den Stand der Umsetzung zusammen.\n\nEr wurde eingefroren.",
			IncludedScopes: []domain.Scope{domain.ScopeCounty, domain.ScopeMunicipal, domain.ScopeLocal}}
	}
	freeze := func(title string) int64 {
		r, err := svc.Create(ctx, actor, sc, draft(title))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Freeze(ctx, actor, sc, r.ID, r.Version); err != nil {
			t.Fatal(err)
		}
		return r.ID
	}
	var d demoReports
	d.spring = freeze("Sachstandsbericht Frühjahr 2026")
	d.changed = a.completeOne(t, plan, actor)
	d.autumn = freeze("Sachstandsbericht Herbst 2026")
	r, err := svc.Create(ctx, actor, sc, draft("Entwurf Winter 2026"))
	if err != nil {
		t.Fatal(err)
	}
	d.draft = r.ID
	return d
}

// completeOne marks one of Dülmen's implementations in progress as completed.
func (a *app) completeOne(t *testing.T, plan domain.Plan, actor domain.Actor) string {
	t.Helper()
	ctx := context.Background()
	org, err := a.DB.FindOrganisationBySlug(ctx, "duelmen")
	if err != nil {
		t.Fatal(err)
	}
	items, err := a.DB.FindWorkspace(ctx, org.ID, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	impls := implementation.New(a.DB, func() time.Time { return today })
	done, hundred := domain.StatusCompleted, 100
	for _, it := range items {
		if it.Relevance != domain.RelevanceRelevant || it.Status != domain.StatusInProgress {
			continue
		}
		key := domain.ImplementationKey{PlanID: plan.ID, OrgID: org.ID, ID: it.ID}
		if _, err := impls.Update(ctx, actor, key, it.Version, domain.ImplementationUpdate{Status: &done, Progress: &hundred}); err != nil {
			t.Fatal(err)
		}
		return it.MeasureTitle
	}
	t.Fatal("Dülmen has no implementation in progress")
	return ""
}

// account is the demo account with the subject, as the actor of a use case.
func (a *app) account(t *testing.T, subject string) domain.Actor {
	t.Helper()
	accounts, err := a.DB.FindAccounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, acc := range accounts {
		if acc.Subject == subject {
			return domain.Actor{ID: acc.ID, Name: acc.Name}
		}
	}
	t.Fatalf("no account %s", subject)
	return domain.Actor{}
}
