package server_test

// Every page the KI staff reach, at a phone's width (390 px): no page is
// wider than the window (wide tables scroll inside their own region), and
// axe-core finds nothing, as on the desk.

import (
	"fmt"
	"strings"
	"testing"
)

func TestBrowserEveryPageAtPhoneWidth(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	a := newApp(t)
	a.addReports(t)
	b.phoneWidth(t, true)
	defer b.phoneWidth(t, false)
	b.visit(t, a.URL+"/plaene", 200)
	b.signIn(t, a.IdP, "ki-1")

	ws := demoPlan + "/kommunen/duelmen"
	pages := []struct{ path, h1 string }{
		{"/plaene", "Aktionspläne"},
		{demoPlan, "Integrationskonzept Kreis Coesfeld"},
		{ws, "Dülmen"},
		{ws + "?ansicht=aufgaben", "Dülmen"},
		{demoPlan + "/monitoring", "Monitoring"},
		{demoPlan + "/berichtsrunden", "Berichtsrunden"},
		{demoPlan + "/berichte", "Sachstandsberichte"},
		{demoPlan + "/unterstuetzung", "Unterstützung"},
		{demoPlan + "/bedarfe", "Bedarfe"},
		{"/neu", "Neu für Sie"},
	}
	check := func(t *testing.T, i int, path, h1 string) {
		b.visit(t, a.URL+path, 200)
		if evalJS[bool](t, b, `document.scrollingElement.scrollWidth > innerWidth`) {
			t.Errorf("%s ist bei 390 px breiter als das Fenster", path)
		}
		b.checkPage(t, browserPage{shot: shotName(140+i, path), h1: h1, kern: true, firstScreen: true})
	}
	for i, p := range pages {
		journeyStep(t, strings.Trim(strings.ReplaceAll(p.path, "/", "-"), "-"), func(t *testing.T) { check(t, i, p.path, p.h1) })
	}
	// The pages reached from those lists: a measure, an implementation, its
	// Sachstand form and a frozen report.
	b.visit(t, a.URL+demoPlan, 200)
	measure := b.attr(t, `main table a[href^="`+demoPlan+`/massnahmen/"]`, "href")
	b.visit(t, a.URL+ws, 200)
	impl := b.attr(t, `main table.workspace-table a[href*="/umsetzungen/"]`, "href")
	b.visit(t, a.URL+demoPlan+"/berichte", 200)
	report := b.attr(t, `main a[href^="`+demoPlan+`/berichte/"]:not([href$="/neu"]):not([href$="/bearbeiten"])`, "href")
	for i, p := range []struct{ path, h1 string }{
		{measure, ""}, {impl, ""}, {impl + "/sachstand", "Sachstand"}, {report, ""},
	} {
		journeyStep(t, "folge-"+string(rune('a'+i)), func(t *testing.T) { check(t, len(pages)+i, p.path, p.h1) })
	}
}

// shotName names a page's screenshot by its number and address.
func shotName(n int, path string) string {
	name := strings.Trim(strings.NewReplacer("/", "-", "?", "-", "=", "-").Replace(path), "-")
	if len(name) > 60 {
		name = name[len(name)-60:]
	}
	return fmt.Sprintf("%d-%s-390.png", n, name)
}
