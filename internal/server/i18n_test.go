package server_test

import (
	"net/http"
	"net/url"
	"testing"
)

func TestLanguageIsGermanByDefaultAndEnglishWhenChosen(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	_, body, _ := fetch(t, ki, http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen")
	mustContain(t, body, `<html lang="de">`, "Hauptnavigation", "in Umsetzung", "Abmelden")

	status, _, h := fetch(t, ki, http.MethodPost, a.URL+"/sprache", "lang=en", "next=%2Fkommunen%2Fduelmen")
	if status != http.StatusSeeOther || h.Get("Location") != "/kommunen/duelmen" {
		t.Fatalf("POST /sprache = %d → %q", status, h.Get("Location"))
	}
	_, body, _ = fetch(t, ki, http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen")
	mustContain(t, body, `<html lang="en">`, "Main navigation", "in progress", "Sign out")

	// The switch only ever goes back to a page of this site.
	_, _, h = fetch(t, ki, http.MethodPost, a.URL+"/sprache", "lang=de", "next=%2F%2Fevil.example%2F")
	if h.Get("Location") != "/" {
		t.Errorf("next=//evil.example/ redirected to %q, want /", h.Get("Location"))
	}
	// Browsers drop tabs and line breaks from a Location: "/\t/evil.example"
	// would take them to evil.example.
	for _, next := range []string{"/\t/evil.example", "/\n/evil.example", "/\\evil.example", "https://evil.example/"} {
		_, _, h = fetch(t, ki, http.MethodPost, a.URL+"/sprache", "lang=de", "next="+url.QueryEscape(next))
		if h.Get("Location") != "/" {
			t.Errorf("next=%q redirected to %q, want /", next, h.Get("Location"))
		}
	}
	_, body, _ = fetch(t, ki, http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen")
	mustContain(t, body, `<html lang="de">`)
}
