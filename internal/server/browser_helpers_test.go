package server_test

// Helpers of the browser tests: one Chromium tab per test with what its
// console reports, navigation as a person does it (typed address, click),
// and sign-in through the demo provider's login form.

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/planwerk/planwerk/internal/demoidp"
)

const stepTimeout = 30 * time.Second

// browser is one Chromium tab plus what the checks collect from it.
type browser struct {
	ctx   context.Context
	axe   string
	shots string
	// noScript: the page's scripts are switched off (withoutJavaScript).
	noScript bool

	mu      sync.Mutex
	errors  []string // console errors, uncaught exceptions, error log entries
	notices []string // console warnings, logged but not fatal
}

// browserOption changes how newBrowser sets up the tab.
type browserOption func(*browser)

// withoutJavaScript makes the tab a browser with JavaScript switched off:
// no script of a page runs, so every form must work as plain HTML.
// Chromium fires no timers then, not even for the test's own probes, so
// the probes that wait on timers (axe-core, settle) switch scripts on for
// their moment only (withScripts); the page's scripts were skipped when it
// loaded and are not run by that.
func withoutJavaScript() browserOption { return func(b *browser) { b.noScript = true } }

// newBrowser starts Chromium with a fresh profile, so no cookie of another
// test signs it in.
func newBrowser(t *testing.T, opts ...browserOption) *browser {
	t.Helper()
	chrome := chromiumPath(t)
	root := repoRoot(t)
	axe, err := os.ReadFile(filepath.Join(root, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("%v – zuerst `make assets` ausführen (npm ci installiert axe-core)", err)
	}
	b := &browser{axe: string(axe), shots: filepath.Join(root, "test-artifacts", "screenshots")}
	for _, o := range opts {
		o(b)
	}
	if err := os.MkdirAll(b.shots, 0o755); err != nil {
		t.Fatal(err)
	}
	dataDir := t.TempDir() // before the allocator, so it is removed after Chromium exits
	flags := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.NoSandbox, // Chromium refuses to start as root with its sandbox
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(dataDir),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), flags...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	b.ctx = ctx
	// Listen starts the browser; its func sees each event before the command
	// that follows the event returns, so a page's messages are in before its check.
	if err := chromedp.Listen(ctx, b.record); err != nil {
		t.Fatalf("Chromium (%s) startet nicht: %v", chrome, err)
	}
	b.setUpInGermany(t)
	if b.noScript {
		b.setScripts(t, false)
	}
	return b
}

// setScripts switches the scripts of the tab's pages on or off; the setting
// holds across navigations.
func (b *browser) setScripts(t *testing.T, on bool) {
	t.Helper()
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled,
		emulation.SetScriptExecutionDisabledParams{Value: !on}); err != nil {
		t.Fatalf("JavaScript %s: %v", map[bool]string{true: "einschalten", false: "ausschalten"}[on], err)
	}
}

// withScripts runs a probe of the test that needs timers; in a tab without
// JavaScript, scripts are on just while it runs.
func (b *browser) withScripts(t *testing.T, probe func()) {
	t.Helper()
	if !b.noScript {
		probe()
		return
	}
	b.setScripts(t, true)
	defer b.setScripts(t, false)
	probe()
}

// setUpInGermany makes the tab a browser of the county's staff: German
// locale (date fields show TT.MM.JJJJ), German first in Accept-Language,
// Berlin time. The machine running the tests may have none of them.
func (b *browser) setUpInGermany(t *testing.T) {
	t.Helper()
	ua := evalJS[string](t, b, `navigator.userAgent`)
	for _, err := range []error{
		callErr(chromedp.Call(b.ctx, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: "de_DE"})),
		callErr(chromedp.Call(b.ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "Europe/Berlin"})),
		callErr(chromedp.Call(b.ctx, emulation.SetUserAgentOverride,
			emulation.SetUserAgentOverrideParams{UserAgent: ua, AcceptLanguage: "de-DE,de,en"})),
	} {
		if err != nil {
			t.Fatalf("Chromium auf Deutschland einstellen: %v", err)
		}
	}
}

func callErr[R any](_ R, err error) error { return err }

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

// visit loads a URL as if typed into the address bar, follows redirects and
// requires the final answer to have status want.
func (b *browser) visit(t *testing.T, url string, want int) {
	t.Helper()
	b.failOnConsole(t) // messages of the page left behind belong to it
	resp := inTab(t, b, chromedp.NavigateResponse(url))
	if resp.Status != int64(want) {
		t.Fatalf("GET %s: Status %d, erwartet %d; angezeigt: %s", url, resp.Status, want, b.shown(t))
	}
	b.expectedStatus(resp.URL, want)
}

