package server_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserCatalogue walks the KI through the catalogue editor: moves a
// measure with its button, is told what is missing in a new measure's form,
// adds it, and checks an edited export in the import's dry run, at a
// desk's and at a phone's width, without scripts.
func TestBrowserCatalogue(t *testing.T) {
	t.Parallel()
	b := newBrowser(t, withoutJavaScript())
	a := newApp(t)
	catalogue := demoPlan + "/katalog"
	goal := a.firstGoal(t)
	journeyStep(t, "anmelden", func(t *testing.T) {
		b.visit(t, a.URL+"/plaene", 200)
		b.signIn(t, a.IdP, "ki-1")
		b.requirePath(t, "/plaene")
	})
	journeyStep(t, "editor", func(t *testing.T) {
		b.visit(t, a.URL+demoPlan, 200)
		b.clickLink(t, "main", catalogue)
		b.checkPage(t, browserPage{shot: "katalog-1280.png", h1: "Katalog des Plans bearbeiten", kern: true, firstScreen: true})
	})
	journeyStep(t, "verschieben", func(t *testing.T) {
		// One button: a selector matching a form in every goal waits for each to show.
		b.click(t, fmt.Sprintf(`main form[action$="/katalog/massnahmen/%d/verschieben"] button`, goal.Measures[0].ID), 200)
		b.requirePath(t, catalogue)
		if got := b.text(t, `main .kern-alert--success`); !strings.Contains(got, "verschoben") {
			t.Errorf("after the move: %q", got)
		}
		if first := b.text(t, `main .catalogue-goal .catalogue-measure:first-child strong`); first == goal.Measures[0].Code {
			t.Errorf("the first measure %s is still first", first)
		}
	})
	journeyStep(t, "neue-massnahme", func(t *testing.T) {
		b.visit(t, a.URL+catalogue+"/massnahmen/neu?unter="+fmt.Sprint(goal.ID), 200)
		b.click(t, `main form.edit-form button[type="submit"]`, 422)
		b.checkPage(t, browserPage{shot: "katalog-massnahme-fehler.png", h1: "Neue Maßnahme", kern: true})
		inTab(t, b, chromedp.SetValue(chromedp.CSS("#code"), goal.Code+".90"))
		inTab(t, b, chromedp.SetValue(chromedp.CSS("#title"), "Willkommensmappe in leichter Sprache"))
		b.click(t, `main form.edit-form button[type="submit"]`, 200)
		b.requirePath(t, catalogue)
	})
	journeyStep(t, "verlauf", func(t *testing.T) {
		b.visit(t, a.URL+catalogue+"/verlauf", 200)
		b.checkPage(t, browserPage{shot: "katalog-verlauf-1280.png", h1: "Änderungsverlauf des Katalogs", kern: true})
		if got := b.text(t, `main table`); !strings.Contains(got, "Willkommensmappe in leichter Sprache") {
			t.Errorf("the history does not show the new measure: %q", got)
		}
	})
	file := filepath.Join(t.TempDir(), "katalog.csv")
	journeyStep(t, "import", func(t *testing.T) {
		csv := string(fileOf(t, a.signIn(t, "ki-1"), a.URL+demoPlan+"/katalog.csv"))
		csv += "Maßnahme;" + goal.Code + ".91;" + goal.Code + ";Neu aus Excel;;kommunal;\r\n" +
			"Maßnahme;" + goal.Code + ".92;9.9;Ohne Ziel;;kommunal;\r\n"
		if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
			t.Fatal(err)
		}
		b.visit(t, a.URL+catalogue, 200)
		b.clickLink(t, "main", catalogue+"/import")
		b.checkPage(t, browserPage{shot: "katalog-import-1280.png", h1: "Katalog importieren", kern: true})
		inTab(t, b, chromedp.SetUploadFiles(chromedp.CSS("#datei"), []string{file}))
		b.click(t, `main form[enctype="multipart/form-data"] button[type="submit"]`, 200)
		b.checkPage(t, browserPage{shot: "katalog-import-pruefung-1280.png", h1: "Katalog importieren", kern: true})
		if got := b.text(t, `main table.import-rows`); !strings.Contains(got, "Spalte „Übergeordnet“") {
			t.Errorf("the refused row does not name its column: %q", got)
		}
	})
	journeyStep(t, "telefon", func(t *testing.T) {
		if err := callErr(chromedp.Call(b.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: 390, Height: 844, DeviceScaleFactor: 1, Mobile: true})); err != nil {
			t.Fatal(err)
		}
		defer func() { _ = callErr(chromedp.Call(b.ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{})) }()
		b.visit(t, a.URL+catalogue, 200)
		b.checkPage(t, browserPage{shot: "katalog-390.png", h1: "Katalog des Plans bearbeiten", kern: true, firstScreen: true})
		b.visit(t, a.URL+catalogue+"/import", 200)
		inTab(t, b, chromedp.SetUploadFiles(chromedp.CSS("#datei"), []string{file}))
		b.click(t, `main form[enctype="multipart/form-data"] button[type="submit"]`, 200)
		b.checkPage(t, browserPage{shot: "katalog-import-pruefung-390.png", h1: "Katalog importieren", kern: true})
		if w := evalJS[int](t, b, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("the dry run is %d px wide at 390 px", w)
		}
	})
}
