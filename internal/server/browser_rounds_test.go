package server_test

// Browser journey of a reporting round: the KI's rounds page and the banner
// in a town's workspace, each checked with axe-core and photographed wide
// (1280 px) and narrow (390 px, a phone).

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// atWidth runs check with the browser window width px wide, then restores
// the usual 1280 px.
func (b *browser) atWidth(t *testing.T, px int64, check func()) {
	t.Helper()
	inTab(t, b, chromedp.EmulateViewport(px, 900))
	defer inTab(t, b, chromedp.EmulateViewport(1280, 900))
	check()
}

func TestBrowserReportingRound(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	a := newApp(t)
	a.seedReporting(t)

	journeyStep(t, "ki-berichtsrunden", func(t *testing.T) {
		b.visit(t, a.URL+roundsPage, 200)
		b.requireLoginPage(t, a.IdP)
		b.signIn(t, a.IdP, "ki-1")
		b.requirePath(t, roundsPage)
		b.checkPage(t, browserPage{shot: "60-berichtsrunden-ki.png", h1: "Berichtsrunden", kern: true})
		if text := b.text(t, "main table.round-towns"); !strings.Contains(text, "Abgeschlossen") ||
			!strings.Contains(text, "Noch nicht abgeschlossen") {
			t.Errorf("die Tabelle nennt den Stand nicht in Worten: %q", text)
		}
		b.atWidth(t, 390, func() {
			b.checkPage(t, browserPage{shot: "61-berichtsrunden-ki-390.png", h1: "Berichtsrunden", kern: true})
		})
	})
	journeyStep(t, "kommune-banner", func(t *testing.T) {
		b.click(t, `header form[action="/abmelden"] button[type="submit"]`, 200)
		b.visit(t, a.URL+demoPlan+"/kommunen/duelmen", 200)
		b.requireLoginPage(t, a.IdP)
		b.signIn(t, a.IdP, "duelmen")
		b.requireVisible(t, `main section#berichtsrunde[aria-labelledby="berichtsrunde-titel"]`)
		b.checkPage(t, browserPage{shot: "62-berichtsrunde-kommune.png", h1: "Dülmen", kern: true})
		b.atWidth(t, 390, func() {
			b.checkPage(t, browserPage{shot: "63-berichtsrunde-kommune-390.png", h1: "Dülmen", kern: true})
		})
	})
	journeyStep(t, "meldung-abgeschlossen", func(t *testing.T) {
		b.click(t, `main form[action$="/berichtsrunde/abgeschlossen"] button`, 200)
		if text := b.text(t, "main #berichtsrunde"); !strings.Contains(text, "Meldung zurücknehmen") {
			t.Errorf("nach dem Abschließen fehlt „Meldung zurücknehmen“: %q", text)
		}
		b.checkPage(t, browserPage{shot: "64-berichtsrunde-abgeschlossen.png", h1: "Dülmen", kern: true})
	})
}
