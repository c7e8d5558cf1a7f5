package server_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserPostponement: the Dülmen coordinator moves a due date later,
// is asked for the reason beside the field (input kept), gives it, and the
// implementation page shows the original date with the reason. axe-core
// checks both pages; the screenshots show them.
func TestBrowserPostponement(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	a := newApp(t)
	tr := a.tracked(t) // in progress, due 30.06.2027
	journeyStep(t, "ohne-grund", func(t *testing.T) {
		b.visit(t, a.URL+tr.path+"/bearbeiten", 200)
		b.signIn(t, a.IdP, "duelmen")
		b.requirePath(t, tr.path+"/bearbeiten")
		inTab(t, b, chromedp.SetValue(chromedp.CSS("#due_on"), "2027-12-31"))
		b.click(t, `main form.edit-form button[type="submit"]`, 422)
		if msg := b.text(t, "#due_reason-error"); !strings.Contains(msg, "Bitte geben Sie dafür einen Grund an") {
			t.Errorf("no reason asked for beside the field: %q", msg)
		}
		if v := evalJS[string](t, b, `document.querySelector('#due_on').value`); v != "2027-12-31" {
			t.Errorf("the new due date was not kept: %q", v)
		}
		b.checkPage(t, browserPage{shot: "90-frist-ohne-grund.png", h1: "Umsetzung bearbeiten", kern: true})
	})
	journeyStep(t, "mit-grund", func(t *testing.T) {
		inTab(t, b, chromedp.SendKeys(chromedp.CSS("#due_reason"), "Der Förderbescheid kam erst im Sommer."))
		b.click(t, `main form.edit-form button[type="submit"]`, 200)
		b.requirePath(t, tr.path)
		line := b.text(t, "main .postponed")
		if !strings.Contains(line, "ursprünglich fällig 30.06.2027") || !strings.Contains(line, "Der Förderbescheid kam erst im Sommer.") {
			t.Errorf("the implementation page says %q", line)
		}
		b.checkPage(t, browserPage{shot: "91-frist-verschoben.png", h1: b.text(t, "main h1"), kern: true})
	})
}
