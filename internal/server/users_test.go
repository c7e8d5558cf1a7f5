package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// membershipOf finds a demo account's membership in a role.
func (a *app) membershipOf(t *testing.T, subject string, role domain.Role) (domain.Account, domain.Membership) {
	t.Helper()
	accounts, err := a.DB.FindAccounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, acc := range accounts {
		for _, m := range acc.Memberships {
			if acc.Subject == subject && m.Role == role {
				return acc, m
			}
		}
	}
	t.Fatalf("%s holds no %s role", subject, role)
	return domain.Account{}, domain.Membership{}
}

// Revoking asks first, on a page of its own that works without JavaScript:
// the list links there, and only its POST button revokes.
func TestRevokeAsksForConfirmationFirst(t *testing.T) {
	a := newApp(t)
	admin := a.signIn(t, "admin")
	acc, m := a.membershipOf(t, "demo-ki-1", domain.RoleKI)
	confirm := fmt.Sprintf("/verwaltung/mitgliedschaften/%d/entziehen", m.ID)

	_, list, _ := fetch(t, admin, http.MethodGet, a.URL+"/verwaltung/benutzer")
	mustContain(t, list, `href="`+confirm+`"`)
	if strings.Contains(list, `action="`+confirm+`"`) {
		t.Error("the list revokes with one click instead of linking to the confirmation page")
	}
	status, page, _ := fetch(t, admin, http.MethodGet, a.URL+confirm)
	if status != http.StatusOK {
		t.Fatalf("confirmation page = %d", status)
	}
	mustContain(t, page, "Rolle entziehen?", acc.Name, "Kommunales Integrationszentrum", m.OrgName,
		`<form method="post" action="`+confirm+`"`, `href="/verwaltung/benutzer"`, "Abbrechen")
	if _, again := a.membershipOf(t, "demo-ki-1", domain.RoleKI); again.ID != m.ID {
		t.Fatal("showing the confirmation page revoked the role")
	}
	status, _, h := fetch(t, admin, http.MethodPost, a.URL+confirm)
	if status != http.StatusSeeOther || h.Get("Location") != "/verwaltung/benutzer?ok=revoked" {
		t.Fatalf("confirmed revoke = %d to %q", status, h.Get("Location"))
	}
	if status, _, _ := fetch(t, admin, http.MethodGet, a.URL+confirm); status != http.StatusNotFound {
		t.Errorf("confirmation page of a revoked role = %d, want 404", status)
	}
}

// The demo has one administrator: revoking that role is refused with a
// message on the page (422 like every refusal of a rule, not 500), and the
// role stays.
func TestTheLastAdminRoleCannotBeRevoked(t *testing.T) {
	a := newApp(t)
	admin := a.signIn(t, "admin")
	_, m := a.membershipOf(t, "demo-admin", domain.RoleAdmin)
	status, body, _ := fetch(t, admin, http.MethodPost, a.URL+fmt.Sprintf("/verwaltung/mitgliedschaften/%d/entziehen", m.ID))
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("revoking the last admin = %d, want 422", status)
	}
	mustContain(t, body, "Das ist die letzte Administrationsrolle.", "Benutzerverwaltung")
	if _, still := a.membershipOf(t, "demo-admin", domain.RoleAdmin); still.ID != m.ID {
		t.Error("the last admin role is gone")
	}
}

// Only valid role × organisation pairs are granted; the form preselects no
// role, so a forgotten choice is refused rather than granting the first one.
func TestGrantRefusesInvalidPairs(t *testing.T) {
	a := newApp(t)
	admin := a.signIn(t, "admin")
	_, list, _ := fetch(t, admin, http.MethodGet, a.URL+"/verwaltung/benutzer")
	mustContain(t, list, `<select class="kern-form-input__select" id="role" name="role" required>`+"\n"+
		`        <option value="" selected>Bitte wählen</option>`)
	coord, town := a.membershipOf(t, "demo-duelmen", domain.RoleCoordinator)
	member, county := a.membershipOf(t, "demo-ausschuss-1", domain.RoleCommittee)
	tests := []struct {
		name       string
		user, org  int64
		role, want string
	}{
		{"coordinator of the county office", coord.ID, county.OrganisationID, "coordinator", "Die Koordination wird für eine Kommune vergeben."},
		{"KI of a town", coord.ID, town.OrganisationID, "ki", "Diese Rolle wird für den Kreis vergeben"},
		{"committee member as coordinator", member.ID, town.OrganisationID, "coordinator", "Die Rolle „Ausschuss“ lässt sich mit keiner anderen Rolle verbinden"},
		{"coordinator as committee member", coord.ID, county.OrganisationID, "committee", "Die Rolle „Ausschuss“ lässt sich mit keiner anderen Rolle verbinden"},
		{"no role chosen", coord.ID, county.OrganisationID, "", "Bitte wählen Sie Person, Organisation und Rolle aus."},
	}
	for _, tt := range tests {
		status, body, _ := fetch(t, admin, http.MethodPost, a.URL+"/verwaltung/mitgliedschaften",
			fmt.Sprintf("user_id=%d", tt.user), fmt.Sprintf("organisation_id=%d", tt.org), "role="+tt.role)
		if status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", tt.name, status)
		}
		mustContain(t, body, tt.want)
	}
	for _, subject := range []string{"demo-duelmen", "demo-ausschuss-1"} {
		acc, _ := a.membershipOf(t, subject, map[string]domain.Role{"demo-duelmen": domain.RoleCoordinator,
			"demo-ausschuss-1": domain.RoleCommittee}[subject])
		if len(acc.Memberships) != 1 {
			t.Errorf("%s after refused grants: %+v", subject, acc.Memberships)
		}
	}
}
