package server_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/seed"
)

const roundsPage = demoPlan + "/berichtsrunden"

// seedReporting adds the demo's frozen reports and its open reporting round
// (Winter 2026/27: Billerbeck, Havixbeck, Olfen and Rosendahl complete,
// Dülmen reminded) and returns the round.
func (a *app) seedReporting(t *testing.T) domain.Round {
	t.Helper()
	ctx := context.Background()
	reports, round := seed.DemoReporting(seed.CoesfeldConcept(), today)
	if _, err := a.DB.SeedDemoReporting(ctx, seed.ConceptSlug, reports, round); err != nil {
		t.Fatal(err)
	}
	plan, err := a.DB.FindPlanBySlug(ctx, seed.ConceptSlug)
	if err != nil {
		t.Fatal(err)
	}
	rounds, err := a.DB.FindRounds(ctx, plan.ID)
	if err != nil || len(rounds) != 1 {
		t.Fatalf("rounds %v, %v", rounds, err)
	}
	return rounds[0]
}

func orgID(t *testing.T, a *app, slug string) int64 {
	t.Helper()
	org, err := a.DB.FindOrganisationBySlug(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	return org.ID
}

func TestRoundsPageShowsEveryTownToTheKI(t *testing.T) {
	a := newApp(t)
	a.seedReporting(t)
	status, body, _ := fetch(t, a.signIn(t, "ki-1"), http.MethodGet, a.URL+roundsPage)
	if status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	mustContain(t, body, "Winter 2026/27", "Stichtag", "09.01.2027", "noch 45 Tage", "Integrationsausschuss, 28.01.2027",
		"Ascheberg", "Senden", "Abgeschlossen", "Noch nicht abgeschlossen",
		"für den Sachstandsbericht fehlen uns aus Dülmen", "7 Kommunen haben ihre Meldung noch nicht abgeschlossen",
		`name="confirm"`, "Bisher wurde keine Berichtsrunde abgeschlossen")
	if strings.Contains(body, "Neue Berichtsrunde eröffnen") {
		t.Error("the form to open a round is offered while one is open")
	}
}

func TestOpeningARound(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	status, body, _ := fetch(t, ki, http.MethodGet, a.URL+roundsPage)
	if status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	mustContain(t, body, "Neue Berichtsrunde eröffnen", `name="deadline"`)
	cases := []struct {
		form []string
		want string
	}{
		{[]string{"title=Winter", "deadline="}, "Bitte geben Sie einen Stichtag an"},
		{[]string{"title=Winter", "deadline=2026-11-24"}, "Der Stichtag liegt in der Vergangenheit"},
		{[]string{"title=Winter", "deadline=31.02.2027"}, "Bitte geben Sie das Datum als TT.MM.JJJJ an"},
		{[]string{"title=Winter", "deadline=2027-01-15", "meeting_on=2027-01-10"}, "Der Sitzungstermin liegt vor dem Stichtag"},
		{[]string{"title=", "deadline=2027-01-15"}, "Bitte geben Sie der Berichtsrunde einen Titel"},
	}
	for _, c := range cases {
		status, body, _ := fetch(t, ki, http.MethodPost, a.URL+roundsPage, c.form...)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, c.want) {
			t.Errorf("%v: %d, want 422 with %q", c.form, status, c.want)
		}
	}
	// The deadline may be today (25 November 2026 in these tests).
	status, _, hdr := fetch(t, ki, http.MethodPost, a.URL+roundsPage, "title=Winter+2026%2F27", "deadline=2026-11-25",
		"committee=Integrationsausschuss", "meeting_on=2027-02-03")
	if status != http.StatusSeeOther || !strings.HasSuffix(hdr.Get("Location"), "/berichtsrunden?gespeichert=eroeffnet") {
		t.Fatalf("open: %d %s", status, hdr.Get("Location"))
	}
	_, body, _ = fetch(t, ki, http.MethodGet, a.URL+roundsPage+"?gespeichert=eroeffnet")
	mustContain(t, body, "Die Berichtsrunde ist eröffnet", "Winter 2026/27", "(heute)")
	status, body, _ = fetch(t, ki, http.MethodPost, a.URL+roundsPage, "title=Noch+eine", "deadline=2027-01-15")
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "läuft bereits eine Berichtsrunde") {
		t.Errorf("second round: %d", status)
	}
}

