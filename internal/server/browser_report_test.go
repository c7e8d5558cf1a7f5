package server_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserReportPage reads a frozen report as a committee member, compares
// it with the earlier one through the form, and checks both pages with
// axe-core, at a desktop and at a phone's width.
func TestBrowserReportPage(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	a := newApp(t)
	r := a.addReportsOf(t, "duelmen", "olfen")
	journeyStep(t, "anmelden", func(t *testing.T) {
		b.visit(t, a.URL+r.path(r.autumn), 200)
		b.signIn(t, a.IdP, "ausschuss-1")
		b.requirePath(t, r.path(r.autumn))
	})
	journeyStep(t, "bericht", func(t *testing.T) {
		b.checkPage(t, browserPage{shot: "50-bericht.png", h1: "Sachstandsbericht Herbst 2026", kern: true})
		b.requireAtLeast(t, `main table caption`, 3)
	})
	journeyStep(t, "vergleich", func(t *testing.T) {
		inTab(t, b, chromedp.SetValue(chromedp.CSS(`#vergleich-wahl`), fmt.Sprint(r.spring)))
		b.click(t, `.report-compare-form button[type=submit]`, 200)
		b.requirePath(t, r.path(r.autumn))
		b.checkPage(t, browserPage{shot: "51-bericht-vergleich.png", h1: "Sachstandsbericht Herbst 2026", kern: true})
		b.requireAtLeast(t, `#vergleich`, 1)
	})
	journeyStep(t, "schmal", func(t *testing.T) {
		if _, err := chromedp.Call(b.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: 390, Height: 844, DeviceScaleFactor: 1, Mobile: true}); err != nil {
			t.Fatal(err)
		}
		b.visit(t, fmt.Sprintf("%s%s?vergleich=%d", a.URL, r.path(r.autumn), r.spring), 200)
		b.checkPage(t, browserPage{shot: "52-bericht-390.png", h1: "Sachstandsbericht Herbst 2026", kern: true})
	})
}