// click clicks the element like a user and waits for the page it leads to,
// redirects followed; that page must answer with status want.
func (b *browser) click(t *testing.T, selector string, want int) {
	t.Helper()
	b.failOnConsole(t)
	b.withScripts(t, func() {
		b.reveal(t, selector)
		b.awaitStill(t)
	})
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(selector)))
	if err != nil {
		time.Sleep(time.Second) // a blocked navigation reports its reason a moment later
		t.Fatalf("Klick auf %s: %v; Konsole: %q", selector, err, b.takeConsole(t))
	}
	if resp.Status != int64(want) {
		t.Fatalf("Klick auf %s: Status %d, erwartet %d; angezeigt: %s", selector, resp.Status, want, b.shown(t))
	}
	b.expectedStatus(resp.URL, want)
}

// expectedStatus drops the console error Chromium logs for a page answered
// with an error status, when the journey expects that status (a refusal, a
// form sent back with errors); any other error stays.
func (b *browser) expectedStatus(url string, status int) {
	if status < 400 {
		return
	}
	expected := fmt.Sprintf("the server responded with a status of %d", status)
	b.mu.Lock()
	defer b.mu.Unlock()
	kept := b.errors[:0]
	for _, e := range b.errors {
		if !strings.Contains(e, expected) || !strings.HasSuffix(e, " "+url) {
			kept = append(kept, e)
		}
	}
	b.errors = kept
}

// reveal scrolls the element into the window, as a user scrolls to what
// they click: long lists lay out only the sections near the window
// (content-visibility), and Chromium offers no box to click in the others.
func (b *browser) reveal(t *testing.T, selector string) {
	t.Helper()
	evalJS[bool](t, b, fmt.Sprintf(`(() => { const el = document.querySelector(%q); el?.scrollIntoView({block: 'center'}); return true })()`, selector))
}

// settle waits until the page stops scrolling. KERN UX scrolls smoothly
// (the skip link, for one), and a click aimed while the page still moves
// would land beside its target.
func (b *browser) settle(t *testing.T) {
	t.Helper()
	b.withScripts(t, func() { b.awaitStill(t) })
}

// awaitStill waits for the web fonts (a face swapping in moves the layout
// under a click) and then for three frames without scrolling.
func (b *browser) awaitStill(t *testing.T) {
	t.Helper()
	evalJS[bool](t, b, `document.fonts.ready.then(() => new Promise(done => {
		let last = NaN, still = 0;
		const frame = () => {
			still = scrollY === last ? still + 1 : 0;
			last = scrollY;
			if (still >= 3) { done(true) } else { requestAnimationFrame(frame) }
		};
		requestAnimationFrame(frame);
	}))`, chromedp.EvalAwaitPromise)
}

// clickLink clicks the link with exactly this href (the first, if several).
func (b *browser) clickLink(t *testing.T, scope, href string) {
	t.Helper()
	b.click(t, scope+` a[href="`+href+`"]`, 200)
	b.requirePath(t, href)
}

func (b *browser) location(t *testing.T) string {
	t.Helper()
	return evalJS[string](t, b, `location.href`)
}

// shown describes the page in the tab for a failure message: its address
// and the start of its main content.
func (b *browser) shown(t *testing.T) string {
	t.Helper()
	return evalJS[string](t, b, `location.href + ' – ' + (document.querySelector('main') ?? document.body).innerText.trim().slice(0, 300)`)
}

// requirePath stops the journey unless the tab shows this path of the app.
func (b *browser) requirePath(t *testing.T, path string) {
	t.Helper()
	if got := evalJS[string](t, b, `location.pathname`); got != path {
		t.Fatalf("angezeigt wird %s, erwartet Pfad %s", b.location(t), path)
	}
}

// requireLoginPage stops the journey unless the tab shows the demo
// provider's login form.
func (b *browser) requireLoginPage(t *testing.T, idp *demoidp.Provider) {
	t.Helper()
	loc := b.location(t)
	if !strings.HasPrefix(loc, idp.Issuer()+"/login?") || !b.has(t, `form input#username`) {
		t.Fatalf("angezeigt wird %s, erwartet das Anmeldeformular des Anmeldedienstes %s", loc, idp.Issuer())
	}
}

// signIn fills in the provider's login form and submits it; the browser
// comes back to the app signed in.
func (b *browser) signIn(t *testing.T, idp *demoidp.Provider, username string) {
	t.Helper()
	b.requireLoginPage(t, idp)
	inTab(t, b, chromedp.SendKeys(chromedp.CSS("#username"), username))
	inTab(t, b, chromedp.SendKeys(chromedp.CSS("#password"), demoidp.DemoPassword))
	b.click(t, `main form button[type="submit"]`, 200)
	if loc := b.location(t); strings.HasPrefix(loc, idp.Issuer()) {
		t.Fatalf("Anmeldung als %s gescheitert; angezeigt wird %s: %s", username, loc, b.text(t, "main"))
	}
}

// inTab runs one action in the tab, bounded by stepTimeout.
func inTab[T any](t *testing.T, b *browser, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("Chromium: %v", err)
	}
	return v
}

func evalJS[T any](t *testing.T, b *browser, js string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	return inTab(t, b, chromedp.Evaluate[T](js, opts...))
}

// chromiumPath finds Chromium. Without it the test skips loudly on a
// developer's machine and fails in CI, so CI can never pass without it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
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
	t.Helper()
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
