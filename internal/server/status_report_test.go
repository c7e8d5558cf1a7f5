package server_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// statusReportForm is the "Sachstand melden" form as sent for impl with its
// values unchanged and a report dated the day of the test clock; replace
// sets fields (key=value, the value as typed).
func statusReportForm(impl domain.Implementation, replace ...string) []string {
	values := map[string]string{"version": strconv.Itoa(impl.Version), "status": string(impl.Status),
		"progress": strconv.Itoa(impl.Progress), "reported_on": "2026-11-25", "report_body": "Es geht voran."}
	order := []string{"version", "status", "progress", "reported_on", "report_body"}
	for _, r := range replace {
		k, v, _ := strings.Cut(r, "=")
		if _, seen := values[k]; !seen {
			order = append(order, k)
		}
		values[k] = v
	}
	var out []string
	for _, k := range order {
		out = append(out, kv(k, values[k]))
	}
	return out
}

func TestStatusReportSavesStatusProgressReportAndMilestoneInOneStep(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t)
	duelmen := a.signIn(t, "duelmen")
	before := a.records(t, tr)

	status, page, _ := fetch(t, duelmen, http.MethodGet, a.URL+tr.path+"/sachstand")
	if status != http.StatusOK {
		t.Fatalf("GET the form: %d", status)
	}
	mustContain(t, page, `name="version" value="`+strconv.Itoa(tr.impl.Version)+`"`, `<option value="in_progress" selected>`,
		`name="progress" value="20"`, `name="reported_on" value="2026-11-25"`, `name="milestone_title"`, `name="milestone_due_on"`)

	status, _, hdr := fetch(t, duelmen, http.MethodPost, a.URL+tr.path+"/sachstand", statusReportForm(tr.impl,
		"progress=60", "report_body=Drei Sprachcafés laufen.", "milestone_title=Viertes Café", "milestone_due_on=2027-02-28")...)
	if status != http.StatusSeeOther || hdr.Get("Location") != tr.path+"?gespeichert=sachstand" {
		t.Fatalf("save = %d → %q, want 303 to the implementation and its confirmation", status, hdr.Get("Location"))
	}
	if got := a.current(t, tr); got.Progress != 60 || got.Version != tr.impl.Version+1 {
		t.Errorf("implementation %+v, want progress 60 in one new version", got)
	}
	after := a.records(t, tr)
	if len(after.Reports) != len(before.Reports)+1 || after.Reports[0].Progress != 60 || after.Reports[0].Body != "Drei Sprachcafés laufen." {
		t.Errorf("reports %+v", after.Reports)
	}
	if len(after.Milestones) != len(before.Milestones)+1 {
		t.Errorf("%d milestones, want one more than %d", len(after.Milestones), len(before.Milestones))
	}
	// The events of the three single saves: the change, the report, the milestone.
	if n := len(after.History) - len(before.History); n != 3 {
		t.Errorf("%d new audit events, want 3", n)
	}

	_, page, _ = fetch(t, duelmen, http.MethodGet, a.URL+hdr.Get("Location"))
	mustContain(t, page, `class="kern-alert kern-alert--success saved-notice" role="status" tabindex="-1" autofocus`,
		"Ihr Sachstand ist gespeichert", "Drei Sprachcafés laufen.", "Viertes Café")
}

