package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// A refused request must not run its handler: these check the effect, not
// just the status code.

func TestRefusedEditChangesNothing(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	ids := a.pathValues(t)
	duelmen, err := a.DB.FindOrganisationBySlug(ctx, "duelmen")
	if err != nil {
		t.Fatal(err)
	}
	before, err := a.DB.FindImplementation(ctx, a.key(t, duelmen.ID, ids.impl["duelmen"]))
	if err != nil {
		t.Fatal(err)
	}
	form := []string{fmt.Sprintf("version=%d", before.Version), "relevance=not_relevant", "relevance_note=Sabotage"}
	for _, user := range []string{"olfen", "ausschuss-1", "admin"} {
		path := fmt.Sprintf("%s"+demoPlan+"/kommunen/duelmen/umsetzungen/%d/bearbeiten", a.URL, before.ID)
		status, body, _ := fetch(t, a.signIn(t, user), http.MethodPost, path, form...)
		if status != http.StatusForbidden || strings.Contains(body, "<form method=\"post\" action=\""+demoPlan+"/kommunen/duelmen") {
			t.Errorf("%s: POST edit = %d (want 403 and no form)", user, status)
		}
	}
	after, err := a.DB.FindImplementation(ctx, a.key(t, duelmen.ID, before.ID))
	if err != nil {
		t.Fatal(err)
	}
	if after.Version != before.Version || after.Relevance != before.Relevance {
		t.Errorf("refused edits changed the implementation: %+v → %+v", before, after)
	}
}

func TestRefusedAdministrationChangesNothing(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	accounts, err := a.DB.FindAccounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var coordinator, county int64
	for _, acc := range accounts {
		if acc.Subject == "demo-olfen" {
			coordinator = acc.ID
		}
		for _, m := range acc.Memberships {
			if m.OrgSlug == "kreis-coesfeld" {
				county = m.OrganisationID
			}
		}
	}
	if coordinator == 0 || county == 0 {
		t.Fatalf("demo accounts missing: coordinator %d, county %d", coordinator, county)
	}
	status, body, _ := fetch(t, a.signIn(t, "olfen"), http.MethodPost, a.URL+"/verwaltung/mitgliedschaften",
		fmt.Sprintf("user_id=%d", coordinator), fmt.Sprintf("organisation_id=%d", county), "role=admin")
	if status != http.StatusNotFound || strings.Contains(body, "Benutzerverwaltung") {
		t.Errorf("coordinator granting admin: %d, page mentions Benutzerverwaltung: %v", status, strings.Contains(body, "Benutzerverwaltung"))
	}
	acc, err := a.DB.FindAccount(ctx, coordinator)
	if err != nil {
		t.Fatal(err)
	}
	if len(acc.Memberships) != 1 || acc.Memberships[0].Role != "coordinator" {
		t.Errorf("memberships after the refused grant: %+v", acc.Memberships)
	}
}