func TestTownBannerCompleteAndRevoke(t *testing.T) {
	a := newApp(t)
	a.seedReporting(t)
	duelmen := a.signIn(t, "duelmen")
	ws := a.URL + demoPlan + "/kommunen/duelmen"
	_, body, _ := fetch(t, duelmen, http.MethodGet, ws)
	mustContain(t, body, `aria-labelledby="berichtsrunde-titel"`, "Berichtsrunde „Winter 2026/27“ läuft",
		"Stichtag: 09.01.2027", "noch 45 Tage", "für den Sachstandsbericht fehlen uns aus Dülmen",
		"noch zu bestätigen oder zu aktualisieren", `action="/plaene/integrationskonzept-kreis-coesfeld/kommunen/duelmen/berichtsrunde/abgeschlossen"`)
	// Towns see only their own completion state: Billerbeck and Olfen completed.
	banner := body[strings.Index(body, `id="berichtsrunde"`):]
	banner = banner[:strings.Index(banner, "</section>")]
	for _, other := range []string{"Billerbeck", "Olfen", "round-state--done"} {
		if strings.Contains(banner, other) {
			t.Errorf("Dülmen's banner tells of %q", other)
		}
	}
	status, _, hdr := fetch(t, duelmen, http.MethodPost, ws+"/berichtsrunde/abgeschlossen")
	if status != http.StatusSeeOther || !strings.HasSuffix(hdr.Get("Location"), "/kommunen/duelmen#berichtsrunde") {
		t.Fatalf("complete: %d %s", status, hdr.Get("Location"))
	}
	_, body, _ = fetch(t, duelmen, http.MethodGet, ws)
	mustContain(t, body, "Meldung zurücknehmen", "/berichtsrunde/zuruecknehmen")
	if !regexp.MustCompile(`Meldung abgeschlossen</span> am \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr`).MatchString(body) {
		t.Error("the banner does not say when the town completed")
	}
	if status, _, _ := fetch(t, duelmen, http.MethodPost, ws+"/berichtsrunde/zuruecknehmen"); status != http.StatusSeeOther {
		t.Fatalf("revoke: %d", status)
	}
	_, body, _ = fetch(t, duelmen, http.MethodGet, ws)
	if strings.Contains(body, "Meldung zurücknehmen") || !strings.Contains(body, "/berichtsrunde/abgeschlossen") {
		t.Error("after revoking the town is still shown as complete")
	}
	// The coordinator of Dülmen cannot complete for Olfen, nor see its state.
	if status, _, _ := fetch(t, duelmen, http.MethodPost, a.URL+demoPlan+"/kommunen/olfen/berichtsrunde/abgeschlossen"); status != http.StatusNotFound {
		t.Errorf("completing for Olfen: %d, want 404", status)
	}
	_, body, _ = fetch(t, duelmen, http.MethodGet, a.URL+demoPlan+"/kommunen/olfen")
	if strings.Contains(body, "berichtsrunde-titel") {
		t.Error("Olfen's completion is shown to Dülmen's coordinator")
	}
	// The committee sees no banner and no rounds page.
	committee := a.signIn(t, "ausschuss-1")
	if _, body, _ := fetch(t, committee, http.MethodGet, ws); strings.Contains(body, "berichtsrunde-titel") {
		t.Error("the committee sees the round banner")
	}
	if status, _, _ := fetch(t, committee, http.MethodGet, a.URL+roundsPage); status != http.StatusNotFound {
		t.Errorf("committee on the rounds page: %d, want 404", status)
	}
	// The KI sees the town's state with a link to the rounds page, no button.
	_, body, _ = fetch(t, a.signIn(t, "ki-1"), http.MethodGet, ws)
	mustContain(t, body, "berichtsrunde-titel", "Zur Übersicht der Berichtsrunde")
	if strings.Contains(body, "/berichtsrunde/abgeschlossen") {
		t.Error("the KI is offered to complete for the town")
	}
}

