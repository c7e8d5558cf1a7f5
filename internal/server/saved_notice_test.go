package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/seed"
)

// savedAlert is the start of the confirmation after a save: a KERN success
// alert that takes the focus.
const savedAlert = `<div class="kern-alert kern-alert--success saved-notice" role="status" tabindex="-1" autofocus id="gespeichert">`

// Every save of the implementation page leads (post/redirect/get) to the
// page with its confirmation, shown in the section the save concerns.
func TestEverySaveOfAnImplementationIsConfirmedWhereItHappened(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t)
	duelmen := a.signIn(t, "duelmen")
	confirm := func(name, location, section, message string) {
		t.Helper()
		_, page, _ := fetch(t, duelmen, http.MethodGet, a.URL+location)
		if strings.Count(page, savedAlert) != 1 {
			t.Fatalf("%s: %d confirmations on the page, want 1", name, strings.Count(page, savedAlert))
		}
		_, after, _ := strings.Cut(page, `id="`+section+`"`)
		if section == "" {
			after = page
		}
		alert, _, _ := strings.Cut(after[strings.Index(after, savedAlert):], "</div>\n</div>")
		mustContain(t, alert, message)
		if section != "" && !strings.Contains(after, savedAlert) {
			t.Errorf("%s: the confirmation is not in section %s", name, section)
		}
	}
	post := func(name, path, want string, form ...string) string {
		t.Helper()
		status, _, hdr := fetch(t, duelmen, http.MethodPost, a.URL+tr.path+path, form...)
		if status != http.StatusSeeOther || !strings.HasPrefix(hdr.Get("Location"), tr.path+"?gespeichert="+want) {
			t.Fatalf("%s: %d → %q, want 303 with ?gespeichert=%s", name, status, hdr.Get("Location"), want)
		}
		return hdr.Get("Location")
	}

	confirm("edit", post("edit", "/bearbeiten", "bearbeitet", editForm(tr.impl, "progress=30")...), "",
		"Die Änderungen an der Umsetzung sind gespeichert.")
	confirm("milestone", post("milestone", "/meilensteine", "meilenstein", kv("milestone_title", "Café")), "meilensteine",
		"Der Meilenstein ist hinzugefügt.")
	m := a.records(t, tr).Milestones[0]
	base := fmt.Sprintf("/meilensteine/%d", m.ID)
	confirm("done", post("done", base+"/erledigt", "meilenstein-erledigt", kv("done", "yes")), "meilensteine",
		"Der Meilenstein ist als erledigt markiert.")
	confirm("reopened", post("reopened", base+"/erledigt", "meilenstein-offen", kv("done", "no")), "meilensteine",
		"Der Meilenstein ist wieder offen.")
	confirm("deleted", post("deleted", base+"/loeschen", "meilenstein-geloescht"), "meilensteine",
		"Der Meilenstein ist gelöscht.")
	confirm("comment", post("comment", "/kommentare", "kommentar", kv("comment_body", "Danke")), "kommentare",
		"Ihr Kommentar ist gespeichert.")
	cur := a.current(t, tr)
	confirm("relevance", post("relevance", "/relevanz", "relevanz", kv("version", fmt.Sprint(cur.Version)),
		kv("relevance", "relevant")), "relevanz", "Die Relevanzentscheidung ist gespeichert.")

	// Without the parameter, or with one it does not know, the page confirms nothing.
	for _, q := range []string{"", "?gespeichert=%3Cscript%3E"} {
		if _, page, _ := fetch(t, duelmen, http.MethodGet, a.URL+tr.path+q); strings.Contains(page, "saved-notice") {
			t.Errorf("%q: a confirmation nobody asked for", q)
		}
	}
}

