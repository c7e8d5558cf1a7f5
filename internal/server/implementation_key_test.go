package server_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/seed"
)

// key names an implementation of the demo plan.
func (a *app) key(t *testing.T, orgID, id int64) domain.ImplementationKey {
	t.Helper()
	plan, err := a.DB.FindPlanBySlug(context.Background(), seed.ConceptSlug)
	if err != nil {
		t.Fatal(err)
	}
	return domain.ImplementationKey{PlanID: plan.ID, OrgID: orgID, ID: id}
}

// TestImplementationOfAnotherPlanIsNotFound: an implementation's address
// names its plan; the same town's implementation of another plan of the
// county is not found under this plan's address, neither read nor written.
func TestImplementationOfAnotherPlanIsNotFound(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	previous, orgs := seed.PreviousCoesfeldConcept(), seed.Organisations()
	if _, err := a.DB.SeedDemo(ctx, previous, orgs, seed.DemoImplementations(previous, orgs, today)); err != nil {
		t.Fatal(err)
	}
	oldPlan, err := a.DB.FindPlanBySlug(ctx, seed.PreviousConceptSlug)
	if err != nil {
		t.Fatal(err)
	}
	org, err := a.DB.FindOrganisationBySlug(ctx, "duelmen")
	if err != nil {
		t.Fatal(err)
	}
	items, err := a.DB.FindWorkspace(ctx, org.ID, oldPlan.ID)
	if err != nil || len(items) == 0 {
		t.Fatalf("Dülmen's workspace of the old plan: %v", err)
	}
	old := items[0].Implementation
	own := domain.ImplementationKey{PlanID: oldPlan.ID, OrgID: org.ID, ID: old.ID}
	before, err := a.DB.FindImplementationRecords(ctx, own, domain.RecordScope{})
	if err != nil {
		t.Fatal(err)
	}
	duelmen := a.signIn(t, "duelmen")
	wrong := fmt.Sprintf("%s%s/kommunen/duelmen/umsetzungen/%d", a.URL, demoPlan, old.ID)
	for _, path := range []string{wrong, wrong + "/bearbeiten"} {
		if status, _, _ := fetch(t, duelmen, http.MethodGet, path); status != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, status)
		}
	}
	status, _, _ := fetch(t, duelmen, http.MethodPost, wrong+"/sachstand", statusReportForm(old, "report_body=fremd")...)
	if status != http.StatusNotFound {
		t.Errorf("report under the wrong plan: %d, want 404", status)
	}
	status, _, _ = fetch(t, duelmen, http.MethodPost, wrong+"/bearbeiten", editForm(old, "responsible_org=fremd")...)
	if status != http.StatusNotFound {
		t.Errorf("edit under the wrong plan: %d, want 404", status)
	}
	now, err := a.DB.FindImplementation(ctx, own)
	if err != nil || now.Version != old.Version {
		t.Errorf("the old plan's implementation was edited: %+v → %+v (%v)", old, now, err)
	}
	if after, err := a.DB.FindImplementationRecords(ctx, own, domain.RecordScope{}); err != nil || len(after.Reports) != len(before.Reports) {
		t.Errorf("a report was added under the wrong plan (%v)", err)
	}
	right := fmt.Sprintf("%s/plaene/%s/kommunen/duelmen/umsetzungen/%d", a.URL, seed.PreviousConceptSlug, old.ID)
	if status, _, _ := fetch(t, duelmen, http.MethodGet, right); status != http.StatusOK {
		t.Errorf("under its own plan: %d, want 200", status)
	}
}
