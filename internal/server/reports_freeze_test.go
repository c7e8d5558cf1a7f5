package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestFreezingAReportAndItsRefusals(t *testing.T) {
	a := newApp(t)
	f := newReportFixture(t, a)
	ki := a.signIn(t, "ki-1")
	id := f.createReport(t, a, ki)
	freeze := func(pairs ...string) (int, string) {
		t.Helper()
		status, body, _ := fetch(t, ki, http.MethodPost, reportURL(a, id)+"/einfrieren", formValues(pairs...)...)
		return status, body
	}
	// Not confirmed: nothing happens, the confirmation says why.
	status, body := freeze("version", "1")
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("unconfirmed freeze: %d, want 422", status)
	}
	mustContain(t, body, "Der Bericht wurde nicht eingefroren.", `id="confirm-error"`, "Bitte bestätigen Sie")
	// Saved meanwhile: refused as a conflict, the form shows the new version.
	fetch(t, ki, http.MethodPost, reportURL(a, id)+"/bearbeiten", f.form("version", "1", "title", "Neuer Titel")...)
	status, body = freeze("version", "1", "confirm", "1")
	if status != http.StatusConflict {
		t.Fatalf("stale freeze: %d, want 409", status)
	}
	mustContain(t, body, "inzwischen geändert; er wurde nicht eingefroren", `value="Neuer Titel"`, `name="version" value="2"`)

	loc := freezeReport(t, a, ki, id, 2)
	if !strings.HasPrefix(loc, fmt.Sprintf("%s/berichte/%d?eingefroren=", demoPlan, id)) || strings.HasSuffix(loc, "=0") {
		t.Errorf("after freezing: redirected to %q, want the report with the number frozen", loc)
	}
	// Freezing twice, and editing a frozen report: refused with their messages.
	status, body = freeze("version", "3", "confirm", "1")
	if status != http.StatusConflict || !strings.Contains(body, "Dieser Bericht ist bereits eingefroren.") {
		t.Errorf("second freeze: %d, want 409 with its message", status)
	}
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		status, body, _ := fetch(t, ki, method, reportURL(a, id)+"/bearbeiten", f.form("version", "3")...)
		if status != http.StatusConflict || !strings.Contains(body, "Dieser Bericht ist eingefroren und kann nicht mehr geändert werden.") {
			t.Errorf("%s edit of a frozen report: %d, want 409 with its message", method, status)
		}
	}
}

func TestAReportCoveringNothingIsNotFrozen(t *testing.T) {
	a := newApp(t)
	f := newReportFixture(t, a)
	ki := a.signIn(t, "ki-1")
	// The county office carries no measures of the towns' own (local).
	id := f.createReport(t, a, ki, "org", f.orgs[0], "scope", "local")
	status, body, _ := fetch(t, ki, http.MethodPost, reportURL(a, id)+"/einfrieren", formValues("version", "1", "confirm", "1")...)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("freezing an empty report: %d, want 422", status)
	}
	mustContain(t, body, "Der Bericht umfasst keine einzige Umsetzung.")
	if r, err := a.DB.FindReport(t.Context(), f.planID, id); err != nil || r.Frozen() {
		t.Errorf("empty report after the refusal: %+v, %v; want still a draft", r, err)
	}
}

