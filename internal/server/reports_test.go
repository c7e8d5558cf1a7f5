package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestReportListShowsFrozenReportsToMembersAndDraftsToTheKI(t *testing.T) {
	a := newApp(t)
	f := newReportFixture(t, a)
	ki, committee, duelmen := a.signIn(t, "ki-1"), a.signIn(t, "ausschuss-1"), a.signIn(t, "duelmen")
	frozen := f.createReport(t, a, ki, "title", "Sachstand Frühjahr 2026")
	freezeReport(t, a, ki, frozen, 1)
	draft := f.createReport(t, a, ki, "title", "Entwurf Herbst 2026")

	for _, member := range []*http.Client{committee, duelmen} {
		status, body, _ := fetch(t, member, http.MethodGet, a.URL+demoPlan+"/berichte")
		if status != http.StatusOK {
			t.Fatalf("list as member: %d", status)
		}
		mustContain(t, body, fmt.Sprintf(`<a class="kern-link" href="%s/berichte/%d">Sachstand Frühjahr 2026</a>`, demoPlan, frozen),
			"01.05.2026 bis 25.11.2026", "Integrationsausschuss, Sitzung am 03.12.2026", "Eingefroren", ", KI – Team Integration 1")
		for _, hidden := range []string{"Entwurf Herbst 2026", "Neuer Bericht", "/bearbeiten", "/korrektur"} {
			if strings.Contains(body, hidden) {
				t.Errorf("a member's list shows %q", hidden)
			}
		}
	}
	_, body, _ := fetch(t, ki, http.MethodGet, a.URL+demoPlan+"/berichte")
	mustContain(t, body, "Neuer Bericht", "Entwurf Herbst 2026", fmt.Sprintf(`href="%s/berichte/%d/bearbeiten"`, demoPlan, draft),
		fmt.Sprintf(`action="%s/berichte/%d/korrektur"`, demoPlan, frozen))
	if strings.Index(body, "Entwurf Herbst 2026") > strings.Index(body, "Sachstand Frühjahr 2026") {
		t.Error("drafts are not listed first")
	}
}

func TestNewReportFormIsPrefilled(t *testing.T) {
	a := newApp(t)
	f := newReportFixture(t, a)
	ki := a.signIn(t, "ki-1")
	status, body, _ := fetch(t, ki, http.MethodGet, a.URL+demoPlan+"/berichte/neu")
	if status != http.StatusOK {
		t.Fatalf("new report form: %d", status)
	}
	// No report yet: from the plan's adoption to today; every organisation and kind.
	mustContain(t, body, `value="Sachstandsbericht November 2026"`, `id="period_from" name="period_from" value="2025-03-27"`,
		`id="period_to" name="period_to" value="2026-11-25"`, "Handlungsfeld 1: Sprache", `name="narrative_`,
		`id="scope-county" name="scope" value="county" checked`, `id="scope-local" name="scope" value="local" checked`)
	for _, id := range f.orgs {
		mustContain(t, body, fmt.Sprintf(`id="org-%s" name="org" value="%s" checked`, id, id))
	}
	if strings.Contains(body, "einfrieren") {
		t.Error("a report not yet saved offers freezing")
	}
	// After a frozen report, the next one starts the day after its period.
	freezeReport(t, a, ki, f.createReport(t, a, ki, "period_to", "2026-10-31"), 1)
	_, body, _ = fetch(t, ki, http.MethodGet, a.URL+demoPlan+"/berichte/neu")
	mustContain(t, body, `id="period_from" name="period_from" value="2026-11-01"`)
}

