package server_test

// The KI keeps the themes of offers: from the plan's overview to the list,
// a new theme, and a theme's form, at 1280 and at 390 px, checked with
// axe-core.

import (
	"testing"

	"github.com/chromedp/chromedp"
)

func TestBrowserOfferThemes(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	b := newBrowser(t)
	b.visit(t, a.URL+demoPlan, 200)
	b.signIn(t, a.IdP, "ki-1")
	journeyStep(t, "ki-legt-thema-an", func(t *testing.T) {
		b.visit(t, a.URL+demoPlan, 200)
		b.clickLink(t, "main", demoPlan+"/angebotsthemen")
		b.checkPage(t, browserPage{shot: "350-angebotsthemen-1280.png", h1: "Themen der Angebote", kern: true})
		inTab(t, b, chromedp.SendKeys(chromedp.CSS("#label_de"), "Mobilität"))
		inTab(t, b, chromedp.SendKeys(chromedp.CSS("#label_en"), "Getting around"))
		b.click(t, `main form button[type="submit"]`, 200)
		if got := b.text(t, "main [role=status]"); got == "" {
			t.Error("no confirmation after adding a theme")
		}
	})
	journeyStep(t, "ki-verschiebt-thema", func(t *testing.T) {
		b.clickLink(t, "main table", demoPlan+"/angebotsthemen/mobilitaet")
		b.checkPage(t, browserPage{shot: "351-angebotsthema-1280.png", h1: "Mobilität", kern: true})
		inTab(t, b, chromedp.SetValue(chromedp.CSS("#position"), "1"))
		b.click(t, `main form button[type="submit"]`, 200)
		if first := b.text(t, "main tbody tr:first-child th"); first != "Mobilität" {
			t.Errorf("first theme after the move: %q", first)
		}
	})
	journeyStep(t, "telefon", func(t *testing.T) {
		b.phoneWidth(t, true)
		defer b.phoneWidth(t, false)
		b.visit(t, a.URL+demoPlan+"/angebotsthemen", 200)
		b.checkPage(t, browserPage{shot: "352-angebotsthemen-390.png", h1: "Themen der Angebote", kern: true})
		b.visit(t, a.URL+demoPlan+"/angebotsthemen/mobilitaet", 200)
		b.checkPage(t, browserPage{shot: "353-angebotsthema-390.png", h1: "Mobilität", kern: true})
	})
}
