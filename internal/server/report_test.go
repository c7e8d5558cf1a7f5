package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
	reportsvc "github.com/planwerk/planwerk/internal/service/report"
)

func TestReportPageShowsTheFrozenReport(t *testing.T) {
	a := newApp(t)
	r := a.addReports(t)
	c := a.signIn(t, "ausschuss-1")
	status, body, _ := fetch(t, c, "GET", a.URL+r.path(r.autumn))
	if status != http.StatusOK {
		t.Fatalf("report page: %d", status)
	}
	mustContain(t, body, "<h1 class=\"kern-heading-x-large\">Sachstandsbericht Herbst 2026</h1>",
		"Ausschuss für Soziales, Integration und Gleichstellung", "03.12.2026", "01.01.2026 – 30.11.2026",
		"Eingefroren am", "Dieser Bericht fasst den Stand der Umsetzung zusammen.", "Er wurde eingefroren.",
		`<h2 id="zusammenfassung"`, "<caption", `<th scope="col"`, `<th scope="row"`,
		"umgesetzt", "in Umsetzung", "Legende", "Handlungsfeld 1:",
		r.path(r.autumn)+"/bericht.pdf", r.path(r.autumn)+"/bericht.xlsx", r.path(r.autumn)+"/bericht.csv",
		r.path(r.autumn)+"/ratsinfo.zip",
		fmt.Sprintf(`<option value="%d">Sachstandsbericht Frühjahr 2026`, r.spring))
	if strings.Contains(body, "Entwurf Winter 2026") {
		t.Error("the report page offers a draft to compare with")
	}
	// The earliest report has nothing earlier to compare with.
	_, body, _ = fetch(t, c, "GET", a.URL+r.path(r.spring))
	mustContain(t, body, "Es gibt noch keinen früher eingefrorenen Bericht")
	if strings.Contains(body, fmt.Sprintf(`<option value="%d"`, r.autumn)) {
		t.Error("the spring report offers the later autumn report to compare with")
	}
}

func TestReportComparesWithAnEarlierReport(t *testing.T) {
	a := newApp(t)
	r := a.addReports(t)
	c := a.signIn(t, "ausschuss-1")
	status, body, _ := fetch(t, c, "GET", fmt.Sprintf("%s%s?vergleich=%d", a.URL, r.path(r.autumn), r.spring))
	if status != http.StatusOK {
		t.Fatalf("comparison: %d", status)
	}
	mustContain(t, body, "Vergleich mit „Sachstandsbericht Frühjahr 2026“", "1 neu abgeschlossen",
		"1 Umsetzung mit geändertem Stand", "0 Umsetzungen nur im früheren Bericht", "neu abgeschlossen",
		"Veränderte und neu aufgenommene Umsetzungen", r.changed, "→ 100\u202f%",
		fmt.Sprintf(`<option value="%d" selected>`, r.spring),
		fmt.Sprintf("bericht.pdf?vergleich=%d", r.spring))
}

func TestReportComparisonRefusals(t *testing.T) {
	a := newApp(t)
	r := a.addReports(t)
	a.addOtherCounty(t)
	other := a.frozenElsewhere(t)
	c := a.signIn(t, "ausschuss-1")
	cases := []struct {
		name, report, query string
		status              int
		message             string
	}{
		{"not a number", r.path(r.autumn), "abc", http.StatusBadRequest, "Bitte wählen Sie den Bericht zum Vergleich aus der Liste."},
		{"a later report", r.path(r.spring), fmt.Sprint(r.autumn), http.StatusUnprocessableEntity, "früher eingefrorenen Bericht wählen"},
		{"itself", r.path(r.autumn), fmt.Sprint(r.autumn), http.StatusUnprocessableEntity, "früher eingefrorenen Bericht wählen"},
		{"unknown", r.path(r.autumn), "999999", http.StatusUnprocessableEntity, "nur Berichte desselben Plans"},
		{"a draft", r.path(r.autumn), fmt.Sprint(r.draft), http.StatusUnprocessableEntity, "nur Berichte desselben Plans"},
		{"another county's plan", r.path(r.autumn), fmt.Sprint(other), http.StatusUnprocessableEntity, "nur Berichte desselben Plans"},
	}
	for _, tc := range cases {
		status, body, _ := fetch(t, c, "GET", a.URL+tc.report+"?vergleich="+tc.query)
		if status != tc.status {
			t.Errorf("%s: %d, want %d", tc.name, status, tc.status)
		}
		mustContain(t, body, "Vergleich nicht möglich", tc.message, "<h2 id=\"zusammenfassung\"")
	}
	// A download refuses the same comparison with the error page.
	for _, file := range []string{"bericht.xlsx", "bericht.pdf", "ratsinfo.zip"} {
		status, body, _ := fetch(t, c, "GET", fmt.Sprintf("%s%s/%s?vergleich=%d", a.URL, r.path(r.spring), file, r.autumn))
		if status != http.StatusUnprocessableEntity {
			t.Errorf("%s compared with a later report: %d, want 422", file, status)
		}
		mustContain(t, body, "früher eingefrorenen Bericht wählen")
	}
}