func TestReportDraftIsSavedAndEdited(t *testing.T) {
	a := newApp(t)
	f := newReportFixture(t, a)
	ki := a.signIn(t, "ki-1")
	id := f.createReport(t, a, ki, "title", "Sachstand <b>Herbst</b>", "org", f.orgs[1], "scope", "municipal")
	status, body, _ := fetch(t, ki, http.MethodGet, reportURL(a, id)+"/bearbeiten?gespeichert=1")
	if status != http.StatusOK {
		t.Fatalf("edit form: %d", status)
	}
	mustContain(t, body, "Der Entwurf ist gespeichert.", `value="Sachstand &lt;b&gt;Herbst&lt;/b&gt;"`,
		`<input type="hidden" name="version" value="1">`, fmt.Sprintf(`id="org-%s" name="org" value="%s" checked`, f.orgs[1], f.orgs[1]),
		fmt.Sprintf(`id="org-%s" name="org" value="%s">`, f.orgs[2], f.orgs[2]), `id="scope-municipal" name="scope" value="municipal" checked`,
		`id="scope-county" name="scope" value="county">`, "Mir ist bewusst, dass der Bericht danach nicht mehr geändert werden kann")

	status, _, h := fetch(t, ki, http.MethodPost, reportURL(a, id)+"/bearbeiten", f.form("version", "1", "title", "Sachstand Herbst")...)
	if status != http.StatusSeeOther || !strings.HasSuffix(h.Get("Location"), fmt.Sprintf("/berichte/%d/bearbeiten?gespeichert=1", id)) {
		t.Fatalf("save: %d → %q", status, h.Get("Location"))
	}
	_, body, _ = fetch(t, ki, http.MethodGet, reportURL(a, id)+"/bearbeiten")
	mustContain(t, body, `value="Sachstand Herbst"`, `<input type="hidden" name="version" value="2">`)
}

func TestReportDraftRefusalsStandAtTheirFields(t *testing.T) {
	a := newApp(t)
	f := newReportFixture(t, a)
	ki := a.signIn(t, "ki-1")
	cases := []struct {
		name string
		form []string
		want []string
	}{
		{"no title", f.form("title", " "), []string{"Bitte geben Sie dem Bericht einen Titel.", `id="title-error"`}},
		{"no organisation", f.form("org", ""), []string{"Bitte wählen Sie mindestens eine Kommune", `id="orgs-error"`}},
		{"foreign organisation", f.form("org", "999999"), []string{"nur Kommunen dieses Kreises", `id="orgs-error"`}},
		{"no kind", f.form("scope", ""), []string{"mindestens eine Art von Maßnahmen", `id="scopes-error"`}},
		{"unknown kind", f.form("scope", "galaktisch"), []string{"mindestens eine Art von Maßnahmen", `id="scopes-error"`}},
		{"no period", f.form("period_from", ""), []string{"welchen Zeitraum der Bericht abdeckt", `id="period-error"`}},
		{"reversed period", f.form("period_from", "2026-12-01", "period_to", "2026-01-01"), []string{"endet vor seinem Beginn", `id="period-error"`}},
		{"no date", f.form("meeting_on", "bald"), []string{"Bitte geben Sie ein Datum an", `id="meeting_on-error"`, `value="bald"`}},
	}
	for _, c := range cases {
		status, body, _ := fetch(t, ki, http.MethodPost, a.URL+demoPlan+"/berichte", c.form...)
		if status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", c.name, status)
			continue
		}
		mustContain(t, body, append(c.want, "Der Entwurf wurde nicht gespeichert.")...)
	}
	if list, _ := a.DB.FindReports(t.Context(), f.planID, true); len(list) != 0 {
		t.Errorf("refused drafts were saved: %d", len(list))
	}
	// An edit without the version it started from is incomplete.
	id := f.createReport(t, a, ki)
	if status, _, _ := fetch(t, ki, http.MethodPost, reportURL(a, id)+"/bearbeiten", f.form()...); status != http.StatusBadRequest {
		t.Errorf("save without version: %d, want 400", status)
	}
}

func TestStaleReportDraftShowsBothVersions(t *testing.T) {
	a := newApp(t)
	f := newReportFixture(t, a)
	first, second := a.signIn(t, "ki-1"), a.signIn(t, "ki-2")
	id := f.createReport(t, a, first)
	if status, _, _ := fetch(t, second, http.MethodPost, reportURL(a, id)+"/bearbeiten", f.form("version", "1", "title", "Fassung B")...); status != http.StatusSeeOther {
		t.Fatalf("first save: %d", status)
	}
	status, body, _ := fetch(t, first, http.MethodPost, reportURL(a, id)+"/bearbeiten",
		f.form("version", "1", "title", "Fassung A", "introduction", "Neue Einleitung")...)
	if status != http.StatusConflict {
		t.Fatalf("stale save: %d, want 409", status)
	}
	mustContain(t, body, "Jemand hat diesen Entwurf inzwischen gespeichert", `<td class="kern-table__cell conflict__mine">Fassung A</td>`,
		`<td class="kern-table__cell conflict__theirs">Fassung B</td>`, `<td class="kern-table__cell conflict__mine">Neue Einleitung</td>`,
		`value="Fassung A"`, `<input type="hidden" name="version" value="2">`)
}
