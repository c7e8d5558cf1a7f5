package server_test

import (
	"context"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/seed"
)

// otherPlan is the address of the plan of the second county the isolation
// tests add: Kreis Borken with one town, Bocholt.
const otherPlan = "/plaene/integrationskonzept-kreis-borken"

// addOtherCounty seeds a second county office with one town and its own
// plan, and moves two demo accounts there: "ausschuss-2" becomes KI staff of
// Kreis Borken and "senden" the coordinator of Bocholt. Both keep no role in
// Kreis Coesfeld.
func (a *app) addOtherCounty(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	orgs := []seed.Organisation{
		{Slug: "kreis-borken", Name: "Kreis Borken – Kommunales Integrationszentrum", Kind: domain.OrgCounty,
			FullName: "Kreis Borken", MailDomain: "kreis-borken.de"},
		{Slug: "bocholt", Name: "Bocholt", Kind: domain.OrgMunicipality, ParentSlug: "kreis-borken",
			FullName: "Stadt Bocholt", MailDomain: "bocholt.de"},
	}
	concept := seed.CoesfeldConcept()
	concept.Slug, concept.Title, concept.OwnerSlug = "integrationskonzept-kreis-borken", "Integrationskonzept Kreis Borken", "kreis-borken"
	if _, err := a.DB.SeedDemo(ctx, concept, orgs, seed.DemoImplementations(concept, orgs, today)); err != nil {
		t.Fatal(err)
	}
	a.moveAccount(t, "demo-ausschuss-2", "kreis-borken", domain.RoleKI)
	a.moveAccount(t, "demo-senden", "bocholt", domain.RoleCoordinator)
}

// moveAccount replaces every membership of a demo account with one role in org.
func (a *app) moveAccount(t *testing.T, subject, orgSlug string, role domain.Role) {
	t.Helper()
	ctx := context.Background()
	accounts, err := a.DB.FindAccounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var orgID int64
	for _, kind := range []domain.OrgKind{domain.OrgCounty, domain.OrgMunicipality} {
		orgs, err := a.DB.FindOrganisations(ctx, kind)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range orgs {
			if o.Slug == orgSlug {
				orgID = o.ID
			}
		}
	}
	for _, acc := range accounts {
		if acc.Subject != subject {
			continue
		}
		for _, m := range acc.Memberships {
			if err := a.DB.RevokeMembership(ctx, nil, m.ID); err != nil {
				t.Fatal(err)
			}
		}
		if err := a.DB.GrantMembership(ctx, nil, acc.ID, orgID, role); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatalf("no account %s", subject)
}
