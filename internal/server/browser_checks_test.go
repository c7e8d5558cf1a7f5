package server_test

// The checks every page of a browser journey gets: its heading, KERN UX
// with its font, axe-core's WCAG 2.1 AA rules, the skip link, a clean
// console, and a screenshot for a human look; then the small DOM queries
// the journeys assert with.

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// browserPage is what one page of a journey must show.
type browserPage struct {
	shot string // screenshot file name, NN-name.png
	h1   string // text the h1 must contain
	kern bool   // a Planwerk page: KERN UX and its font must be applied (the provider's page has its own CSS)
	// firstScreen: the screenshot shows the window only, not the whole page
	// (a county's report is a hundred screens long; its picture would take
	// long to take and say no more).
	firstScreen bool
}

// checkPage runs the checks every page gets and keeps its screenshot.
func (b *browser) checkPage(t *testing.T, p browserPage) {
	t.Helper()
	if h1 := b.text(t, "main h1"); !strings.Contains(h1, p.h1) {
		t.Errorf("Überschrift h1 = %q, erwartet %q (Seite %s)", h1, p.h1, b.location(t))
	}
	if p.kern {
		b.checkKERN(t)
	}
	if p.firstScreen {
		b.screenshotOf(t, p.shot, chromedp.CaptureScreenshot())
	} else {
		b.screenshot(t, p.shot)
	}
	for _, v := range b.axeViolations(t) {
		t.Errorf("axe auf %s: %s", b.location(t), v)
	}
	b.checkSkipLink(t)
	b.failOnConsole(t)
}

func (b *browser) failOnConsole(t *testing.T) {
	t.Helper()
	for _, e := range b.takeConsole(t) {
		t.Errorf("Konsole: %s", e)
	}
}

// checkKERN requires every stylesheet to be loaded and the KERN font to be in use.
func (b *browser) checkKERN(t *testing.T) {
	t.Helper()
	type styles struct {
		Family   string   `json:"family"`
		Loaded   bool     `json:"loaded"`
		Check    bool     `json:"check"`
		Unloaded []string `json:"unloaded"`
	}
	s := evalJS[styles](t, b, `document.fonts.ready.then(() => ({
		family: getComputedStyle(document.body).fontFamily,
		loaded: [...document.fonts].some(f => f.family.replace(/["']/g, '') === 'Fira Sans' && f.status === 'loaded'),
		check: document.fonts.check('16px "Fira Sans"'),
		unloaded: [...document.querySelectorAll('link[rel=stylesheet]')]
			.filter(l => !l.sheet || l.sheet.cssRules.length === 0).map(l => l.href),
	}))`, chromedp.EvalAwaitPromise)
	if !strings.Contains(s.Family, "Fira Sans") {
		t.Errorf("font-family von body = %q, erwartet Fira Sans aus KERN UX", s.Family)
	}
	if !s.Loaded || !s.Check {
		t.Errorf("Schrift Fira Sans nicht geladen (FontFace geladen: %v, document.fonts.check: %v)", s.Loaded, s.Check)
	}
	if len(s.Unloaded) > 0 {
		t.Errorf("Stylesheets nicht geladen: %v", s.Unloaded)
	}
	// A box or a round KERN does not draw is the browser's own, small and
	// out of place: every check box and radio button carries KERN's class.
	plain := evalJS[[]string](t, b, `[...document.querySelectorAll(
		'input[type=checkbox]:not(.kern-form-check__checkbox), input[type=radio]:not(.kern-form-check__radio)')].map(e => e.id || e.name)`)
	if len(plain) > 0 {
		t.Errorf("Auswahlfelder ohne KERN-Klasse: %v", plain)
	}
}

// screenshot keeps the whole page. Sections away from the window are not
// laid out (content-visibility), and a picture of the whole page would show
// them blank: for the picture they are laid out, and afterwards left to
// the browser again.
func (b *browser) screenshot(t *testing.T, name string) {
	t.Helper()
	b.layOutAll(t, "visible")
	defer b.layOutAll(t, "")
	b.screenshotOf(t, name, chromedp.FullScreenshot(100))
}

// layOutAll sets content-visibility on every section that has it from the
// style sheet ("" gives it back to the sheet), and lays the page out at once
// (reading scrollHeight does), so that the picture has the page's real height.
func (b *browser) layOutAll(t *testing.T, value string) {
	t.Helper()
	b.withScripts(t, func() {
		evalJS[bool](t, b, fmt.Sprintf(`(() => { document.querySelectorAll('.field').forEach(s => s.style.contentVisibility = %q); return document.documentElement.scrollHeight > 0 })()`, value))
	})
}