// frozenElsewhere freezes a report of Kreis Borken's plan (addOtherCounty).
func (a *app) frozenElsewhere(t *testing.T) int64 {
	t.Helper()
	ctx := context.Background()
	plan, err := a.DB.FindPlanBySlug(ctx, strings.TrimPrefix(otherPlan, "/plaene/"))
	if err != nil {
		t.Fatal(err)
	}
	svc := reportsvc.New(a.DB, func() time.Time { return today })
	actor := a.account(t, "demo-ausschuss-2")
	sc := domain.PlanScope{Plan: plan}
	d, err := svc.Create(ctx, actor, sc, domain.Report{Title: "Borken", PeriodFrom: today, PeriodTo: today,
		IncludedOrgIDs: []int64{plan.OwnerID}, IncludedScopes: []domain.Scope{domain.ScopeCounty, domain.ScopeMunicipal}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Freeze(ctx, actor, sc, d.ID, d.Version); err != nil {
		t.Fatal(err)
	}
	return d.ID
}

func TestReportDraftsAndUnknownReportsAreNotFound(t *testing.T) {
	a := newApp(t)
	r := a.addReports(t)
	committee, ki := a.signIn(t, "ausschuss-1"), a.signIn(t, "ki-1")
	for _, path := range []string{r.path(r.draft), r.path(r.draft) + "/bericht.pdf", r.path(r.draft) + "/bericht.csv",
		r.path(999999), demoPlan + "/berichte/abc", demoPlan + "/berichte/-1", r.path(r.autumn) + "x"} {
		if status, _, _ := fetch(t, committee, "GET", a.URL+path); status != http.StatusNotFound {
			t.Errorf("committee %s: %d, want 404", path, status)
		}
	}
	// The KI, who drafts reports, is sent from a draft's address to its edit page.
	status, _, h := fetch(t, ki, "GET", a.URL+r.path(r.draft))
	if status != http.StatusSeeOther || h.Get("Location") != r.path(r.draft)+"/bearbeiten" {
		t.Errorf("KI on a draft: %d to %q, want 303 to the edit page", status, h.Get("Location"))
	}
	if status, _, _ := fetch(t, ki, "GET", a.URL+r.path(r.draft)+"/bericht.xlsx"); status != http.StatusNotFound {
		t.Errorf("KI downloads a draft: %d, want 404", status)
	}
}

// TestReportReadersMatrix asks every report route of a real frozen report as
// every kind of visitor: every member of the county reads it.
func TestReportReadersMatrix(t *testing.T) {
	a := newApp(t)
	r := a.addReports(t)
	a.addOtherCounty(t)
	want := map[string]int{"signed out": http.StatusSeeOther, "no role": http.StatusForbidden,
		"duelmen": http.StatusOK, "ki-1": http.StatusOK, "ausschuss-1": http.StatusOK, "admin": http.StatusOK,
		"ausschuss-2": http.StatusNotFound, "senden": http.StatusNotFound}
	clients := map[string]*http.Client{"signed out": anonymous(), "no role": a.signInWithoutRole(t)}
	for who := range want {
		if clients[who] == nil {
			clients[who] = a.signIn(t, who)
		}
	}
	for _, file := range []string{"", "/bericht.pdf", "/bericht.xlsx", "/bericht.csv", "/ratsinfo.zip"} {
		for who, status := range want {
			if status == http.StatusOK && who != "ausschuss-1" && (file == "/bericht.pdf" || file == "/ratsinfo.zip") {
				continue // printing is slow; the page and the other files show every member gets past authorization
			}
			got, _, h := fetch(t, clients[who], "GET", a.URL+r.path(r.autumn)+file)
			if got != status {
				t.Errorf("%s as %s: %d, want %d", file, who, got, status)
			}
			if got == http.StatusSeeOther && !strings.Contains(h.Get("Location"), "/anmelden") {
				t.Errorf("%s signed out goes to %q, want the sign-in", file, h.Get("Location"))
			}
		}
	}
}
