package server_test

// The browser test drives Debian's Chromium through the public pages: the real
// server, a real PostgreSQL with the demo data of Kreis Coesfeld, the real CSS
// and fonts. Every page must show its content with KERN UX applied, pass
// axe-core's WCAG 2.1 AA rules, start keyboard use at the skip link and leave
// the console clean (a CSP violation is a console error). A full-page
// screenshot of each page lands in test-artifacts/screenshots for a human look.

import (
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/seed"
	"github.com/planwerk/planwerk/internal/server"
	"github.com/planwerk/planwerk/internal/testdb"
)

// browserNow fixes "today" for the demo data and the server, so that the
// screenshots do not change from day to day.
var browserNow = time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)

const stepTimeout = 30 * time.Second

func TestBrowserPages(t *testing.T) {
	chrome := chromiumPath(t)
	root := repoRoot(t)
	b := &browser{
		axe:   readAsset(t, filepath.Join(root, "node_modules", "axe-core", "axe.min.js")),
		shots: filepath.Join(root, "test-artifacts", "screenshots"),
	}
	if err := os.MkdirAll(b.shots, 0o755); err != nil {
		t.Fatal(err)
	}
	base := startDemoServer(t)
	b.start(t, chrome)

	t.Run("uebersicht", func(t *testing.T) {
		b.open(t, base+"/")
		b.checkPage(t, page{shot: "01-uebersicht.png", h1: "Integrationskonzept Kreis Coesfeld",
			sel: `main table a[href^="/massnahmen/"]`, min: 20})
	})
	t.Run("massnahme", func(t *testing.T) {
		b.open(t, base+"/")
		const link = `main table a[href^="/massnahmen/"]`
		href := eval[string](t, b, `document.querySelector('`+link+`').getAttribute('href')`)
		title := eval[string](t, b, `document.querySelector('`+link+`').textContent.trim()`)
		b.follow(t, link, href)
		b.checkPage(t, page{shot: "02-massnahme.png", h1: title, sel: `main tbody tr`, min: 1})
	})
	t.Run("kommunen", func(t *testing.T) {
		b.open(t, base+"/")
		b.follow(t, `header nav a[href="/kommunen"]`, "/kommunen")
		b.checkPage(t, page{shot: "03-kommunen.png", h1: "Kommunen", sel: `main a[href^="/kommunen/"]`, min: 11})
	})
	t.Run("duelmen", func(t *testing.T) {
		b.open(t, base+"/kommunen")
		b.follow(t, `main a[href="/kommunen/duelmen"]`, "/kommunen/duelmen")
		b.checkPage(t, page{shot: "04-kommune-duelmen.png", h1: "Dülmen", sel: `main tbody tr`, min: 20})
	})
	t.Run("barrierefreiheit", func(t *testing.T) {
		b.open(t, base+"/kommunen/duelmen")
		b.follow(t, `footer a[href="/barrierefreiheit"]`, "/barrierefreiheit")
		b.checkPage(t, page{shot: "05-barrierefreiheit.png", h1: "Erklärung zur Barrierefreiheit", sel: `main h2`, min: 3})
	})

	// The checks above pass when they find nothing, so prove that they can fail.
	t.Run("pruefungen-schlagen-an", func(t *testing.T) {
		b.open(t, base+"/barrierefreiheit")
		eval[bool](t, b, `document.querySelector('main').appendChild(document.createElement('button')) !== null`)
		if ids := violationIDs(b.axeViolations(t)); !strings.Contains(ids, "button-name") {
			t.Errorf("axe fand einen Knopf ohne Namen nicht; Verstöße: %q", ids)
		}
		b.takeConsole(t)
		eval[bool](t, b, `(() => { const s = document.createElement('script'); s.textContent = '1';
			document.body.appendChild(s); return true })()`)
		if errs := b.takeConsole(t); !strings.Contains(strings.Join(errs, "\n"), "Content Security Policy") {
			t.Errorf("ein Verstoß gegen die CSP erschien nicht als Konsolenfehler; Meldungen: %q", errs)
		}
	})
}

// page is what one page must show.
type page struct {
	shot string // screenshot file name
	h1   string // text the h1 must contain
	sel  string // selector of real content
	min  int    // least number of elements sel must match
}

// browser is one Chromium tab plus what the checks collect from it.
type browser struct {
	ctx   context.Context
	axe   string
	shots string

	mu      sync.Mutex
	errors  []string // console errors, uncaught exceptions, error log entries
	notices []string // console warnings, logged but not fatal
}

func (b *browser) start(t *testing.T, chrome string) {
	dataDir := t.TempDir() // before the allocator, so it is removed after Chromium exits
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.NoSandbox, // Chromium refuses to start as root with its sandbox
		chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(dataDir),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	b.ctx = ctx
	// Listen starts the browser; its func sees each event before the command
	// that follows the event returns, so a page's messages are in before its check.
	if err := chromedp.Listen(ctx, b.record); err != nil {
		t.Fatalf("Chromium (%s) startet nicht: %v", chrome, err)
	}
}

func (b *browser) record(ev any) {
	var level, text string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		level, text = string(ev.Type), consoleArgs(ev.Args)
	case *runtime.EventExceptionThrown:
		level, text = "exception", ev.ExceptionDetails.Text
		if ex := ev.ExceptionDetails.Exception; ex != nil {
			text += " " + ex.Description
		}
	case *log.EventEntryAdded:
		level, text = string(ev.Entry.Level), fmt.Sprintf("[%s] %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
	default:
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	switch level {
	case "error", "assert", "exception":
		b.errors = append(b.errors, level+": "+text)
	case "warning":
		b.notices = append(b.notices, level+": "+text)
	}
}

func consoleArgs(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		if a.Description != "" {
			parts = append(parts, a.Description)
		} else {
			parts = append(parts, strings.Trim(string(a.Value), `"`))
		}
	}
	return strings.Join(parts, " ")
}

