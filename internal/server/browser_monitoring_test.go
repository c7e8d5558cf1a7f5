package server_test

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserMonitoring walks the KI's start: from the plan list to the
// monitoring, sorts it without scripts, drills down into a filtered
// workspace, and checks the matrix at a desk's and at a phone's width.
func TestBrowserMonitoring(t *testing.T) {
	t.Parallel()
	b := newBrowser(t, withoutJavaScript())
	a := newApp(t)
	journeyStep(t, "anmelden", func(t *testing.T) {
		b.visit(t, a.URL+"/plaene", 200)
		b.signIn(t, a.IdP, "ki-1")
		b.requirePath(t, "/plaene")
	})
	journeyStep(t, "start", func(t *testing.T) {
		b.clickLink(t, "main ul.plan-list", monitoringPath)
		b.checkPage(t, browserPage{shot: "monitoring-1280.png", h1: "Monitoring", kern: true})
		b.requireAtLeast(t, `main table.mon-table tbody tr`, 12)
		if b.attr(t, `main .mon-scroll`, "tabindex") != "0" {
			t.Error("the table's scroll region cannot be reached with the keyboard")
		}
	})
	journeyStep(t, "sortieren", func(t *testing.T) {
		inTab(t, b, chromedp.SetValue(chromedp.CSS("#sortierung"), "name"))
		b.click(t, `main form.mon-sort button[type="submit"]`, 200)
		b.requirePath(t, monitoringPath)
		if first := b.text(t, `main table.mon-table tbody tr th a`); first != "Ascheberg" {
			t.Errorf("sorted by name, the first town is %q", first)
		}
	})
	journeyStep(t, "kommune", func(t *testing.T) {
		const link = `main table.mon-table tbody tr:first-child td a`
		href, want := b.attr(t, link, "href"), b.text(t, link+` .mon-num`)
		b.click(t, link, 200)
		b.checkPage(t, browserPage{shot: "monitoring-drilldown.png", h1: "Ascheberg", kern: true})
		if got := b.text(t, `#ergebnis`); !strings.HasPrefix(got, want+" von") {
			t.Errorf("%s shows %q; the matrix said %s", href, got, want)
		}
	})
	journeyStep(t, "telefon", func(t *testing.T) {
		if err := callErr(chromedp.Call(b.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: 390, Height: 844, DeviceScaleFactor: 1, Mobile: true})); err != nil {
			t.Fatal(err)
		}
		defer func() { _ = callErr(chromedp.Call(b.ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{})) }()
		b.visit(t, a.URL+monitoringPath, 200)
		b.checkPage(t, browserPage{shot: "monitoring-390.png", h1: "Monitoring", kern: true})
		// The page itself does not scroll sideways; the matrix does, in its region.
		type widths struct{ Page, Region, Table int }
		w := evalJS[widths](t, b, `({Page: document.documentElement.scrollWidth,
			Region: document.querySelector('.mon-scroll').clientWidth,
			Table: document.querySelector('.mon-scroll').scrollWidth})`)
		if w.Page > 390 || w.Region > 390 || w.Table <= w.Region {
			t.Errorf("at 390 px: page %d, region %d, table %d wide; want the table to scroll inside the region", w.Page, w.Region, w.Table)
		}
		// Scrolled sideways, every town's name stays in view (the first column sticks).
		hidden := evalJS[[]string](t, b, `(() => {
			const region = document.querySelector('.mon-scroll');
			return [...document.querySelectorAll('.mon-table tbody th')].filter(th => {
				th.scrollIntoView({block: 'center', behavior: 'instant'});
				region.scrollLeft = 600;
				const r = th.getBoundingClientRect();
				const hit = document.elementFromPoint(r.left + 10, r.top + 10);
				return region.scrollLeft === 0 || !(hit && th.contains(hit));
			}).map(th => th.textContent.trim());
		})()`)
		if len(hidden) > 0 {
			t.Errorf("scrolled sideways at 390 px, these towns are out of view: %q", hidden)
		}
	})
}
