package server_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// enc is one form field, encoded.
func enc(name, value string) string { return url.QueryEscape(name) + "=" + url.QueryEscape(value) }

const newPlan = "/plaene/integrationskonzept-kreis-coesfeld-2-0"

// startVersion starts version 2.0 of the demo plan as the KI and returns the
// id of an old measure (the matrix's, municipal) and of Dülmen's implementation of it.
func startVersion(t *testing.T, a *app, ki *http.Client) (measure, impl int64) {
	t.Helper()
	status, body, _ := fetch(t, ki, "POST", a.URL+demoPlan+"/fortschreibung",
		enc("title", "Integrationskonzept Kreis Coesfeld 2027"), enc("version", "2.0"), enc("adopted_on", "2027-03-18"))
	if status != http.StatusSeeOther {
		t.Fatalf("start: %d %s", status, body)
	}
	ids := a.pathValues(t)
	return ids.measure, ids.impl["duelmen"]
}

// The KI starts the next version, maps measures (refused input is
// explained, not a 500), adopts it; the old version is read-only with a
// link to the new one, its reports still open, the new implementation
// links the old history, and towns land on the new version.
func TestPlanVersionJourneyThroughThePages(t *testing.T) {
	a := newApp(t)
	ki, duelmen, olfen := a.signIn(t, "ki-1"), a.signIn(t, "duelmen"), a.signIn(t, "olfen")
	reports := a.addReportsOf(t, "duelmen")

	_, body, _ := fetch(t, ki, "GET", a.URL+demoPlan+"/fortschreibung")
	mustContain(t, body, "Neue Fassung beginnen")
	status, body, _ := fetch(t, ki, "POST", a.URL+demoPlan+"/fortschreibung", enc("title", ""), enc("version", ""), enc("adopted_on", "morgen"))
	if status != http.StatusUnprocessableEntity {
		t.Errorf("an empty start form: %d", status)
	}
	mustContain(t, body, "Bitte geben Sie den Titel der neuen Fassung an.", "Bitte geben Sie das Datum des Beschlusses an")
	measure, oldImpl := startVersion(t, a, ki)

	// The draft is the KI's alone.
	if status, _, _ := fetch(t, duelmen, "GET", a.URL+newPlan); status != http.StatusNotFound {
		t.Errorf("a town's coordinator sees the draft: %d", status)
	}
	if status, _, _ := fetch(t, ki, "GET", a.URL+newPlan+"/kommunen/duelmen"); status != http.StatusNotFound {
		t.Errorf("the draft has workspaces: %d", status)
	}
	_, body, _ = fetch(t, ki, "GET", a.URL+newPlan)
	mustContain(t, body, "Entwurf der Fortschreibung")

	mapping := fmt.Sprintf("%s%s/fortschreibung/massnahmen/%d", a.URL, demoPlan, measure)
	for _, c := range []struct {
		form []string
		want string
	}{
		{[]string{enc("kind", "dropped"), enc("reason", "  ")}, "Bitte begründen Sie, warum die Maßnahme entfällt."},
		{[]string{enc("kind", "merged"), enc("targets", "9.9.9")}, "Die Maßnahme 9.9.9 gibt es im Katalog der neuen Fassung nicht"},
		{[]string{enc("kind", "split"), enc("targets", "1.1.1")}, "mindestens zwei Maßnahmen"},
		{[]string{enc("kind", "gelöscht")}, "Bitte wählen Sie, was aus der Maßnahme wird."},
	} {
		status, body, _ := fetch(t, ki, "POST", mapping, c.form...)
		if status != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(body), c.want) {
			t.Errorf("%v: %d, want 422 with %q", c.form, status, c.want)
		}
	}
	for who, c := range map[string]*http.Client{"coordinator": duelmen, "committee": a.signIn(t, "ausschuss-1"), "another county": a.signIn(t, "ausschuss-2")} {
		if status, _, _ := fetch(t, c, "POST", mapping, enc("kind", "dropped"), enc("reason", "x")); status != http.StatusNotFound {
			t.Errorf("%s maps a measure: %d", who, status)
		}
	}
	_, body, _ = fetch(t, ki, "GET", mapping)
	code := between(body, `id="targets" name="targets"`, `value="`, `"`)
	hostile := `<script>alert("x")</script> bleibt Text`
	if status, body, _ := fetch(t, ki, "POST", mapping, enc("kind", "continued"), enc("targets", code), enc("reason", hostile)); status != http.StatusSeeOther {
		t.Fatalf("a continued mapping with a note: %d %s", status, body)
	}
	_, body, _ = fetch(t, ki, "GET", a.URL+demoPlan+"/fortschreibung")
	if strings.Contains(body, "<script>alert") || !strings.Contains(body, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; bleibt Text") {
		t.Error("the hostile note is not shown escaped")
	}

	// An open reporting round stands in the way, then is closed.
	a.sql(t, fmt.Sprintf(`INSERT INTO reporting_rounds (plan_id, title, deadline, report_id)
		SELECT plan_id, 'Herbstrunde', '2026-12-20', id FROM reports WHERE id = %d`, reports.draft))
	status, body, _ = fetch(t, ki, "POST", a.URL+demoPlan+"/fortschreibung/beschliessen")
	if status != http.StatusConflict || !strings.Contains(body, "Berichtsrunde") {
		t.Errorf("adoption with an open round: %d", status)
	}
	a.sql(t, `UPDATE reporting_rounds SET state = 'closed', closed_at = now() WHERE state = 'open'`)
	if status, body, _ := fetch(t, ki, "POST", a.URL+demoPlan+"/fortschreibung/beschliessen"); status != http.StatusSeeOther {
		t.Fatalf("adopt: %d %s", status, body)
	}

	// The old version: read-only, with the way to the new one.
	_, body, _ = fetch(t, duelmen, "GET", a.URL+demoPlan)
	mustContain(t, body, "Diese Fassung ist abgelöst durch", `href="`+newPlan+`"`)
	implPath := fmt.Sprintf("%s%s/kommunen/duelmen/umsetzungen/%d", a.URL, demoPlan, oldImpl)
	for _, w := range []struct{ method, path string }{
		{"POST", implPath + "/kommentare"}, {"POST", implPath + "/bearbeiten"}, {"GET", implPath + "/bearbeiten"},
		{"POST", implPath + "/meilensteine"}, {"POST", a.URL + demoPlan + "/kommunen/duelmen/relevanz"},
	} {
		status, body, _ := fetch(t, duelmen, w.method, w.path, enc("body", "noch etwas"))
		if status != http.StatusConflict || !strings.Contains(html.UnescapeString(body), "abgelöst durch „Integrationskonzept Kreis Coesfeld 2027“") {
			t.Errorf("%s %s on the old version: %d", w.method, w.path, status)
		}
	}
	if status, _, _ := fetch(t, ki, "POST", a.URL+demoPlan+"/katalog/massnahmen/neu", enc("code", "9.9.9")); status != http.StatusConflict {
		t.Errorf("the old catalogue changed: %d", status)
	}
	if status, _, _ := fetch(t, ki, "POST", mapping, enc("kind", "dropped"), enc("reason", "x")); status != http.StatusConflict {
		t.Errorf("the mapping changed after adoption: %d", status)
	}
	_, body, _ = fetch(t, duelmen, "GET", implPath)
	if strings.Contains(body, implPath[len(a.URL):]+"/sachstand") {
		t.Error("the old implementation still offers the progress report form")
	}
	tok := a.newToken(t, "duelmen")
	item := fmt.Sprintf("/api/v1/plans/integrationskonzept-kreis-coesfeld/municipalities/duelmen/implementations/%d", oldImpl)
	if status, body, _ := a.apiCall(t, tok, http.MethodPatch, item, `{"progress": 40}`, "If-Match", `"1"`); status != http.StatusConflict ||
		!strings.Contains(body, "abgelöst") {
		t.Errorf("the API changes the old version: %d %s", status, body)
	}
	if status, _, _ := a.apiCall(t, tok, http.MethodGet, item, ""); status != http.StatusOK {
		t.Errorf("the API reads the old version: %d", status)
	}
	for _, p := range []string{reports.path(reports.spring), reports.path(reports.spring) + "/bericht.xlsx",
		reports.path(reports.spring) + "/bericht.pdf"} {
		if status, _, _ := fetch(t, olfen, "GET", a.URL+p); status != http.StatusOK {
			t.Errorf("the old version's report %s: %d", p, status)
		}
	}

	// The new version: the town lands there; its implementation links the old history.
	_, _, h := fetch(t, duelmen, "GET", a.URL+"/")
	if loc := h.Get("Location"); !strings.HasPrefix(loc, newPlan) {
		t.Errorf("the start page leads to %q, want the new version", loc)
	}
	newImpl := a.implementationOf(t, "integrationskonzept-kreis-coesfeld-2-0", "duelmen", code)
	_, body, _ = fetch(t, duelmen, "GET", fmt.Sprintf("%s%s/kommunen/duelmen/umsetzungen/%d", a.URL, newPlan, newImpl))
	mustContain(t, body, "Vorgeschichte und Fortführung", fmt.Sprintf(`href="%s/kommunen/duelmen/umsetzungen/%d"`, demoPlan, oldImpl),
		"Übernommen aus Maßnahme "+code+" der Fassung")
	_, body, _ = fetch(t, duelmen, "GET", implPath)
	mustContain(t, body, fmt.Sprintf(`href="%s/kommunen/duelmen/umsetzungen/%d"`, newPlan, newImpl))

	// The change annex for the council.
	status, _, h = fetch(t, ki, "GET", a.URL+demoPlan+"/fortschreibung/aenderungsanlage.xlsx")
	if status != http.StatusOK || !strings.Contains(h.Get("Content-Type"), "spreadsheetml") {
		t.Errorf("annex xlsx: %d %s", status, h.Get("Content-Type"))
	}
	status, pdf, h := fetch(t, ki, "GET", a.URL+demoPlan+"/fortschreibung/aenderungsanlage.pdf")
	switch {
	case status == http.StatusServiceUnavailable && strings.Contains(pdf, "Chromium"):
		t.Log("no Chromium: the annex PDF is not printed")
	case status != http.StatusOK || !strings.HasPrefix(pdf, "%PDF") || h.Get("Content-Type") != "application/pdf":
		t.Errorf("annex pdf: %d %s", status, h.Get("Content-Type"))
	default:
		path := filepath.Join(repoRoot(t), "test-artifacts", "aenderungsanlage.pdf")
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err == nil {
			_ = os.WriteFile(path, []byte(pdf), 0o644)
			t.Logf("annex: %s", path)
		}
	}
}