// takeConsole returns the errors since the last call and logs the warnings.
func (b *browser) takeConsole(t *testing.T) []string {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, n := range b.notices {
		t.Logf("Konsole (nicht fatal): %s", n)
	}
	errs := b.errors
	b.errors, b.notices = nil, nil
	return errs
}

// open loads a URL and requires a 200.
func (b *browser) open(t *testing.T, url string) {
	t.Helper()
	resp := run(t, b, chromedp.NavigateResponse(url))
	if resp.Status != 200 {
		t.Fatalf("GET %s: Status %d, erwartet 200", url, resp.Status)
	}
}

// follow clicks the element like a user and requires the link to load path with a 200.
func (b *browser) follow(t *testing.T, selector, path string) {
	t.Helper()
	b.takeConsole(t) // the page clicked from is checked in its own subtest
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(selector)))
	if err != nil {
		t.Fatalf("Klick auf %s: %v", selector, err)
	}
	if resp.Status != 200 {
		t.Fatalf("Klick auf %s: Status %d, erwartet 200", selector, resp.Status)
	}
	if got := eval[string](t, b, `location.pathname`); got != path {
		t.Fatalf("Klick auf %s führte nach %s, erwartet %s", selector, got, path)
	}
}

func (b *browser) checkPage(t *testing.T, p page) {
	t.Helper()
	if h1 := eval[string](t, b, `document.querySelector('main h1')?.textContent.trim() ?? ''`); !strings.Contains(h1, p.h1) {
		t.Errorf("Überschrift h1 = %q, erwartet %q", h1, p.h1)
	}
	if n := eval[int](t, b, `document.querySelectorAll('`+p.sel+`').length`); n < p.min {
		t.Errorf("%d Elemente %s, erwartet mindestens %d", n, p.sel, p.min)
	}
	b.checkKERN(t)
	b.screenshot(t, p.shot)
	for _, v := range b.axeViolations(t) {
		t.Errorf("axe: %s", v)
	}
	b.checkSkipLink(t)
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
	s := eval[styles](t, b, `document.fonts.ready.then(() => ({
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
}

func (b *browser) screenshot(t *testing.T, name string) {
	t.Helper()
	png := run(t, b, chromedp.FullScreenshot(100))
	path := filepath.Join(b.shots, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("Bildschirmfoto: %s", path)
}

// axeViolations injects axe-core through the DevTools protocol, which the
// page's CSP does not govern, and runs the WCAG 2.1 A/AA rules.
func (b *browser) axeViolations(t *testing.T) []string {
	t.Helper()
	if !eval[bool](t, b, `typeof window.axe === 'object'`) {
		eval[chromedp.Void](t, b, b.axe)
	}
	return eval[[]string](t, b, `axe.run(document, {
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
	run(t, b, chromedp.KeyEvent(kb.Tab))
	type focus struct {
		Text    string `json:"text"`
		Visible bool   `json:"visible"`
	}
	f := eval[focus](t, b, `(() => { const e = document.activeElement, r = e.getBoundingClientRect();
		return {text: e.textContent.trim(), visible: r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth} })()`)
	if f.Text != "Zum Inhalt springen" || !f.Visible {
		t.Errorf("erster Tab fokussiert %q (sichtbar: %v), erwartet den sichtbaren Link „Zum Inhalt springen“", f.Text, f.Visible)
		return
	}
	run(t, b, chromedp.KeyEvent(kb.Enter))
	if hash := eval[string](t, b, `location.hash`); hash != "#inhalt" {
		t.Errorf("Enter auf dem Sprunglink führte nach %q, erwartet #inhalt", hash)
	}
}

func run[T any](t *testing.T, b *browser, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("Chromium: %v", err)
	}
	return v
}

func eval[T any](t *testing.T, b *browser, js string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	return run(t, b, chromedp.Evaluate[T](js, opts...))
}

// startDemoServer serves the real server over the demo data of Kreis Coesfeld.
func startDemoServer(t *testing.T) string {
	t.Helper()
	db := postgres.NewDB(testdb.New(t))
	concept, orgs := seed.CoesfeldConcept(), seed.Organisations()
	impls := seed.DemoImplementations(concept, orgs, browserNow)
	if _, err := db.SeedDemo(t.Context(), concept, orgs, impls); err != nil {
		t.Fatalf("Beispieldaten laden: %v", err)
	}
	logger := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv, err := server.New(db, logger, server.Options{
		Operator: "Kreis Coesfeld – Kommunales Integrationszentrum",
		Now:      func() time.Time { return browserNow },
	})
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts.URL
}

// chromiumPath finds Chromium. Without it the test skips loudly on a
// developer's machine and fails in CI, so CI can never pass without it.
func chromiumPath(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const msg = "BROWSER TESTS SKIPPED: Chromium not found – install with apt-get install chromium"
	if os.Getenv("CI") != "" {
		t.Fatal(strings.Replace(msg, "SKIPPED", "FAILED", 1) + " (CI is set: browser tests are required)")
	}
	fmt.Fprintf(os.Stderr, "\n!!!!!!!!\n!!! %s\n!!!!!!!!\n\n", msg)
	t.Skip(msg)
	return ""
}

// repoRoot walks up from the package folder to go.mod.
func repoRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod nicht gefunden")
		}
		dir = parent
	}
}

func readAsset(t *testing.T, path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v – zuerst `make assets` ausführen (npm ci installiert axe-core)", err)
	}
	return string(data)
}
