package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserPlanVersion walks the KI through a Fortschreibung: starts the
// next version, is told what a drop lacks, maps a measure as dropped,
// adopts the version, sees the old one marked as superseded and downloads
// the change annex, at a desk's and at a phone's width.
func TestBrowserPlanVersion(t *testing.T) {
	t.Parallel()
	b := newBrowser(t, withoutJavaScript())
	a := newApp(t)
	j := &journey{b: b, a: a}
	versions := demoPlan + "/fortschreibung"
	measure := a.pathValues(t).measure
	mapping := fmt.Sprintf("%s/massnahmen/%d", versions, measure)
	journeyStep(t, "anmelden", func(t *testing.T) {
		b.visit(t, a.URL+"/plaene", 200)
		b.signIn(t, a.IdP, "ki-1")
		b.requirePath(t, "/plaene")
	})
	journeyStep(t, "beginnen", func(t *testing.T) {
		b.visit(t, a.URL+demoPlan, 200)
		b.clickLink(t, "main", versions)
		b.checkPage(t, browserPage{shot: "fortschreibung-start-1280.png", h1: "Fortschreibung des Plans", kern: true})
		inTab(t, b, chromedp.SetValue(chromedp.CSS("#version"), "2.0"))
		inTab(t, b, chromedp.SetValue(chromedp.CSS("#adopted_on"), "2027-03-18"))
		b.click(t, `main form.edit-form button[type="submit"]`, 200)
		b.requirePath(t, versions)
		b.checkPage(t, browserPage{shot: "fortschreibung-zuordnung-1280.png", h1: "Fortschreibung des Plans", kern: true, firstScreen: true})
	})
	journeyStep(t, "zuordnen", func(t *testing.T) {
		b.clickLink(t, "main table", mapping)
		inTab(t, b, chromedp.Click(chromedp.CSS("#kind-dropped")))
		b.click(t, `main form.edit-form button[type="submit"]`, 422)
		b.checkPage(t, browserPage{shot: "fortschreibung-massnahme-fehler-1280.png", h1: "Zuordnung der Maßnahme", kern: true})
		if got := b.text(t, "main #reason-error"); !strings.Contains(got, "Bitte begründen Sie") {
			t.Errorf("the missing reason: %q", got)
		}
		evalJS[string](t, b, `document.querySelector('#targets').value = ''`)
		inTab(t, b, chromedp.SetValue(chromedp.CSS("#reason"), "Ziel erreicht: alle Kommunen bieten Sprachcafés an."))
		b.click(t, `main form.edit-form button[type="submit"]`, 200)
		b.requirePath(t, versions)
		if got := b.text(t, "main table.version-mapping"); !strings.Contains(got, "entfallen") {
			t.Errorf("the mapping does not show the drop: %.300q", got)
		}
	})
	journeyStep(t, "verwerfen-ohne-bestaetigung", func(t *testing.T) {
		b.click(t, `main form[action$="/fortschreibung/verwerfen"] button`, 422)
		b.checkPage(t, browserPage{shot: "fortschreibung-verwerfen-fehler-1280.png", h1: "Fortschreibung des Plans", kern: true, firstScreen: true})
		b.reveal(t, "#confirm-error")
		b.settle(t)
		b.screenshotOf(t, "fortschreibung-verwerfen-fehler-feld-1280.png", chromedp.CaptureScreenshot())
		if got := b.text(t, "main #confirm-error"); !strings.Contains(got, "Bitte bestätigen Sie") {
			t.Errorf("the missing confirmation: %q", got)
		}
	})
	journeyStep(t, "beschliessen", func(t *testing.T) {
		b.click(t, `main form[action$="/fortschreibung/beschliessen"] button`, 200)
		b.requirePath(t, versions)
		b.checkPage(t, browserPage{shot: "fortschreibung-beschlossen-1280.png", h1: "Fortschreibung des Plans", kern: true, firstScreen: true})
		j.keep("aenderungsanlage.pdf")(t, b.fetchFile(t, a.URL+versions+"/aenderungsanlage.pdf", "application/pdf"))
		j.keep("aenderungsanlage.xlsx")(t, b.fetchFile(t, a.URL+versions+"/aenderungsanlage.xlsx",
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
	})
	journeyStep(t, "alte-fassung", func(t *testing.T) {
		b.visit(t, a.URL+demoPlan, 200)
		b.checkPage(t, browserPage{shot: "fortschreibung-alte-fassung-1280.png", h1: "Integrationskonzept", kern: true, firstScreen: true})
		if got := b.text(t, "main .version-banner"); !strings.Contains(got, "abgelöst durch") {
			t.Errorf("the old version is not marked: %q", got)
		}
		b.clickLink(t, "main .version-banner", newPlan)
		b.checkPage(t, browserPage{shot: "fortschreibung-neue-fassung-1280.png", h1: "Integrationskonzept", kern: true, firstScreen: true})
	})
	journeyStep(t, "telefon", func(t *testing.T) {
		if err := callErr(chromedp.Call(b.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: 390, Height: 844, DeviceScaleFactor: 1, Mobile: true})); err != nil {
			t.Fatal(err)
		}
		defer func() { _ = callErr(chromedp.Call(b.ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{})) }()
		b.visit(t, a.URL+versions, 200)
		b.checkPage(t, browserPage{shot: "fortschreibung-zuordnung-390.png", h1: "Fortschreibung des Plans", kern: true, firstScreen: true})
		b.visit(t, a.URL+demoPlan, 200)
		b.checkPage(t, browserPage{shot: "fortschreibung-alte-fassung-390.png", h1: "Integrationskonzept", kern: true, firstScreen: true})
		if w := evalJS[int](t, b, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("the old version's page is %d px wide at 390 px", w)
		}
	})
}