// implementationOf finds org's implementation of the measure with code in plan.
func (a *app) implementationOf(t *testing.T, plan, org, code string) int64 {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), a.DBURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var id int64
	err = conn.QueryRow(context.Background(), `SELECT i.id FROM implementations i
		JOIN measures m ON m.id = i.measure_id JOIN plans p ON p.id = m.plan_id
		JOIN organisations o ON o.id = i.organisation_id WHERE p.slug = $1 AND o.slug = $2 AND m.code = $3`, plan, org, code).Scan(&id)
	if err != nil {
		t.Fatalf("implementation %s of %s in %s: %v", code, org, plan, err)
	}
	return id
}

// sql runs a statement no store method offers (a fixture).
func (a *app) sql(t *testing.T, stmt string) {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), a.DBURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), stmt); err != nil {
		t.Fatal(err)
	}
}

// between returns the text after start and from, up to to.
func between(s, start, from, to string) string {
	_, rest, _ := strings.Cut(s, start)
	_, rest, _ = strings.Cut(rest, from)
	v, _, _ := strings.Cut(rest, to)
	return v
}

// TestDiscardingADraftVersion: the KI discards the draft only after ticking
// that they mean it; the draft's address is gone, the current version works
// as before, and the Fortschreibung can start afresh. Coordinators cannot.
func TestDiscardingADraftVersion(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	startVersion(t, a, ki)
	discard := a.URL + demoPlan + "/fortschreibung/verwerfen"
	if status, _, _ := fetch(t, a.signIn(t, "duelmen"), "POST", discard, enc("confirm", "1")); status != http.StatusNotFound {
		t.Errorf("a coordinator discarding: %d, want 404", status)
	}
	status, body, _ := fetch(t, ki, "POST", discard)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("discarding unconfirmed: %d", status)
	}
	mustContain(t, body, `id="confirm-error"`, "Bitte bestätigen Sie")
	if status, _, _ := fetch(t, ki, "GET", a.URL+newPlan); status != http.StatusOK {
		t.Fatalf("the draft after an unconfirmed discard: %d", status)
	}
	status, _, h := fetch(t, ki, "POST", discard, enc("confirm", "1"))
	if status != http.StatusSeeOther || !strings.HasSuffix(h.Get("Location"), "=verworfen") {
		t.Fatalf("discarding: %d %q", status, h.Get("Location"))
	}
	_, body, _ = fetch(t, ki, "GET", a.URL+h.Get("Location"))
	mustContain(t, body, "Der Entwurf ist verworfen", `action="`+demoPlan+`/fortschreibung"`)
	if status, _, _ := fetch(t, ki, "GET", a.URL+newPlan); status != http.StatusNotFound {
		t.Errorf("the discarded draft's address: %d, want 404", status)
	}
	if status, _, _ := fetch(t, a.signIn(t, "duelmen"), "GET", a.URL+demoPlan+"/kommunen/duelmen"); status != http.StatusOK {
		t.Errorf("Dülmen's workspace after discarding: %d", status)
	}
	if status, _, _ := fetch(t, ki, "POST", discard, enc("confirm", "1")); status != http.StatusNotFound {
		t.Errorf("discarding again: %d, want 404", status)
	}
	startVersion(t, a, ki)
}
