package demoidp_test

// The browser test signs in through the login page in Debian's Chromium:
// axe-core's WCAG 2.1 AA rules on the empty form and on the error state,
// keyboard use from the skip link, a console free of CSP violations, and
// the real browser's same-origin POST accepted by the forgery protection.
// Screenshots land in test-artifacts/screenshots.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"golang.org/x/oauth2"

	"github.com/planwerk/planwerk/internal/demoidp"
)

func TestBrowserSignIn(t *testing.T) {
	chrome := chromium(t)
	root := moduleRoot(t)
	axe, err := os.ReadFile(filepath.Join(root, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("%v – zuerst `make assets` ausführen (npm ci installiert axe-core)", err)
	}
	shots := filepath.Join(root, "test-artifacts", "screenshots")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	// The app's callback: it only records the code it is sent.
	codes := make(chan string, 1)
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		codes <- r.URL.Query().Get("code")
		fmt.Fprint(w, "ok")
	}))
	t.Cleanup(app.Close)
	opts := testOptions(t)
	opts.RedirectURIs = []string{app.URL + "/anmelden/callback"}
	p, err := demoidp.Start(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	rp := newRelyingParty(t, p)
	rp.config.RedirectURL = opts.RedirectURIs[0]

	b := startChromium(t, chrome, string(axe))
	act(t, b, chromedp.Navigate(rp.config.AuthCodeURL("st", oauth2.S256ChallengeOption(oauth2.GenerateVerifier()))))
	b.checkPage(t, filepath.Join(shots, "idp-01-anmeldung.png"))

	act(t, b, chromedp.SendKeys(chromedp.CSS("#username"), "duelmen"))
	act(t, b, chromedp.SendKeys(chromedp.CSS("#password"), "falsch"))
	act(t, b, chromedp.Submit(chromedp.CSS("#password")))
	act(t, b, chromedp.WaitVisible(chromedp.CSS(".fehler")))
	if v := evalJS[string](t, b, `document.querySelector('#username').value`); v != "duelmen" {
		t.Errorf("username after a wrong password = %q, want duelmen", v)
	}
	b.checkPage(t, filepath.Join(shots, "idp-02-anmeldung-fehler.png"))

	act(t, b, chromedp.SendKeys(chromedp.CSS("#password"), demoidp.DemoPassword))
	act(t, b, chromedp.Submit(chromedp.CSS("#password")))
	select {
	case code := <-codes:
		if code == "" {
			t.Error("the app received no code")
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("the browser never reached the app; it shows %s", evalJS[string](t, b, `location.href`))
	}
}

type chromiumTab struct {
	ctx    context.Context
	axe    string
	mu     sync.Mutex
	errors []string
}

func startChromium(t *testing.T, chrome, axe string) *chromiumTab {
	dataDir := t.TempDir()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chrome), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.UserDataDir(dataDir), chromedp.WindowSize(1280, 900))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	b := &chromiumTab{ctx: ctx, axe: axe}
	err := chromedp.Listen(ctx, func(ev any) {
		var text string
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type != "error" {
				return
			}
			for _, a := range ev.Args {
				text += string(a.Value) + a.Description + " "
			}
		case *runtime.EventExceptionThrown:
			text = ev.ExceptionDetails.Text
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level != "error" {
				return
			}
			text = fmt.Sprintf("[%s] %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		default:
			return
		}
		b.mu.Lock()
		defer b.mu.Unlock()
		b.errors = append(b.errors, text)
	})
	if err != nil {
		t.Fatalf("Chromium (%s) startet nicht: %v", chrome, err)
	}
	return b
}

// checkPage runs axe, the skip link and the console check, and keeps a screenshot.
func (b *chromiumTab) checkPage(t *testing.T, shot string) {
	t.Helper()
	if h1 := evalJS[string](t, b, `document.querySelector('h1').textContent`); h1 != "Anmeldung (Demo)" {
		t.Errorf("h1 = %q", h1)
	}
	if !evalJS[bool](t, b, `typeof window.axe === 'object'`) {
		evalJS[chromedp.Void](t, b, b.axe)
	}
	violations := evalJS[[]string](t, b, `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']},
		resultTypes: ['violations']}).then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))`,
		chromedp.EvalAwaitPromise)
	for _, v := range violations {
		t.Errorf("axe: %s", v)
	}
	act(t, b, chromedp.KeyEvent(kb.Tab))
	if f := evalJS[string](t, b, `document.activeElement.textContent.trim()`); f != "Zum Inhalt springen" {
		t.Errorf("first Tab focuses %q, want the skip link", f)
	}
	b.mu.Lock()
	if len(b.errors) > 0 {
		t.Errorf("console errors: %q", b.errors)
	}
	b.errors = nil
	b.mu.Unlock()
	png := act(t, b, chromedp.FullScreenshot(100))
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func act[T any](t *testing.T, b *chromiumTab, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("Chromium: %v", err)
	}
	return v
}

func evalJS[T any](t *testing.T, b *chromiumTab, js string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	return act(t, b, chromedp.Evaluate[T](js, opts...))
}

// chromium finds Chromium: skipped loudly on a developer's machine without
// it, failed in CI.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("BROWSER TESTS FAILED: Chromium not found (CI is set: browser tests are required)")
	}
	t.Skip("BROWSER TESTS SKIPPED: Chromium not found – install with apt-get install chromium")
	return ""
}

func moduleRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		if parent := filepath.Dir(dir); parent != dir {
			dir = parent
			continue
		}
		t.Fatal("go.mod nicht gefunden")
	}
}
