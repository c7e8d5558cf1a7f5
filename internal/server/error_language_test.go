package server_test

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"testing"
)

// A refusal of the workflow rules is shown in the page's language: German by
// default, English once chosen, with the states in it translated too.
func TestWorkflowRefusalsAreShownInThePagesLanguage(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t) // relevant, in progress
	c := a.signIn(t, "duelmen")
	edit := a.URL + tr.path + "/bearbeiten"
	type refusal struct {
		name, field string
		form        []string
		de, en      string
	}
	refusals := []refusal{
		{name: "reason missing", field: "relevance_note",
			form: editForm(tr.impl, "relevance=not_relevant", "relevance_note="),
			de:   "Bitte geben Sie einen Grund an, warum die Maßnahme nicht relevant ist.",
			en:   "Please give a reason why the measure is not relevant."},
		{name: "transition not allowed", field: "status",
			form: editForm(tr.impl, "status=planned"),
			de:   "Von „in Umsetzung“ aus ist ein Wechsel zu „geplant“ nicht möglich. Möglich sind: „zurückgestellt“, „umgesetzt“, „entfallen“.",
			en:   "A change from “in progress” to “planned” is not possible. Possible are: “on hold”, “completed”, “cancelled”."},
		{name: "progress out of range", field: "progress",
			form: editForm(tr.impl, "progress=150"),
			de:   "Der Fortschritt muss zwischen 0 und 100 % liegen (angegeben: 150).",
			en:   "The progress must be between 0 and 100% (given: 150)."},
	}
	check := func(lang string, shown func(refusal) string, hidden func(refusal) string) {
		for _, r := range refusals {
			status, body, _ := fetch(t, c, http.MethodPost, edit, r.form...)
			if status != http.StatusUnprocessableEntity {
				t.Fatalf("%s, %s: POST edit = %d, want 422", lang, r.name, status)
			}
			besideField(t, body, r.field, shown(r))
			mustLackOtherLanguage(t, body, hidden(r))
		}
	}
	german := func(r refusal) string { return r.de }
	english := func(r refusal) string { return r.en }
	check("de", german, english)

	if status, _, _ := fetch(t, c, http.MethodPost, a.URL+"/sprache", "lang=en", "next=%2F"); status != http.StatusSeeOther {
		t.Fatalf("POST /sprache = %d", status)
	}
	check("en", english, german)
	if now := a.current(t, tr); now.Version != tr.impl.Version {
		t.Errorf("refused edits changed the implementation: version %d → %d", tr.impl.Version, now.Version)
	}
}

// The bulk review checks the reason with the same rules, and says so in the
// page's language.
func TestBulkReviewRefusalIsShownInThePagesLanguage(t *testing.T) {
	s := newReviewSetup(t)
	c := s.a.signIn(t, "duelmen")
	review := s.a.URL + demoPlan + "/kommunen/duelmen/relevanz"
	form := reviewForm(s.open[:2], "relevance=not_relevant", "relevance_note=", "zurueck="+url.QueryEscape("relevanz=offen"))
	const de = "Bitte geben Sie einen Grund an, warum die Maßnahme nicht relevant ist."
	const en = "Please give a reason why the measure is not relevant."

	status, body, _ := fetch(t, c, http.MethodPost, review, form...)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("German review: %d, want 422", status)
	}
	mustContain(t, body, de)
	mustLackOtherLanguage(t, body, en)

	fetch(t, c, http.MethodPost, s.a.URL+"/sprache", "lang=en", "next=%2F")
	status, body, _ = fetch(t, c, http.MethodPost, review, form...)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("English review: %d, want 422", status)
	}
	mustContain(t, body, en)
	mustLackOtherLanguage(t, body, de)
	s.unchanged(t, s.duelmen.ID, s.open[:2]...)
}

// A refusal that ends on the error page (here a forged sign-in callback) is
// shown in the page's language too.
func TestErrorPageMessageIsShownInThePagesLanguage(t *testing.T) {
	a := newApp(t)
	c := anonymous()
	c.Jar, _ = cookiejar.New(nil)
	callback := a.URL + "/anmelden/callback?state=forged&code=forged"
	const de = "Die Anmeldung ist fehlgeschlagen oder abgelaufen. Bitte melden Sie sich erneut an."
	const en = "Signing in failed or took too long. Please sign in again."

	status, body, _ := fetch(t, c, http.MethodGet, callback)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("forged callback: %d, want 422", status)
	}
	mustContain(t, body, de)
	mustLackOtherLanguage(t, body, en)

	fetch(t, c, http.MethodPost, a.URL+"/sprache", "lang=en", "next=%2F")
	status, body, _ = fetch(t, c, http.MethodGet, callback)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("forged callback in English: %d, want 422", status)
	}
	mustContain(t, body, en, `<html lang="en">`)
	mustLackOtherLanguage(t, body, de)
}