// screenshotOf keeps the picture the action takes as the file name.
func (b *browser) screenshotOf(t *testing.T, name string, take chromedp.Action[[]byte]) {
	t.Helper()
	png := inTab(t, b, take)
	path := filepath.Join(b.shots, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("Bildschirmfoto: %s", path)
}

// axeViolations injects axe-core through the DevTools protocol, which the
// page's CSP does not govern, and runs the WCAG 2.1 A/AA rules.
func (b *browser) axeViolations(t *testing.T) (vs []string) {
	t.Helper()
	b.withScripts(t, func() { vs = b.runAxe(t) }) // axe waits on timers
	return vs
}

func (b *browser) runAxe(t *testing.T) []string {
	t.Helper()
	if !evalJS[bool](t, b, `typeof window.axe === 'object'`) {
		evalJS[chromedp.Void](t, b, b.axe)
	}
	return evalJS[[]string](t, b, `axe.run(document, {
		runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']},
		resultTypes: ['violations'],
	}).then(r => r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' – ' + v.helpUrl +
		v.nodes.map(n => '\n    ' + n.target.join(' ') + '\n      ' + (n.failureSummary || '').replace(/\n/g, '\n      ')).join('')))`,
		chromedp.EvalAwaitPromise)
}

// violationIDs returns the rule ids of axe's findings.
func violationIDs(vs []string) string {
	ids := make([]string, len(vs))
	for i, v := range vs {
		ids[i], _, _ = strings.Cut(v, " ")
	}
	return strings.Join(ids, " ")
}

// checkSkipLink requires the first Tab to land on a visible skip link whose
// Enter moves to the main content.
func (b *browser) checkSkipLink(t *testing.T) {
	t.Helper()
	if hash := evalJS[string](t, b, `location.hash`); hash != "" {
		// An address with a fragment (a form's redirect to its section) moves
		// the keyboard's starting point there: the first Tab must land in or
		// after that section, not back at the top of the page.
		b.checkTabFrom(t, hash)
		return
	}
	if moved := evalJS[string](t, b, `document.activeElement?.matches('[autofocus][id]') ? '#' + document.activeElement.id : ''`); moved != "" {
		// A page that moves the focus itself (the confirmation after a
		// save) is the keyboard's starting point in the same way.
		b.checkTabFrom(t, moved)
		return
	}
	inTab(t, b, chromedp.KeyEvent(kb.Tab))
	type focus struct {
		Text    string `json:"text"`
		Visible bool   `json:"visible"`
	}
	f := evalJS[focus](t, b, `(() => { const e = document.activeElement, r = e.getBoundingClientRect();
		return {text: e.textContent.trim(), visible: r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth} })()`)
	if f.Text != "Zum Inhalt springen" || !f.Visible {
		t.Errorf("erster Tab fokussiert %q (sichtbar: %v), erwartet den sichtbaren Link „Zum Inhalt springen“", f.Text, f.Visible)
		return
	}
	inTab(t, b, chromedp.KeyEvent(kb.Enter))
	if hash := evalJS[string](t, b, `location.hash`); hash != "#inhalt" {
		t.Errorf("Enter auf dem Sprunglink führte nach %q, erwartet #inhalt", hash)
	}
}

// checkTabFrom requires the first Tab on a page opened at a fragment to
// focus a visible element at or after the fragment's target.
func (b *browser) checkTabFrom(t *testing.T, hash string) {
	t.Helper()
	if !b.has(t, hash) {
		t.Errorf("die Adresse %s zeigt auf %s, das es auf der Seite nicht gibt", b.location(t), hash)
		return
	}
	inTab(t, b, chromedp.KeyEvent(kb.Tab))
	type focus struct {
		Tag     string `json:"tag"`
		After   bool   `json:"after"`
		Visible bool   `json:"visible"`
	}
	f := evalJS[focus](t, b, fmt.Sprintf(`(() => { const e = document.activeElement, target = document.querySelector(%q),
		r = e.getBoundingClientRect();
		return {tag: e.outerHTML.slice(0, 80), visible: r.width > 0 && r.height > 0,
			after: target === e || target.contains(e) || !!(target.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING)} })()`, hash))
	if !f.After || !f.Visible {
		t.Errorf("erster Tab auf %s fokussiert %s (sichtbar: %v, bei oder nach %s: %v)", b.location(t), f.Tag, f.Visible, hash, f.After)
	}
}

// has reports whether an element matches the selector.
func (b *browser) has(t *testing.T, selector string) bool {
	t.Helper()
	return evalJS[bool](t, b, fmt.Sprintf(`document.querySelector(%q) !== null`, selector))
}

// count is the number of elements matching the selector.
func (b *browser) count(t *testing.T, selector string) int {
	t.Helper()
	return evalJS[int](t, b, fmt.Sprintf(`document.querySelectorAll(%q).length`, selector))
}

// attr is an attribute of the first element matching the selector; the
// journey stops if there is none.
func (b *browser) attr(t *testing.T, selector, name string) string {
	t.Helper()
	v := evalJS[*string](t, b, fmt.Sprintf(`document.querySelector(%q)?.getAttribute(%q) ?? null`, selector, name))
	if v == nil {
		t.Fatalf("kein Element %s mit Attribut %s auf %s", selector, name, b.location(t))
	}
	return *v
}

// requireVisible stops the journey unless the element is shown.
func (b *browser) requireVisible(t *testing.T, selector string) {
	t.Helper()
	if !evalJS[bool](t, b, fmt.Sprintf(`document.querySelector(%q)?.checkVisibility() ?? false`, selector)) {
		t.Fatalf("%s ist auf %s nicht sichtbar", selector, b.location(t))
	}
}

// text is the trimmed text of the first element matching the selector, "" if none.
func (b *browser) text(t *testing.T, selector string) string {
	t.Helper()
	return evalJS[string](t, b, fmt.Sprintf(`document.querySelector(%q)?.innerText.trim() ?? ''`, selector))
}

// requireAtLeast requires at least min elements matching the selector.
func (b *browser) requireAtLeast(t *testing.T, selector string, min int) {
	t.Helper()
	if n := b.count(t, selector); n < min {
		t.Errorf("%d Elemente %s auf %s, erwartet mindestens %d", n, selector, b.location(t), min)
	}
}
