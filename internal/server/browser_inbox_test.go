package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// TestBrowserInbox: a coordinator signs in and lands on the town's to-do
// view; the KI answers a support request in a session of its own; the
// coordinator finds the answer under "Neu für Sie", follows it to the
// implementation, and marks it read. Then a user with two roles chooses a
// start page. Every page at 1280 and 390 px, axe-core clean.
func TestBrowserInbox(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	a := newApp(t)
	const todo = demoPlan + "/kommunen/duelmen"

	journeyStep(t, "koordination-start", func(t *testing.T) {
		b.visit(t, a.URL+"/", 200)
		b.signIn(t, a.IdP, "duelmen")
		b.requirePath(t, todo)
		if q := evalJS[string](t, b, `location.search`); q != "?ansicht=aufgaben" {
			t.Errorf("the coordinator starts at %s, want the to-do view", b.location(t))
		}
		b.checkPage(t, browserPage{shot: "inbox-01-aufgaben.png", h1: "Dülmen", kern: true, firstScreen: true})
		if got := b.text(t, "header a.site-user__inbox"); got != "Neu für Sie" {
			t.Errorf("header before any news: %q", got)
		}
	})
	var answered supportCase
	journeyStep(t, "ki-antwortet", func(t *testing.T) {
		answered = a.answerOfDuelmen(t) // the KI, signed in in its own session
		b.visit(t, a.URL+todo+"?ansicht=aufgaben", 200)
		if got := b.text(t, "header a.site-user__inbox"); got != "Neu für Sie (1)" {
			t.Errorf("header after the KI's answer: %q, want the count", got)
		}
	})
	journeyStep(t, "neu-fuer-sie", func(t *testing.T) {
		b.click(t, "header a.site-user__inbox", 200)
		b.requirePath(t, "/neu")
		b.checkPage(t, browserPage{shot: "inbox-02-neu.png", h1: "Neu für Sie", kern: true})
		text := b.text(t, "main ol.inbox")
		for _, want := range []string{"ungelesen", "hat Ihre Unterstützungsanfrage", "angenommen", "Wir melden uns."} {
			if !strings.Contains(text, want) {
				t.Errorf("the entry lacks %q: %q", want, text)
			}
		}
		b.atWidth(t, 390, func() {
			b.checkPage(t, browserPage{shot: "inbox-03-neu-390.png", h1: "Neu für Sie", kern: true})
			if w := evalJS[int](t, b, `document.documentElement.scrollWidth`); w > 390 {
				t.Errorf("the inbox is %d px wide at 390 px", w)
			}
		})
	})
	journeyStep(t, "eintrag-oeffnen", func(t *testing.T) {
		b.click(t, "main ol.inbox .inbox__text a", 200)
		b.requirePath(t, strings.TrimPrefix(answered.path, a.URL))
		if hash := evalJS[string](t, b, `location.hash`); hash != "#unterstuetzung" {
			t.Errorf("the entry leads to %s, want the support section", b.location(t))
		}
		d, err := a.DB.FindImplementationDetail(context.Background(), a.key(t, answered.org.ID, answered.impl.ID))
		if err != nil {
			t.Fatal(err)
		}
		b.checkPage(t, browserPage{shot: "inbox-04-umsetzung.png", h1: d.MeasureTitle, kern: true, firstScreen: true})
	})
	journeyStep(t, "gelesen", func(t *testing.T) {
		b.visit(t, a.URL+"/neu", 200)
		b.click(t, "main ol.inbox .inbox__read button", 200)
		b.requirePath(t, "/neu")
		if b.has(t, "main .inbox__item--unread") {
			t.Error("the entry is still unread")
		}
		if got := b.text(t, "header a.site-user__inbox"); got != "Neu für Sie" {
			t.Errorf("header after reading: %q", got)
		}
		b.checkPage(t, browserPage{shot: "inbox-05-gelesen.png", h1: "Neu für Sie", kern: true})
	})
	journeyStep(t, "startseite-waehlen", func(t *testing.T) {
		a.grant(t, "demo-ki-1", "kreis-coesfeld", domain.RoleAdmin)
		b.click(t, `header form[action="/abmelden"] button[type="submit"]`, 200)
		b.visit(t, a.URL+"/", 200)
		b.signIn(t, a.IdP, "ki-1")
		b.requirePath(t, "/")
		b.checkPage(t, browserPage{shot: "inbox-06-start.png", h1: "Womit möchten Sie beginnen?", kern: true})
		b.atWidth(t, 390, func() {
			b.checkPage(t, browserPage{shot: "inbox-07-start-390.png", h1: "Womit möchten Sie beginnen?", kern: true})
		})
		b.click(t, `main button[value="admin"]`, 200)
		b.requirePath(t, "/verwaltung/benutzer")
	})
}
