package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/seed"
)

// TestTwoCountiesStayApart: the KI of one county sees only its own plans,
// queue and needs, and cannot reach another county's records through the
// addresses of its own plan.
func TestTwoCountiesStayApart(t *testing.T) {
	a := newApp(t)
	a.addOtherCounty(t)
	ctx := context.Background()
	coesfeldKI, borkenKI := a.signIn(t, "ki-1"), a.signIn(t, "ausschuss-2")

	_, body, _ := fetch(t, coesfeldKI, http.MethodGet, a.URL+"/plaene")
	mustContain(t, body, `href="`+demoPlan+`"`)
	if strings.Contains(body, otherPlan) {
		t.Error("Kreis Coesfeld's KI is shown Kreis Borken's plan")
	}
	_, body, _ = fetch(t, borkenKI, http.MethodGet, a.URL+"/plaene")
	mustContain(t, body, `href="`+otherPlan+`"`, "Kreis Borken")
	if strings.Contains(body, demoPlan+`"`) {
		t.Error("Kreis Borken's KI is shown Kreis Coesfeld's plan")
	}

	// A need reported in Dülmen is Kreis Coesfeld's business only.
	duelmen := a.signIn(t, "duelmen")
	if status, _, _ := fetch(t, duelmen, http.MethodPost, a.URL+demoPlan+"/kommunen/duelmen/bedarfe", "title=Sprachmittlung"); status != http.StatusSeeOther {
		t.Fatalf("report need: %d", status)
	}
	coesfeld, _ := a.DB.FindPlanBySlug(ctx, seed.ConceptSlug)
	needs, err := a.DB.FindAllNeeds(ctx, coesfeld.OwnerID, "")
	if err != nil || len(needs) != 1 {
		t.Fatalf("needs of Kreis Coesfeld: %v, %v", needs, err)
	}
	_, body, _ = fetch(t, borkenKI, http.MethodGet, a.URL+otherPlan+"/bedarfe")
	if strings.Contains(body, "Sprachmittlung") {
		t.Error("Kreis Borken's needs page lists a need of Dülmen")
	}
	status, _, _ := fetch(t, borkenKI, http.MethodPost, fmt.Sprintf("%s%s/bedarfe/%d", a.URL, otherPlan, needs[0].ID), "version=1", "status=closed")
	if status != http.StatusNotFound {
		t.Errorf("Kreis Borken's KI closing Dülmen's need through its own plan: %d, want 404", status)
	}
	if after, _ := a.DB.FindAllNeeds(ctx, coesfeld.OwnerID, ""); after[0].Status != needs[0].Status {
		t.Errorf("need changed to %s", after[0].Status)
	}

	// Support requests: each county's queue lists its own towns only.
	_, body, _ = fetch(t, borkenKI, http.MethodGet, a.URL+otherPlan+"/unterstuetzung")
	if strings.Contains(body, "Dülmen") || strings.Contains(body, "Olfen") {
		t.Error("Kreis Borken's support queue lists towns of Kreis Coesfeld")
	}
	// A town of another county does not exist within a plan.
	if status, _, _ := fetch(t, borkenKI, http.MethodGet, a.URL+otherPlan+"/kommunen/duelmen"); status != http.StatusNotFound {
		t.Errorf("Dülmen within Kreis Borken's plan: %d, want 404", status)
	}
	if status, _, _ := fetch(t, coesfeldKI, http.MethodGet, a.URL+demoPlan+"/kommunen/bocholt"); status != http.StatusNotFound {
		t.Errorf("Bocholt within Kreis Coesfeld's plan: %d, want 404", status)
	}
}

// TestWorkspaceSwitchesBetweenThePlansOfItsCounty: a town takes part in
// every plan of its county office; its workspace offers the others.
func TestWorkspaceSwitchesBetweenThePlansOfItsCounty(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	previous, orgs := seed.PreviousCoesfeldConcept(), seed.Organisations()
	if _, err := a.DB.SeedDemo(ctx, previous, orgs, seed.DemoImplementations(previous, orgs, today)); err != nil {
		t.Fatal(err)
	}
	duelmen := a.signIn(t, "duelmen")
	oldPlan := "/plaene/" + seed.PreviousConceptSlug

	_, body, _ := fetch(t, duelmen, http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen")
	mustContain(t, body, `class="plan-switch"`, `href="`+oldPlan+`/kommunen/duelmen"`,
		`href="`+demoPlan+`/kommunen/duelmen" aria-current="page"`, previous.Title)

	status, body, _ := fetch(t, duelmen, http.MethodGet, a.URL+oldPlan+"/kommunen/duelmen")
	if status != http.StatusOK {
		t.Fatalf("Dülmen's workspace of the 2018 plan: %d", status)
	}
	mustContain(t, body, previous.Title, `href="`+oldPlan+`/kommunen/duelmen" aria-current="page"`)

	// An old link leads to the plan that is current: the 2025 concept.
	status, _, h := fetch(t, duelmen, http.MethodGet, a.URL+"/kommunen/duelmen?ansicht=aufgaben")
	if want := demoPlan + "/kommunen/duelmen?ansicht=aufgaben"; status != http.StatusFound || h.Get("Location") != want {
		t.Errorf("old link: %d → %q, want 302 → %q", status, h.Get("Location"), want)
	}
}

// TestMeasureOfAnotherPlanIsNotFound: a measure's address names its plan;
// another plan's address (perhaps another county's) does not show it.
func TestMeasureOfAnotherPlanIsNotFound(t *testing.T) {
	a := newApp(t)
	a.addOtherCounty(t)
	ctx := context.Background()
	coesfeld, _ := a.DB.FindPlanBySlug(ctx, seed.ConceptSlug)
	fields, err := a.DB.FindCatalogue(ctx, coesfeld.ID)
	if err != nil {
		t.Fatal(err)
	}
	measure := fields[0].Goals[0].Measures[0].ID
	borkenKI := a.signIn(t, "ausschuss-2")
	if status, _, _ := fetch(t, borkenKI, http.MethodGet, fmt.Sprintf("%s%s/massnahmen/%d", a.URL, otherPlan, measure)); status != http.StatusNotFound {
		t.Errorf("Kreis Coesfeld's measure within Kreis Borken's plan: %d, want 404", status)
	}
	if status, _, _ := fetch(t, a.signIn(t, "ki-1"), http.MethodGet, fmt.Sprintf("%s%s/massnahmen/%d", a.URL, demoPlan, measure)); status != http.StatusOK {
		t.Errorf("the measure within its own plan: %d, want 200", status)
	}
}

// TestMeasurePageMakesFourStatements: session, account, scope and the
// measure with its implementations — the plan in the address costs nothing
// over the four statements the page made before it.
func TestMeasurePageMakesFourStatements(t *testing.T) {
	a := newApp(t)
	plan, _ := a.DB.FindPlanBySlug(context.Background(), seed.ConceptSlug)
	fields, err := a.DB.FindCatalogue(context.Background(), plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("%s/massnahmen/%d", demoPlan, fields[0].Goals[0].Measures[0].ID)
	if n := queriesOf(t, a, a.signIn(t, "ki-1"), path); n != 4 {
		t.Errorf("%s ran %d SQL statements, want 4", path, n)
	}
}
