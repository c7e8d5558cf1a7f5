package server_test

// Every page prints as a document (app.css, @media print): no navigation,
// filters, forms or buttons, tables inside the page width, states printed
// with their dot and their text.

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// a4Content is the width of an A4 page inside the print margins of app.css
// (210 mm − 2 × 12 mm) in CSS pixels.
const a4Content = 703

func TestBrowserPrintLayout(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	a := newApp(t)
	b.visit(t, a.URL+demoPlan, 200)
	b.signIn(t, a.IdP, "duelmen")
	for _, p := range []struct{ name, path string }{
		{"arbeitsbereich", demoPlan + "/kommunen/duelmen"},
		{"planuebersicht", demoPlan},
		{"umsetzung", fmt.Sprintf("%s/kommunen/duelmen/umsetzungen/%d", demoPlan, firstImplementationID(t, a, "duelmen"))},
	} {
		journeyStep(t, p.name, func(t *testing.T) {
			b.visit(t, a.URL+p.path, 200)
			b.emulatePrint(t, true)
			defer b.emulatePrint(t, false)
			for _, sel := range []string{".kern-kopfzeile", "header nav", ".site-user", ".breadcrumbs", ".site-footer", ".filter-panel", "main .kern-btn", "main form:not(.review-form)"} {
				if shown := evalJS[int](t, b, `[...document.querySelectorAll(`+strconv.Quote(sel)+`)].filter(e => getComputedStyle(e).display !== 'none').length`); shown > 0 {
					t.Errorf("%s: %d × %s im Druck sichtbar", p.name, shown, sel)
				}
			}
			if w := evalJS[int](t, b, `document.documentElement.scrollWidth`); w > a4Content+1 {
				t.Errorf("%s: der Druck ist %d px breit, die A4-Seite %d px: rechts wird abgeschnitten", p.name, w, a4Content)
			}
			if n := evalJS[int](t, b, `[...document.querySelectorAll('.state__dot')].filter(e => getComputedStyle(e).printColorAdjust !== 'exact').length`); n > 0 {
				t.Errorf("%s: %d Statuspunkte würden als leere Kreise gedruckt", p.name, n)
			}
			if n := evalJS[int](t, b, `[...document.querySelectorAll('.state')].filter(e => e.textContent.trim() === '').length`); n > 0 {
				t.Errorf("%s: %d Status ohne Text", p.name, n)
			}
			pdf := b.printPDF(t)
			pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
			path := filepath.Join(filepath.Dir(b.shots), "print", p.name+".pdf")
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d Seiten A4 – %s", p.name, pages, path)
		})
	}
}

// emulatePrint lays the page out for print (on) or screen (off), at the
// width of an A4 page's content.
func (b *browser) emulatePrint(t *testing.T, on bool) {
	t.Helper()
	media, width := "", int64(0)
	if on {
		media, width = "print", a4Content
	}
	for _, err := range []error{
		callErr(chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})),
		callErr(chromedp.Call(b.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: width, Height: map[bool]int64{true: 1000}[on]})),
	} {
		if err != nil {
			t.Fatalf("Druckansicht: %v", err)
		}
	}
}

// printPDF prints the page as Chromium's print dialog would, with the page
// size and margins of the stylesheet.
func (b *browser) printPDF(t *testing.T) []byte {
	t.Helper()
	yes := true
	res, err := chromedp.Call(b.ctx, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &yes})
	if err != nil {
		t.Fatalf("Drucken: %v", err)
	}
	if !bytes.HasPrefix(res.Data, []byte("%PDF")) {
		t.Fatal("Chromium lieferte kein PDF")
	}
	return res.Data
}
