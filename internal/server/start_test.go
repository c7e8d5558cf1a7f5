package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// startOf is where "/" sends a signed-in browser.
func startOf(t *testing.T, a *app, c *http.Client) string {
	t.Helper()
	status, _, h := fetch(t, c, http.MethodGet, a.URL+"/")
	if status != http.StatusSeeOther {
		t.Fatalf("GET /: %d, want a redirect to the start page", status)
	}
	return h.Get("Location")
}

func TestEveryRoleStartsAtItsWork(t *testing.T) {
	a := newApp(t)
	for user, want := range map[string]string{
		"duelmen":     demoPlan + "/kommunen/duelmen?ansicht=aufgaben",
		"ki-1":        demoPlan + "/monitoring",
		"ausschuss-1": demoPlan + "/berichte",
		"admin":       "/verwaltung/benutzer",
	} {
		if got := startOf(t, a, a.signIn(t, user)); got != want {
			t.Errorf("%s starts at %q, want %q", user, got, want)
		}
	}
	// The plan overview stays one click away: the navigation's "Plan" on the
	// to-do view leads to it; the list of all plans moved to /plaene.
	_, body, _ := fetch(t, a.signIn(t, "duelmen"), http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen?ansicht=aufgaben")
	mustContain(t, body, `href="`+demoPlan+`">Aktionspläne</a>`)
	_, body, _ = fetch(t, a.signIn(t, "duelmen"), http.MethodGet, a.URL+"/plaene")
	mustContain(t, body, `href="`+demoPlan+`"`)
}

// grant gives a demo account a further role.
func (a *app) grant(t *testing.T, subject, orgSlug string, role domain.Role) {
	t.Helper()
	ctx := context.Background()
	org, err := a.DB.FindOrganisationBySlug(ctx, orgSlug)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.DB.GrantMembership(ctx, nil, a.userID(t, subject), org.ID, role); err != nil {
		t.Fatal(err)
	}
}

func TestSeveralRolesChooseTheirStartAndTheChoiceIsKept(t *testing.T) {
	a := newApp(t)
	a.grant(t, "demo-ki-1", "kreis-coesfeld", domain.RoleAdmin)
	ki := a.signIn(t, "ki-1")
	status, body, _ := fetch(t, ki, http.MethodGet, a.URL+"/")
	if status != http.StatusOK {
		t.Fatalf("GET / with two roles and no choice: %d, want the choice page", status)
	}
	mustContain(t, body, "Womit möchten Sie beginnen?", `value="ki:kreis-coesfeld"`, `value="admin"`,
		`href="/start" aria-current="page">Startseite wählen</a>`)
	// A start page none of the roles offers is refused, nothing is saved.
	status, body, _ = fetch(t, ki, http.MethodPost, a.URL+"/start", formValues("start", "coordinator:duelmen")...)
	if status != http.StatusUnprocessableEntity {
		t.Errorf("choosing another's start page: %d, want 422", status)
	}
	mustContain(t, body, "Diese Startseite gehört zu keiner Ihrer Rollen.")
	status, _, h := fetch(t, ki, http.MethodPost, a.URL+"/start", formValues("start", "admin")...)
	if status != http.StatusSeeOther || h.Get("Location") != "/" {
		t.Fatalf("choosing: %d to %q", status, h.Get("Location"))
	}
	if got := startOf(t, a, ki); got != "/verwaltung/benutzer" {
		t.Errorf("after choosing the administration: start at %q", got)
	}
	// The choice is the user's, not the browser's: a new sign-in keeps it.
	if got := startOf(t, a, a.signIn(t, "ki-1")); got != "/verwaltung/benutzer" {
		t.Errorf("after signing in again: start at %q", got)
	}
	// It can be changed from the header's link.
	_, body, _ = fetch(t, ki, http.MethodGet, a.URL+"/start")
	mustContain(t, body, "(Ihre Startseite)")
	fetch(t, ki, http.MethodPost, a.URL+"/start", formValues("start", "ki:kreis-coesfeld")...)
	if got := startOf(t, a, ki); got != demoPlan+"/monitoring" {
		t.Errorf("after choosing the monitoring: start at %q", got)
	}
}

func TestCoordinatorOfTwoTownsChoosesTheTown(t *testing.T) {
	a := newApp(t)
	a.grant(t, "demo-duelmen", "olfen", domain.RoleCoordinator)
	c := a.signIn(t, "duelmen")
	_, body, _ := fetch(t, c, http.MethodGet, a.URL+"/")
	mustContain(t, body, "Zu erledigen in Dülmen", "Zu erledigen in Olfen")
	fetch(t, c, http.MethodPost, a.URL+"/start", formValues("start", "coordinator:olfen")...)
	if got := startOf(t, a, c); got != demoPlan+"/kommunen/olfen?ansicht=aufgaben" {
		t.Errorf("start at %q, want Olfen's to-do view", got)
	}
	// A single-role user is never asked and sees no choice in the header.
	_, body, _ = fetch(t, a.signIn(t, "olfen"), http.MethodGet, a.URL+demoPlan)
	if strings.Contains(body, `href="/start"`) {
		t.Error("a user with one role is offered a choice of start page")
	}
}
