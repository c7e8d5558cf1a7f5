package server_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserOpenPlanData: the public plan page's open-data section links
// the CSV, the JSON and the DCAT description with the licence, passes axe
// on the phone and the desk, and is kept as screenshots 339-341.
func TestBrowserOpenPlanData(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	publishDemoPlan(t, a, true)
	b := newBrowser(t)
	for i, width := range []struct {
		name  string
		phone bool
	}{{"390", true}, {"1280", false}} {
		b.phoneWidth(t, width.phone)
		b.visit(t, a.URL+demoPlan+"/oeffentlich", 200)
		b.checkPage(t, browserPage{shot: "339-oeffentlich-" + width.name + ".png", h1: "Integrationskonzept", kern: true, firstScreen: true})
		section := `main section[aria-labelledby="offene-daten"]`
		for _, href := range []string{planCSV, planDCAT, statusPath} {
			if !evalJS[bool](t, b, `!!document.querySelector('`+section+` a[href="`+href+`"]')`) {
				t.Errorf("no link to %s in the open-data section", href)
			}
		}
		if text := b.text(t, section); !strings.Contains(text, "Datenlizenz Deutschland – Namensnennung – Version 2.0") {
			t.Errorf("open-data section: %q", text)
		}
		inTab(t, b, chromedp.ScrollIntoView(chromedp.CSS(section)))
		b.screenshotOf(t, []string{"340", "341"}[i]+"-offene-daten-"+width.name+".png", chromedp.Screenshot(chromedp.CSS(section)))
	}
}