// A refused form is shown at the form's own address, so a reload finds the
// form (the former report form left the browser on …/meldungen, which
// answered 405 on reload).
func TestStatusReportRefusedStaysAtAnAddressThatReloads(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t)
	duelmen := a.signIn(t, "duelmen")
	status, body, _ := fetch(t, duelmen, http.MethodPost, a.URL+tr.path+"/sachstand", statusReportForm(tr.impl,
		"progress=150", "report_body=  ", "milestone_due_on=2027-02-28")...)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", status)
	}
	besideField(t, body, "progress", "0 und 100")
	besideField(t, body, "report_body", "Bitte beschreiben Sie den Sachstand")
	besideField(t, body, "milestone_title", "Titel")
	// The summary at the top links to every field, in the form's order.
	mustContain(t, body, `<a class="kern-link" href="#progress">`, `<a class="kern-link" href="#report_body">`,
		`<a class="kern-link" href="#milestone_title">`, `value="2027-02-28"`)
	if got := a.current(t, tr); got.Version != tr.impl.Version {
		t.Errorf("version %d after a refusal, want %d", got.Version, tr.impl.Version)
	}
	if status, _, _ := fetch(t, duelmen, http.MethodGet, a.URL+tr.path+"/sachstand"); status != http.StatusOK {
		t.Errorf("reload of the refused form's address: %d, want 200", status)
	}
}

func TestStatusReportOnAStaleVersionShowsBothSideBySide(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t)
	duelmen := a.signIn(t, "duelmen")
	theirs, err := a.DB.UpdateImplementation(context.Background(), a.key(t, tr.org.ID, tr.impl.ID), tr.impl.Version, nil,
		func(i domain.Implementation) (domain.Implementation, error) { i.Progress = 35; return i, nil })
	if err != nil {
		t.Fatal(err)
	}
	reports := len(a.records(t, tr).Reports)
	status, body, _ := fetch(t, duelmen, http.MethodPost, a.URL+tr.path+"/sachstand", statusReportForm(tr.impl,
		"progress=50", "report_body=Meine Meldung bleibt stehen.")...)
	if status != http.StatusConflict {
		t.Fatalf("status %d, want 409", status)
	}
	mustContain(t, body, "Jemand anderes hat inzwischen gespeichert", `name="version" value="`+strconv.Itoa(theirs.Version)+`"`,
		"35\u202f%", "50\u202f%", "Meine Meldung bleibt stehen.")
	if n := len(a.records(t, tr).Reports); n != reports {
		t.Errorf("a report was saved on a stale version: %d → %d", reports, n)
	}
}

func TestStatusReportFormRunsAConstantNumberOfStatements(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t)
	duelmen := a.signIn(t, "duelmen")
	first := queriesOf(t, a, duelmen, tr.path+"/sachstand")
	for i := range 20 { // more records must not mean more statements
		if _, err := a.DB.AddMilestone(context.Background(), a.key(t, tr.org.ID, tr.impl.ID), "Schritt "+strconv.Itoa(i), nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	if again := queriesOf(t, a, duelmen, tr.path+"/sachstand"); again != first || first < 1 {
		t.Errorf("the form ran %d statements, then %d with more records; want the same", first, again)
	}
}

func TestStatusReportIsOfferedFromTheWorkspaceAndTheImplementationPage(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t)
	duelmen := a.signIn(t, "duelmen")
	_, page, _ := fetch(t, duelmen, http.MethodGet, a.URL+tr.path)
	mustContain(t, page, `<a class="kern-btn kern-btn--primary" href="`+tr.path+`/sachstand">`)
	_, ws, _ := fetch(t, duelmen, http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen")
	mustContain(t, ws, `href="`+tr.path+`/sachstand">Sachstand melden<span class="kern-sr-only">: `)
	// The to-do view's rows of overdue and stale work offer it too (each row names its measure).
	_, todo, _ := fetch(t, duelmen, http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen?ansicht=aufgaben")
	for _, list := range []string{`id="todo-handeln"`} {
		_, rest, _ := strings.Cut(todo, list)
		rows, _, _ := strings.Cut(rest, "</table>")
		if !strings.Contains(rows, `/sachstand">Sachstand melden<span class="kern-sr-only">: `) {
			t.Errorf("to-do list %s offers no Sachstand melden", list)
		}
	}
	// Readers are not offered it.
	_, ws, _ = fetch(t, a.signIn(t, "ausschuss-1"), http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen")
	if strings.Contains(ws, "/sachstand") {
		t.Error("the committee is offered Sachstand melden")
	}
}