func TestCorrectingAFrozenReport(t *testing.T) {
	a := newApp(t)
	f := newReportFixture(t, a)
	ki := a.signIn(t, "ki-1")
	id := f.createReport(t, a, ki, "title", "Sachstand Frühjahr")
	freezeReport(t, a, ki, id, 1)
	correct := func(reason string) (int, string, http.Header) {
		t.Helper()
		return fetch(t, ki, http.MethodPost, reportURL(a, id)+"/korrektur", formValues("reason", reason)...)
	}
	status, body, _ := correct("  ")
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("correction without reason: %d, want 422", status)
	}
	mustContain(t, body, fmt.Sprintf(`id="reason-%d-error"`, id), "Bitte begründen Sie die Korrektur", "<details class=\"report-correction\" open>")

	status, _, h := correct("Zahlen aus Olfen fehlten")
	m := reportIDInPath.FindStringSubmatch(h.Get("Location"))
	if status != http.StatusSeeOther || m == nil || !strings.HasSuffix(h.Get("Location"), "/bearbeiten") {
		t.Fatalf("correction: %d → %q, want the new draft's form", status, h.Get("Location"))
	}
	_, body, _ = fetch(t, ki, http.MethodGet, a.URL+h.Get("Location"))
	mustContain(t, body, "Korrektur von", fmt.Sprintf(`href="%s/berichte/%d">Sachstand Frühjahr</a>`, demoPlan, id),
		"Grund: Zahlen aus Olfen fehlten", `value="Sachstand Frühjahr"`)

	// The list names both links and offers no second correction.
	_, body, _ = fetch(t, ki, http.MethodGet, a.URL+demoPlan+"/berichte")
	mustContain(t, body, "Ersetzt durch", "Korrektur von", "Grund der Korrektur")
	if strings.Contains(body, fmt.Sprintf("/berichte/%d/korrektur", id)) {
		t.Error("the list offers a second correction of a corrected report")
	}
	status, body, _ = correct("noch einmal")
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "Zu diesem Bericht gibt es bereits eine Korrektur.") {
		t.Errorf("second correction: %d, want 422 with its message", status)
	}
	// A draft is edited, not corrected.
	status, body, _ = fetch(t, ki, http.MethodPost, a.URL+strings.TrimSuffix(h.Get("Location"), "/bearbeiten")+"/korrektur", formValues("reason", "x")...)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "Ein Entwurf wird bearbeitet, nicht korrigiert.") {
		t.Errorf("correcting a draft: %d, want 422 with its message", status)
	}
}

func TestReportFormsRefuseCrossSitePosts(t *testing.T) {
	a := newApp(t)
	f := newReportFixture(t, a)
	ki := a.signIn(t, "ki-1")
	id := f.createReport(t, a, ki)
	for _, path := range []string{"", fmt.Sprintf("/%d/bearbeiten", id), fmt.Sprintf("/%d/einfrieren", id), fmt.Sprintf("/%d/korrektur", id)} {
		req, _ := http.NewRequest(http.MethodPost, a.URL+demoPlan+"/berichte"+path,
			strings.NewReader(strings.Join(f.form("version", "1", "confirm", "1", "reason", "x"), "&")))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "https://angreifer.example")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		resp, err := ki.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site POST %s: %d, want 403", path, resp.StatusCode)
		}
	}
	if r, _ := a.DB.FindReport(t.Context(), f.planID, id); r.Frozen() || r.Version != 1 {
		t.Errorf("after cross-site posts: %+v, want the draft unchanged", r)
	}
}

func TestCommitteeMembersStartAtTheReports(t *testing.T) {
	a := newApp(t)
	committee, duelmen, ki := a.signIn(t, "ausschuss-1"), a.signIn(t, "duelmen"), a.signIn(t, "ki-1")
	_, body, _ := fetch(t, committee, http.MethodGet, a.URL+"/")
	mustContain(t, body, fmt.Sprintf(`href="%s/berichte"`, demoPlan))
	for name, c := range map[string]*http.Client{"coordinator": duelmen, "KI": ki} {
		if _, body, _ := fetch(t, c, http.MethodGet, a.URL+"/"); strings.Contains(body, demoPlan+"/berichte\"") {
			t.Errorf("%s's start page leads to the reports", name)
		}
	}
	// The workspace: no to-do tab for readers; the nav offers the reports.
	_, body, _ = fetch(t, committee, http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen")
	mustContain(t, body, fmt.Sprintf(`<a class="kern-link" href="%s/berichte">Berichte</a>`, demoPlan))
	if strings.Contains(body, "ansicht=aufgaben") || strings.Contains(body, "Zu erledigen (") {
		t.Error("a committee member sees the to-do tab")
	}
	_, body, _ = fetch(t, duelmen, http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen")
	mustContain(t, body, "ansicht=aufgaben", "Zu erledigen (")
}
