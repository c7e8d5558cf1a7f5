package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// A refused form of the implementation page is shown at the address it was
// sent to. Reloading that address (or the progress report form's former
// address) must find the form again, not "Aktion nicht möglich" (405).
func TestReloadingARefusedFormsAddressLeadsBackToTheForm(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t)
	duelmen := a.signIn(t, "duelmen")
	for _, c := range []struct{ path, to string }{
		{"/meldungen", tr.path + "#meldungen"},
		{"/meilensteine", tr.path + "#meilensteine"},
		{"/kommentare", tr.path + "#kommentare"},
	} {
		status, _, hdr := fetch(t, duelmen, http.MethodGet, a.URL+tr.path+c.path)
		if status != http.StatusSeeOther || hdr.Get("Location") != c.to {
			t.Errorf("GET %s = %d → %q, want 303 → %s", c.path, status, hdr.Get("Location"), c.to)
		}
	}
}

// Deleting a milestone asks first, without JavaScript: the delete form sits
// inside a <details> whose summary is the first click, with the question.
func TestDeletingAMilestoneAsksFirst(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t)
	duelmen := a.signIn(t, "duelmen")
	if status, _, _ := fetch(t, duelmen, http.MethodPost, a.URL+tr.path+"/meilensteine", kv("milestone_title", "Café eröffnen")); status != http.StatusSeeOther {
		t.Fatalf("adding a milestone: %d", status)
	}
	_, page, _ := fetch(t, duelmen, http.MethodGet, a.URL+tr.path)
	_, after, found := strings.Cut(page, `<details class="milestone-delete">`)
	if !found {
		t.Fatal("no confirmation step before deleting a milestone")
	}
	step, _, _ := strings.Cut(after, "</details>")
	mustContain(t, step, "<summary", `/loeschen"`, "Meilenstein „Café eröffnen“ wirklich löschen?", "Ja, löschen")
	if strings.Count(page, `/loeschen"`) != strings.Count(page, `<details class="milestone-delete">`) {
		t.Error("a delete form outside its confirmation step")
	}
}

// The KI's first answer to a request preselects nothing (an answer must be
// chosen, and the page says so when none is); after acceptance only
// "done" is left, offered as the one button it is, without the hint about
// declining.
func TestSupportAnswerOffersOnlyWhatApplies(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	sc := a.implWithSupport(t, "duelmen", domain.SupportRequested)
	_, page, _ := fetch(t, ki, http.MethodGet, sc.path)
	form := supportAnswerForm(t, page)
	mustContain(t, form, `value="accepted"`, `value="declined"`, "bei Ablehnung ist eine Begründung nötig")
	if strings.Contains(form, "checked") {
		t.Error("an answer is preselected on the first answer")
	}
	status, body, _ := fetch(t, ki, http.MethodPost, sc.answer, kv("version", versionOf(sc.impl)))
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("no answer chosen: %d, want 422", status)
	}
	mustContain(t, body, "Bitte wählen Sie eine Antwort aus.")
	if strings.Contains(supportAnswerForm(t, body), "checked") {
		t.Error("the refused form preselects an answer")
	}

	if status, _, _ := fetch(t, ki, http.MethodPost, sc.answer, kv("version", versionOf(sc.impl)), kv("decision", "accepted")); status != http.StatusSeeOther {
		t.Fatalf("accepting: %d", status)
	}
	_, page, _ = fetch(t, ki, http.MethodGet, sc.path)
	form = supportAnswerForm(t, page)
	mustContain(t, form, `<input type="hidden" name="decision" value="done">`, "Als erledigt markieren")
	for _, gone := range []string{`type="radio"`, "Ablehnung", `value="declined"`} {
		if strings.Contains(form, gone) {
			t.Errorf("after acceptance the answer form still shows %q", gone)
		}
	}
}

// supportAnswerForm is the KI's answer form of an implementation page.
func supportAnswerForm(t *testing.T, page string) string {
	t.Helper()
	_, rest, found := strings.Cut(page, `/unterstuetzung/antwort"`)
	if !found {
		t.Fatal("no answer form in the page")
	}
	form, _, _ := strings.Cut(rest, "</form>")
	return form
}
