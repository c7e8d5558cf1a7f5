package server_test

// The workspace and its to-do view on a desk (1280 px) and on a phone
// (390 px): on the phone each implementation is a card with state,
// progress, due date and last report, the header is a single line, the
// filter panel folds away, active filters are chips that remove
// themselves, and the bulk review's bar counts the selection.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/chromedp"
)

// cardFacts is what a phone shows of the first row of a list.
type cardFacts struct {
	Top, Right float64
	Labels     []string // the visible column labels, in order
	Header     bool     // the table's header row takes room on screen
}

const firstCardJS = `(() => {
	const tr = document.querySelector(%q);
	const r = tr.getBoundingClientRect();
	return {
		Top: r.top + scrollY,
		Right: Math.max(...[...tr.querySelectorAll('td')].map(td => td.getBoundingClientRect().right)),
		Labels: [...tr.querySelectorAll('.ws-label')].filter(l => l.checkVisibility()).map(l => l.innerText.trim()),
		Header: tr.closest('table').querySelector('thead').getBoundingClientRect().height > 2,
	};
})()`

func TestBrowserWorkspaceOnPhone(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	a := newApp(t)
	ws := a.URL + demoPlan + "/kommunen/duelmen"
	const firstRow = `main table.workspace-table tbody tr`
	journeyStep(t, "desk", func(t *testing.T) {
		b.visit(t, ws, 200)
		b.signIn(t, a.IdP, "duelmen")
		b.requirePath(t, demoPlan+"/kommunen/duelmen")
		if !evalJS[bool](t, b, `document.querySelector('details.filter-panel').open && document.querySelector('details.site-menu').open`) {
			t.Error("bei 1280 px sind Filter und Navigation nicht aufgeklappt")
		}
		card := evalJS[cardFacts](t, b, fmt.Sprintf(firstCardJS, firstRow))
		if !card.Header || len(card.Labels) != 0 {
			t.Errorf("bei 1280 px: Kopfzeile sichtbar %v, Beschriftungen in den Zellen %v; erwartet eine Tabelle", card.Header, card.Labels)
		}
		b.checkPage(t, browserPage{shot: "130-arbeitsbereich-1280.png", h1: "Dülmen", kern: true, firstScreen: true})
	})
	b.phoneWidth(t, true)
	defer b.phoneWidth(t, false)
	journeyStep(t, "phone", func(t *testing.T) {
		b.visit(t, ws, 200)
		phoneChecks(t, b, firstRow, 700, "Stand", "Fortschritt", "Fällig", "Letzte Meldung")
		if evalJS[bool](t, b, `document.querySelector('details.filter-panel').open`) {
			t.Error("bei 390 px ist das Filterfeld ohne aktiven Filter aufgeklappt")
		}
		checkAXRoles(t, b, firstRow)
		b.checkPage(t, browserPage{shot: "131-arbeitsbereich-390.png", h1: "Dülmen", kern: true, firstScreen: true})
	})
	journeyStep(t, "menue", func(t *testing.T) {
		if b.count(t, "header nav a") == 0 || evalJS[bool](t, b, `document.querySelector('header nav').checkVisibility()`) {
			t.Fatal("bei 390 px ist die Navigation nicht im zugeklappten Menü")
		}
		b.settle(t)
		inTab(t, b, chromedp.Click(chromedp.CSS(`header summary.site-menu__toggle`)))
		b.requireVisible(t, `header nav li:first-child a`)
		b.screenshotOf(t, "138-menue-390.png", chromedp.CaptureScreenshot())
		inTab(t, b, chromedp.Click(chromedp.CSS(`header summary.site-menu__toggle`)))
	})
	journeyStep(t, "auswahl", func(t *testing.T) {
		if evalJS[bool](t, b, `document.querySelector('main .review-bar').checkVisibility()`) {
			t.Error("die Leiste der Sammelentscheidung steht schon da, bevor etwas ausgewählt ist")
		}
		for _, box := range []int{0, 1, 2} {
			evalJS[bool](t, b, fmt.Sprintf(`(document.querySelectorAll('main input[name=umsetzung]')[%d].click(), true)`, box))
		}
		bar := evalJS[struct {
			Text           string
			Bottom, Height float64
		}](t, b, `(() => { const bar = document.querySelector('main .review-bar');
			const r = (scrollTo({top: 900, behavior: 'instant'}), bar.getBoundingClientRect());
			return {Text: bar.innerText.replace(/\s+/g, ' ').trim(), Bottom: innerHeight - r.bottom, Height: r.height}; })()`)
		if !strings.HasPrefix(bar.Text, "3 ausgewählt") || !strings.Contains(bar.Text, "Relevanz festlegen") {
			t.Errorf("Leiste der Sammelentscheidung zeigt %q, erwartet „3 ausgewählt … Relevanz festlegen“", bar.Text)
		}
		if bar.Bottom < -1 || bar.Bottom > 1 || bar.Height > 120 {
			t.Errorf("Leiste steht %.0f px über dem unteren Fensterrand und ist %.0f px hoch; erwartet unten angeheftet", bar.Bottom, bar.Height)
		}
		b.screenshotOf(t, "132-arbeitsbereich-390-auswahl.png", chromedp.CaptureScreenshot())
		inTab(t, b, chromedp.Click(chromedp.CSS(`main .review-bar a[href="#sammelentscheidung"]`)))
		b.settle(t)
		if top := evalJS[float64](t, b, `document.querySelector('#sammelentscheidung').getBoundingClientRect().top`); top < -1 || top > 400 {
			t.Errorf("nach dem Sprung steht die Entscheidung %.0f px unter dem Fensterrand", top)
		}
	})
	journeyStep(t, "chips", func(t *testing.T) {
		b.visit(t, ws+"?relevanz=relevant&ueberfaellig=1", 200)
		chips := evalJS[[]string](t, b, `[...document.querySelectorAll('main .filter-chip')].map(c => c.innerText.replace(/\s+/g, ' ').trim())`)
		if len(chips) != 2 || !strings.HasPrefix(chips[0], "Relevanz: relevant") || !strings.HasPrefix(chips[1], "überfällig") {
			t.Fatalf("Filter-Chips %q, erwartet „Relevanz: relevant“ und „überfällig“", chips)
		}
		phoneChecks(t, b, firstRow, 700, "Stand", "Fortschritt", "Fällig", "Letzte Meldung")
		b.checkPage(t, browserPage{shot: "133-arbeitsbereich-390-filter.png", h1: "Dülmen", kern: true, firstScreen: true})
		b.click(t, `main .filter-chip`, 200)
		b.requirePath(t, demoPlan+"/kommunen/duelmen")
		if q := evalJS[string](t, b, `location.search`); q != "?ueberfaellig=1" {
			t.Errorf("nach dem Entfernen von „Relevanz“: Adresse %q, erwartet ?ueberfaellig=1", q)
		}
		if n := b.count(t, "main .filter-chip"); n != 1 {
			t.Errorf("%d Chips nach dem Entfernen eines Filters, erwartet 1", n)
		}
	})
	journeyStep(t, "aufgaben", func(t *testing.T) {
		b.visit(t, ws+"?ansicht=aufgaben", 200)
		phoneChecks(t, b, `section[aria-labelledby="todo-handeln"] tbody tr`, 1e6, "Anlass", "Stand", "Fortschritt", "Fällig", "Letzte Meldung")
		b.checkPage(t, browserPage{shot: "134-aufgaben-390.png", h1: "Dülmen", kern: true, firstScreen: true})
		attentionShot(t, b, "136-aufgaben-390-anlass.png")
		b.phoneWidth(t, false)
		b.visit(t, ws+"?ansicht=aufgaben", 200)
		b.checkPage(t, browserPage{shot: "135-aufgaben-1280.png", h1: "Dülmen", kern: true, firstScreen: true})
		attentionShot(t, b, "137-aufgaben-1280-anlass.png")
	})
}

