package server_test

// The browser tests drive Debian's Chromium through Planwerk as its users
// meet it: the whole application (real server, real PostgreSQL with the demo
// data of Kreis Coesfeld, sign-in through the demo OpenID provider), the
// real CSS and fonts. Every page visited must show its content with KERN UX
// applied, pass axe-core's WCAG 2.1 AA rules, start keyboard use at the skip
// link and leave the console clean (a CSP violation is a console error). A
// full-page screenshot of each step lands in test-artifacts/screenshots.

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/planwerk/planwerk/internal/seed"
)

// TestBrowserPages walks the reading pages as the KI, clicking from page to
// page as a person would.
func TestBrowserPages(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	a := newApp(t)
	// The demo's second plan, so that the start page lists two and the
	// workspaces offer the switch between them.
	previous, orgs := seed.PreviousCoesfeldConcept(), seed.Organisations()
	if _, err := a.DB.SeedDemo(context.Background(), previous, orgs, seed.DemoImplementations(previous, orgs, today)); err != nil {
		t.Fatal(err)
	}

	journeyStep(t, "anmelden", func(t *testing.T) {
		b.visit(t, a.URL+"/plaene", 200)
		b.signIn(t, a.IdP, "ki-1")
		b.requirePath(t, "/plaene")
	})
	journeyStep(t, "plaene", func(t *testing.T) {
		b.checkPage(t, browserPage{shot: "00-plaene.png", h1: "Aktionspläne", kern: true})
		b.requireAtLeast(t, `main ul.plan-list a[href^="/plaene/"]`, 2)
		b.clickLink(t, "main", demoPlan)
	})
	journeyStep(t, "uebersicht", func(t *testing.T) {
		b.checkPage(t, browserPage{shot: "01-uebersicht.png", h1: "Integrationskonzept Kreis Coesfeld", kern: true})
		b.requireAtLeast(t, `main table a[href^="/plaene/integrationskonzept-kreis-coesfeld/massnahmen/"]`, 20)
	})
	journeyStep(t, "massnahme", func(t *testing.T) {
		const link = `main table a[href^="/plaene/integrationskonzept-kreis-coesfeld/massnahmen/"]`
		href := b.attr(t, link, "href")
		title := b.text(t, link)
		b.clickLink(t, "main table", href)
		b.checkPage(t, browserPage{shot: "02-massnahme.png", h1: title, kern: true})
		b.requireAtLeast(t, `main tbody tr`, 11) // one row per municipality
	})
	journeyStep(t, "kommunen", func(t *testing.T) {
		b.clickLink(t, "header nav", demoPlan+"/kommunen")
		b.checkPage(t, browserPage{shot: "03-kommunen.png", h1: "Kommunen", kern: true})
		b.requireAtLeast(t, `main a[href^="/plaene/integrationskonzept-kreis-coesfeld/kommunen/"]`, 11)
	})
	journeyStep(t, "duelmen", func(t *testing.T) {
		b.clickLink(t, "main", demoPlan+"/kommunen/duelmen")
		b.checkPage(t, browserPage{shot: "04-kommune-duelmen.png", h1: "Dülmen", kern: true})
		b.requireAtLeast(t, `main nav.plan-switch a[href$="/kommunen/duelmen"]`, 2)
		b.requireAtLeast(t, `main tbody tr`, 20)
	})
	journeyStep(t, "umsetzung", func(t *testing.T) {
		const link = `main tbody a[href^="/plaene/integrationskonzept-kreis-coesfeld/kommunen/duelmen/umsetzungen/"]`
		href := b.attr(t, link, "href")
		title := b.text(t, link)
		b.clickLink(t, "main tbody", href)
		b.checkPage(t, browserPage{shot: "05-umsetzung.png", h1: title, kern: true})
		// The KI may edit every municipality's implementations and sees their history.
		b.requireAtLeast(t, `main a[href="`+href+`/bearbeiten"]`, 1)
		b.requireAtLeast(t, `main #verlauf`, 1)
	})
	journeyStep(t, "barrierefreiheit", func(t *testing.T) {
		b.clickLink(t, "footer", "/barrierefreiheit")
		b.checkPage(t, browserPage{shot: "06-barrierefreiheit.png", h1: "Erklärung zur Barrierefreiheit", kern: true})
		b.requireAtLeast(t, `main h2`, 3)
	})
	// A phone's width (390 px): the plan list and the plan switch stay usable.
	journeyStep(t, "telefon", func(t *testing.T) {
		if err := callErr(chromedp.Call(b.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: 390, Height: 844, DeviceScaleFactor: 1, Mobile: true})); err != nil {
			t.Fatal(err)
		}
		defer func() { _ = callErr(chromedp.Call(b.ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{})) }()
		b.visit(t, a.URL+"/plaene", 200)
		b.checkPage(t, browserPage{shot: "07-plaene-390.png", h1: "Aktionspläne", kern: true})
		b.visit(t, a.URL+demoPlan+"/kommunen/duelmen", 200)
		b.checkPage(t, browserPage{shot: "08-kommune-duelmen-390.png", h1: "Dülmen", kern: true})
		b.requireAtLeast(t, `main nav.plan-switch a[href$="/kommunen/duelmen"]`, 2)
	})

	// The checks above pass when they find nothing, so prove that they can fail.
	journeyStep(t, "pruefungen-schlagen-an", func(t *testing.T) {
		evalJS[bool](t, b, `document.querySelector('main').appendChild(document.createElement('button')) !== null`)
		if ids := violationIDs(b.axeViolations(t)); !strings.Contains(ids, "button-name") {
			t.Errorf("axe fand einen Knopf ohne Namen nicht; Verstöße: %q", ids)
		}
		b.takeConsole(t)
		evalJS[bool](t, b, `(() => { const s = document.createElement('script'); s.textContent = '1';
			document.body.appendChild(s); return true })()`)
		if errs := b.takeConsole(t); !strings.Contains(strings.Join(errs, "\n"), "Content Security Policy") {
			t.Errorf("ein Verstoß gegen die CSP erschien nicht als Konsolenfehler; Meldungen: %q", errs)
		}
	})
}

// journeyStep runs one step of a journey. A step that stops early (t.Fatal) stops
// the journey, since the next step starts where this one should have ended;
// failed checks (t.Error) let the journey go on.
func journeyStep(t *testing.T, name string, f func(t *testing.T)) {
	t.Helper()
	finished := false
	t.Run(name, func(t *testing.T) { f(t); finished = true })
	if !finished {
		t.FailNow()
	}
}
