package server_test

// The offers' journey: a coordinator publishes an offer and copies a
// confirmation link; an anonymous visitor on a phone finds it by a misspelt
// word; the provider confirms it by the link. Every public page passes
// axe-core at 1280 and at 390 px.

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/jackc/pgx/v5"
)

func TestBrowserOffersJourney(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	a.seedOffers(t)
	a.addReportsOf(t, "duelmen")
	conn, err := pgx.Connect(context.Background(), a.DBURL)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(context.Background(), `INSERT INTO plan_publications (plan_id, published, per_town)
		SELECT id, true, true FROM plans`); err != nil {
		t.Fatal(err)
	}
	conn.Close(context.Background())
	b := newBrowser(t)
	offers := demoPlan + "/kommunen/duelmen/angebote"

	b.visit(t, a.URL+offers+"/neu", 200)
	b.signIn(t, a.IdP, "duelmen")
	var link, public, internal string
	journeyStep(t, "koordination-legt-an", func(t *testing.T) {
		b.visit(t, a.URL+offers+"/neu", 200)
		b.checkPage(t, browserPage{shot: "300-angebot-neu.png", h1: "Neues Angebot", kern: true})
		inTab(t, b, chromedp.SendKeys(chromedp.CSS("#title"), "Kochtreff der Kulturen"))
		inTab(t, b, chromedp.SendKeys(chromedp.CSS("#provider"), "Familienzentrum Dülmen"))
		inTab(t, b, chromedp.SendKeys(chromedp.CSS("#description"), "Gemeinsam kochen und Deutsch sprechen."))
		inTab(t, b, chromedp.Click(chromedp.CSS("#categories-freizeit")))
		inTab(t, b, chromedp.Click(chromedp.CSS("#languages-ar")))
		inTab(t, b, chromedp.SetValue(chromedp.CSS("#h4_1_from"), "17:00"))
		inTab(t, b, chromedp.SetValue(chromedp.CSS("#h4_1_to"), "19:00"))
		inTab(t, b, chromedp.SendKeys(chromedp.CSS("#contact_email"), "kochtreff@example.org"))
		b.click(t, `main form.offer-form button[type="submit"]`, 200)
		b.checkPage(t, browserPage{shot: "301-angebot-entwurf.png", h1: "Kochtreff der Kulturen", kern: true})
		b.click(t, `main button[value="published"]`, 200)
		public = b.attr(t, `main a[href^="/angebote/"]`, "href")
		b.click(t, `main form[action$="/links"] button[type="submit"]`, 200)
		link = evalJS[string](t, b, `document.querySelector("#neuer-link").value`)
		internal = strings.TrimSuffix(b.location(t), "/links")
		b.checkPage(t, browserPage{shot: "302-angebot-link.png", h1: "Kochtreff der Kulturen", kern: true})
	})
	if link == "" || public == "" {
		t.Fatal("no public page or link to go on with")
	}
	journeyStep(t, "umsetzung-nennt-angebote", func(t *testing.T) {
		// Dülmen's language café implements measure 1.3.1: its implementation
		// lists it among the offers on site.
		var id int64
		conn, err := pgx.Connect(context.Background(), a.DBURL)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(context.Background())
		if err := conn.QueryRow(context.Background(), `SELECT i.id FROM implementations i
			JOIN measures m ON m.id = i.measure_id JOIN organisations o ON o.id = i.organisation_id
			WHERE m.code = '1.3.1' AND o.slug = 'duelmen'`).Scan(&id); err != nil {
			t.Fatal(err)
		}
		b.visit(t, fmt.Sprintf("%s%s/kommunen/duelmen/umsetzungen/%d", a.URL, demoPlan, id), 200)
		b.checkPage(t, browserPage{shot: "303-umsetzung-mit-angeboten.png", h1: "Sprachcafés", kern: true})
		if got := b.text(t, "section[aria-labelledby=angebote] ul"); !strings.Contains(got, "Sprachcafé Dülmen") {
			t.Errorf("offers on the implementation page: %q, want the Sprachcafé Dülmen", got)
		}
	})

	visitor := newBrowser(t)
	visitor.phoneWidth(t, true)
	journeyStep(t, "besucher-findet", func(t *testing.T) {
		visitor.visit(t, a.URL+"/angebote", 200)
		visitor.checkPage(t, browserPage{shot: "310-angebote-390.png", h1: "Angebote vor Ort", kern: true, firstScreen: true})
		inTab(t, visitor, chromedp.SendKeys(chromedp.CSS("#q"), "Kochtref"))
		visitor.click(t, `main form[role="search"] button[type="submit"]`, 200)
		visitor.checkPage(t, browserPage{shot: "311-angebote-treffer-390.png", h1: "Angebote vor Ort", kern: true})
		visitor.click(t, `main a[href="`+public+`"]`, 200)
		visitor.checkPage(t, browserPage{shot: "312-angebot-390.png", h1: "Kochtreff der Kulturen", kern: true})
		if text := visitor.text(t, "main"); !strings.Contains(text, "Donnerstag: 17:00–19:00") {
			t.Errorf("opening hours missing: %s", text)
		}
	})
	journeyStep(t, "traeger-bestaetigt", func(t *testing.T) {
		visitor.visit(t, link, 200)
		visitor.checkPage(t, browserPage{shot: "313-bestaetigen-390.png", h1: "Angaben zu Ihrem Angebot bestätigen", kern: true})
		// Aimed only once the page stands still: a click during KERN's smooth
		// scrolling may land beside the label.
		visitor.reveal(t, `label[for="answer-confirmed"]`)
		visitor.settle(t)
		inTab(t, visitor, chromedp.Click(chromedp.CSS(`label[for="answer-confirmed"]`)))
		// The choice must have registered before the form is sent.
		inTab(t, visitor, chromedp.Poll[bool](`document.querySelector("#answer-confirmed").checked`))
		visitor.click(t, `main form button[type="submit"]`, 200)
		visitor.checkPage(t, browserPage{shot: "314-bestaetigt-390.png", h1: "Angaben zu Ihrem Angebot bestätigen", kern: true})
		visitor.visit(t, link, 410)
		visitor.checkPage(t, browserPage{shot: "315-link-benutzt-390.png", h1: "Angaben zu Ihrem Angebot bestätigen", kern: true})
	})
	// A second link, for the provider's form on the desk.
	var second string
	journeyStep(t, "zweiter-link", func(t *testing.T) {
		b.visit(t, internal, 200)
		b.click(t, `main form[action$="/links"] button[type="submit"]`, 200)
		second = evalJS[string](t, b, `document.querySelector("#neuer-link").value`)
	})
	// The other public pages, on the phone and on the desk.
	for _, width := range []struct {
		name  string
		phone bool
	}{{"390", true}, {"1280", false}} {
		visitor.phoneWidth(t, width.phone)
		for i, p := range []struct {
			path, h1 string
			status   int
		}{
			{"/angebote?q=Schwimmkurs&ort=olfen", "Angebote vor Ort", 200},
			{"/angebote?thema=sprache&seite=2", "Angebote vor Ort", 200},
			{"/angebote/" + strings.TrimPrefix(public, "/angebote/"), "Kochtreff der Kulturen", 200},
			{"/angebote", "Angebote vor Ort", 200},
			{demoPlan + "/oeffentlich", "Integrationskonzept", 200},
			{demoPlan + "/oeffentlich/kommunen/duelmen", "Dülmen", 200},
			// The provider's form, and the same link once used.
			{strings.TrimPrefix(second, a.URL), "Angaben zu Ihrem Angebot bestätigen", 200},
			{strings.TrimPrefix(link, a.URL), "Angaben zu Ihrem Angebot bestätigen", 410},
		} {
			journeyStep(t, width.name+"-"+string(rune('a'+i)), func(t *testing.T) {
				visitor.visit(t, a.URL+p.path, p.status)
				if evalJS[bool](t, visitor, `document.scrollingElement.scrollWidth > innerWidth`) {
					t.Errorf("%s is wider than the window at %s px", p.path, width.name)
				}
				visitor.checkPage(t, browserPage{shot: fmt.Sprintf("%d-angebote-%s.png", 320+i*2+len(width.name)%2, width.name), h1: p.h1,
					kern: true, firstScreen: true})
			})
		}
	}
}