// phoneChecks: the page fits 390 px, the header is one compact line, and
// the first row of the list is a card showing the labelled facts.
func phoneChecks(t *testing.T, b *browser, firstRow string, maxTop float64, labels ...string) {
	t.Helper()
	if wide := evalJS[bool](t, b, `document.scrollingElement.scrollWidth > innerWidth`); wide {
		t.Errorf("%s ist bei 390 px breiter als das Fenster", b.location(t))
	}
	if h := evalJS[float64](t, b, `document.querySelector('header.site-header').getBoundingClientRect().bottom + scrollY`); h > 120 {
		t.Errorf("Kopf endet bei %.0f px, erwartet höchstens 120 px", h)
	}
	card := evalJS[cardFacts](t, b, fmt.Sprintf(firstCardJS, firstRow))
	if card.Header || strings.Join(card.Labels, "|") != strings.Join(labels, "|") {
		t.Errorf("erste Karte: Kopfzeile sichtbar %v, Beschriftungen %q, erwartet %q", card.Header, card.Labels, labels)
	}
	if card.Right > 390 {
		t.Errorf("erste Karte reicht bis %.0f px, breiter als das Fenster", card.Right)
	}
	if card.Top > maxTop {
		t.Errorf("erste Karte beginnt bei %.0f px, erwartet höchstens %.0f px; davor: %s", card.Top, maxTop, evalJS[string](t, b,
			`[...document.querySelectorAll('header, main > *')].map(e => e.tagName.toLowerCase() + '.' + e.className.split(' ')[0] + ' ' + Math.round(e.getBoundingClientRect().height)).join(', ')`))
	}
}

// checkAXRoles: the parts of a card are still a table, a row and a cell to
// assistive technology (Chromium's accessibility tree), although on screen
// the card is no table.
func checkAXRoles(t *testing.T, b *browser, firstRow string) {
	t.Helper()
	for sel, want := range map[string]string{
		firstRow: "row", firstRow + " td.ws-cell": "cell", "main table.workspace-table": "table"} {
		nodes := inTab(t, b, chromedp.Nodes(chromedp.CSS(sel)))
		if len(nodes) == 0 {
			t.Fatalf("kein Element %s", sel)
		}
		no := false
		ax, err := chromedp.Call(b.ctx, accessibility.GetPartialAXTree,
			accessibility.GetPartialAXTreeParams{BackendNodeID: nodes[0].BackendNodeID, FetchRelatives: &no})
		if err != nil || len(ax.Nodes) == 0 || ax.Nodes[0].Role == nil {
			t.Fatalf("Barrierefreiheitsbaum von %s: %v", sel, err)
		}
		if role := strings.Trim(string(ax.Nodes[0].Role.Value), `"`); role != want {
			t.Errorf("%s hat bei 390 px die Rolle %q, erwartet %q", sel, role, want)
		}
	}
}

// attentionShot pictures the window at the to-do view's second list.
func attentionShot(t *testing.T, b *browser, name string) {
	t.Helper()
	evalJS[bool](t, b, `(document.querySelector('#todo-handeln').scrollIntoView({behavior: 'instant'}), true)`)
	b.screenshotOf(t, name, chromedp.CaptureScreenshot())
}
