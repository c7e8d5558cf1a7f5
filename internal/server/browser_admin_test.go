package server_test

import (
	"fmt"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// TestBrowserOfficePages visits the pages the other journeys do not reach,
// each as the role that uses it: the user administration (admin), the KI's
// support queue and needs overview, and a municipality's needs and
// new-local-measure forms (its coordinator), the question before a role
// is revoked (admin), and the page of one's own API tokens.
func TestBrowserOfficePages(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	_, ki := a.membershipOf(t, "demo-ki-2", domain.RoleKI)
	pages := []struct {
		user, path, h1, shot string
	}{
		{"admin", "/verwaltung/benutzer", "Benutzerverwaltung", "40-benutzerverwaltung.png"},
		{"ki-1", demoPlan + "/unterstuetzung", "Unterstützungsanfragen", "41-ki-unterstuetzungsanfragen.png"},
		{"ki-1", demoPlan + "/bedarfe", "Kreisweite Bedarfe", "42-ki-bedarfe.png"},
		{"duelmen", demoPlan + "/kommunen/duelmen/bedarfe", "Kreisweite Bedarfe", "43-duelmen-bedarfe.png"},
		{"duelmen", demoPlan + "/kommunen/duelmen/massnahmen/neu", "Lokale Maßnahme hinzufügen", "44-duelmen-lokale-massnahme.png"},
		{"admin", fmt.Sprintf("/verwaltung/mitgliedschaften/%d/entziehen", ki.ID), "Rolle entziehen?", "45-rolle-entziehen.png"},
		{"duelmen", "/konto/api-zugaenge", "API-Zugänge", "46-api-zugaenge.png"},
	}
	// One browser per person, owned by the whole test (a subtest's would
	// close when the subtest ends).
	browsers := map[string]*browser{}
	for _, p := range pages {
		if browsers[p.user] == nil {
			browsers[p.user] = newBrowser(t)
		}
	}
	signedIn := map[string]bool{}
	for _, p := range pages {
		journeyStep(t, p.shot, func(t *testing.T) {
			b := browsers[p.user]
			b.visit(t, a.URL+p.path, 200)
			if !signedIn[p.user] {
				b.signIn(t, a.IdP, p.user)
				signedIn[p.user] = true
			}
			b.requirePath(t, p.path)
			b.checkPage(t, browserPage{shot: p.shot, h1: p.h1, kern: true})
		})
	}
}