func TestNudgeAndCloseRound(t *testing.T) {
	a := newApp(t)
	r := a.seedReporting(t)
	ki := a.signIn(t, "ki-1")
	roundPath := fmt.Sprintf("%s/%d", roundsPage, r.ID)
	nottuln := orgID(t, a, "nottuln")
	// The reminder is the message; its text is optional.
	status, _, _ := fetch(t, ki, http.MethodPost, a.URL+roundPath+"/erinnerung", fmt.Sprintf("org=%d", nottuln), "body=")
	if status != http.StatusSeeOther {
		t.Errorf("reminder without text: %d, want 303", status)
	}
	_, body, _ := fetch(t, a.signIn(t, "nottuln"), http.MethodGet, a.URL+demoPlan+"/kommunen/nottuln")
	mustContain(t, body, "an Ihre Meldung erinnert.")
	status, _, _ = fetch(t, ki, http.MethodPost, a.URL+roundPath+"/erinnerung", fmt.Sprintf("org=%d", orgID(t, a, "kreis-coesfeld")), "body=Hallo")
	if status != http.StatusUnprocessableEntity {
		t.Errorf("reminder to the county office: %d, want 422", status)
	}
	status, _, hdr := fetch(t, ki, http.MethodPost, a.URL+roundPath+"/erinnerung", fmt.Sprintf("org=%d", nottuln),
		"body=Bitte+bis+Freitag+melden.")
	if status != http.StatusSeeOther {
		t.Fatalf("reminder: %d", status)
	}
	_, body, _ = fetch(t, ki, http.MethodGet, a.URL+hdr.Get("Location"))
	mustContain(t, body, "Die Erinnerung ist gespeichert", "„Bitte bis Freitag melden.“")
	_, body, _ = fetch(t, a.signIn(t, "nottuln"), http.MethodGet, a.URL+demoPlan+"/kommunen/nottuln")
	mustContain(t, body, "Bitte bis Freitag melden.")

	status, body, _ = fetch(t, ki, http.MethodPost, a.URL+roundPath+"/abschliessen")
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "es fehlen 7") {
		t.Fatalf("closing without confirming: %d", status)
	}
	status, _, _ = fetch(t, ki, http.MethodPost, a.URL+roundPath+"/abschliessen", "confirm=1")
	if status != http.StatusSeeOther {
		t.Fatalf("close: %d", status)
	}
	_, body, _ = fetch(t, ki, http.MethodGet, a.URL+roundsPage+"?gespeichert=abgeschlossen")
	mustContain(t, body, "ihr Sachstandsbericht eingefroren", "Neue Berichtsrunde eröffnen",
		fmt.Sprintf(`href="%s"`, roundPath), fmt.Sprintf(`href="%s/berichte/%d"`, demoPlan, r.ReportID))
	status, body, _ = fetch(t, ki, http.MethodGet, a.URL+roundPath)
	if status != http.StatusOK || !strings.Contains(body, "Abgeschlossene Berichtsrunde") || strings.Contains(body, `name="confirm"`) {
		t.Errorf("closed round page: %d", status)
	}
	// Once closed, nothing changes any more.
	status, body, _ = fetch(t, a.signIn(t, "duelmen"), http.MethodPost, a.URL+demoPlan+"/kommunen/duelmen/berichtsrunde/abgeschlossen")
	if status != http.StatusConflict || !strings.Contains(body, "Zurzeit läuft keine Berichtsrunde") {
		t.Errorf("completing after close: %d", status)
	}
	if status, _, _ := fetch(t, ki, http.MethodPost, a.URL+roundPath+"/abschliessen", "confirm=1"); status != http.StatusUnprocessableEntity {
		t.Errorf("closing twice: %d, want 422", status)
	}
}

func TestRoundsOfAnotherCountyAreNotFound(t *testing.T) {
	a := newApp(t)
	r := a.seedReporting(t)
	a.addOtherCounty(t)
	other := a.signIn(t, "ausschuss-2") // KI of Kreis Borken
	for _, path := range []string{roundsPage, fmt.Sprintf("%s/%d", roundsPage, r.ID)} {
		if status, _, _ := fetch(t, other, http.MethodGet, a.URL+path); status != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, status)
		}
	}
	if status, _, _ := fetch(t, other, http.MethodPost, fmt.Sprintf("%s%s/%d/abschliessen", a.URL, roundsPage, r.ID), "confirm=1"); status != http.StatusNotFound {
		t.Errorf("closing another county's round: %d, want 404", status)
	}
	// Nor can the other county's KI reach the round through its own plan.
	if status, _, _ := fetch(t, other, http.MethodGet, fmt.Sprintf("%s%s/berichtsrunden/%d", a.URL, otherPlan, r.ID)); status != http.StatusNotFound {
		t.Errorf("through the other plan: %d, want 404", status)
	}
}