// The relevance is decided and revised on the implementation page, with
// the reason the decision needs, by the edit form's rules.
func TestRelevanceIsDecidedOnTheImplementationPage(t *testing.T) {
	a := newApp(t)
	duelmen := a.signIn(t, "duelmen")
	open := a.openImplementation(t)
	_, page, _ := fetch(t, duelmen, http.MethodGet, a.URL+open.path)
	_, section, found := strings.Cut(page, `<section aria-labelledby="relevanz">`)
	if !found {
		t.Fatal("no relevance section on the implementation page")
	}
	section, _, _ = strings.Cut(section, "</section>")
	mustContain(t, section, `action="`+open.path+`/relevanz"`, `value="not_relevant"`, `value="already_in_place"`, `name="relevance_note"`)
	if strings.Contains(section, "checked") || strings.Contains(section, `value="open"`) {
		t.Error("an open decision preselects or offers a choice")
	}

	// "not relevant" needs its reason: refused at the form's own address.
	status, body, _ := fetch(t, duelmen, http.MethodPost, a.URL+open.path+"/relevanz",
		kv("version", fmt.Sprint(open.impl.Version)), kv("relevance", "not_relevant"))
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("without a reason: %d, want 422", status)
	}
	besideField(t, body, "relevance_note", "warum die Maßnahme nicht relevant ist")
	mustContain(t, body, `<a class="kern-link" href="#relevance_note">`, `value="not_relevant" checked`)
	if status, _, _ := fetch(t, duelmen, http.MethodGet, a.URL+open.path+"/relevanz"); status != http.StatusOK {
		t.Errorf("reload of the refused form's address: %d, want 200", status)
	}
	// Nothing chosen: refused too.
	if status, _, _ := fetch(t, duelmen, http.MethodPost, a.URL+open.path+"/relevanz",
		kv("version", fmt.Sprint(open.impl.Version))); status != http.StatusUnprocessableEntity {
		t.Errorf("no decision: %d, want 422", status)
	}

	status, _, hdr := fetch(t, duelmen, http.MethodPost, a.URL+open.path+"/relevanz",
		kv("version", fmt.Sprint(open.impl.Version)), kv("relevance", "not_relevant"), kv("relevance_note", "Keine Zielgruppe vor Ort"))
	if status != http.StatusSeeOther || hdr.Get("Location") != open.path+"?gespeichert=relevanz#relevanz" {
		t.Fatalf("decision: %d → %q", status, hdr.Get("Location"))
	}
	saved := a.implementationNow(t, open)
	if saved.Relevance != domain.RelevanceNotRelevant || saved.RelevanceNote != "Keine Zielgruppe vor Ort" {
		t.Errorf("saved %+v", saved)
	}
	// Revised: the decision now shows, and changing it sits behind one click.
	_, page, _ = fetch(t, duelmen, http.MethodGet, a.URL+open.path)
	mustContain(t, page, "Aktuelle Einstufung: nicht relevant.", `<details class="relevance-change">`, `value="not_relevant" checked`)

	// A decision from an older version: 409 with both side by side.
	status, body, _ = fetch(t, duelmen, http.MethodPost, a.URL+open.path+"/relevanz",
		kv("version", fmt.Sprint(open.impl.Version)), kv("relevance", "relevant"))
	if status != http.StatusConflict {
		t.Fatalf("stale decision: %d, want 409", status)
	}
	mustContain(t, body, "Jemand anderes hat inzwischen gespeichert", fmt.Sprintf(`name="version" value="%d"`, saved.Version),
		"Keine Zielgruppe vor Ort")
}

// openCase is an implementation of Dülmen whose relevance is still open.
type openCase struct {
	org  domain.Organisation
	impl domain.Implementation
	path string
}

func (a *app) openImplementation(t *testing.T) openCase {
	t.Helper()
	ctx := context.Background()
	plan, err := a.DB.FindPlanBySlug(ctx, seed.ConceptSlug)
	if err != nil {
		t.Fatal(err)
	}
	org, err := a.DB.FindOrganisationBySlug(ctx, "duelmen")
	if err != nil {
		t.Fatal(err)
	}
	items, err := a.DB.FindWorkspace(ctx, org.ID, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.Relevance == domain.RelevanceOpen {
			return openCase{org: org, impl: it.Implementation,
				path: fmt.Sprintf(demoPlan+"/kommunen/duelmen/umsetzungen/%d", it.ID)}
		}
	}
	t.Fatal("the demo data has no open relevance decision in Dülmen")
	return openCase{}
}

func (a *app) implementationNow(t *testing.T, c openCase) domain.Implementation {
	t.Helper()
	impl, err := a.DB.FindImplementation(context.Background(), a.key(t, c.org.ID, c.impl.ID))
	if err != nil {
		t.Fatal(err)
	}
	return impl
}
