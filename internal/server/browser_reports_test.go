package server_test

// Browser journey of committee reports: the KI drafts a report and is told
// to confirm before freezing; a committee member finds the frozen report
// in the list that is their start. Each page at desktop and phone width.

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/seed"
	reportsvc "github.com/planwerk/planwerk/internal/service/report"
)

func TestBrowserReports(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	a := newApp(t)
	both := func(t *testing.T, p browserPage) {
		t.Helper()
		b.checkPage(t, p)
		b.phoneWidth(t, true)
		defer b.phoneWidth(t, false)
		p.shot = strings.TrimSuffix(p.shot, ".png") + "-390.png"
		b.checkPage(t, p)
		if wide := evalJS[bool](t, b, `document.documentElement.scrollWidth > window.innerWidth`); wide {
			t.Errorf("%s: die Seite ist bei 390 px breiter als das Fenster", b.location(t))
		}
	}
	journeyStep(t, "liste-ki", func(t *testing.T) {
		b.visit(t, a.URL+demoPlan+"/berichte", 200)
		b.signIn(t, a.IdP, "ki-1")
		b.requirePath(t, demoPlan+"/berichte")
		both(t, browserPage{shot: "80-berichte-ki-leer.png", h1: "Sachstandsberichte", kern: true})
	})
	journeyStep(t, "neuer-bericht", func(t *testing.T) {
		b.clickLink(t, "main", demoPlan+"/berichte/neu")
		if title := b.attr(t, "#title", "value"); title != "Sachstandsbericht November 2026" {
			t.Errorf("Titel vorbelegt mit %q", title)
		}
		both(t, browserPage{shot: "81-bericht-neu.png", h1: "Neuer Sachstandsbericht", kern: true})
	})
	journeyStep(t, "entwurf-angelegt", func(t *testing.T) {
		inTab(t, b, chromedp.SendKeys(chromedp.CSS("#committee"), "Ausschuss für Soziales und Integration"))
		b.click(t, `main form.report-form button[type="submit"]`, 200)
		if msg := b.text(t, "main .kern-alert"); !strings.Contains(msg, "Der Entwurf ist gespeichert.") {
			t.Errorf("nach dem Anlegen: %q", msg)
		}
		both(t, browserPage{shot: "82-bericht-entwurf.png", h1: "Entwurf: Sachstandsbericht November 2026", kern: true})
	})
	journeyStep(t, "einfrieren-unbestaetigt", func(t *testing.T) {
		b.click(t, `main section.report-freeze button[type="submit"]`, 422)
		if msg := b.text(t, "#confirm-error"); !strings.Contains(msg, "Bitte bestätigen Sie") {
			t.Errorf("Meldung an der Bestätigung: %q", msg)
		}
		b.checkPage(t, browserPage{shot: "83-bericht-einfrieren-unbestaetigt.png", h1: "Entwurf:", kern: true})
	})
	freezeFirstDraft(t, a)
	journeyStep(t, "liste-ki-eingefroren", func(t *testing.T) {
		b.visit(t, a.URL+demoPlan+"/berichte", 200)
		// Opened without moving the focus, which the skip-link check needs first.
		evalJS[bool](t, b, `document.querySelector("main details.report-correction").open = true`)
		b.requireVisible(t, "main details.report-correction textarea")
		both(t, browserPage{shot: "84-berichte-ki.png", h1: "Sachstandsberichte", kern: true})
	})
	journeyStep(t, "ausschuss", func(t *testing.T) {
		b.click(t, `header form[action="/abmelden"] button[type="submit"]`, 200)
		b.visit(t, a.URL+"/plaene", 200)
		b.signIn(t, a.IdP, "ausschuss-1")
		b.clickLink(t, "main", demoPlan+"/berichte")
		if n := b.count(t, "main details, main a[href$='/bearbeiten'], main a[href$='/neu']"); n != 0 {
			t.Errorf("der Ausschuss sieht %d Bearbeitungselemente", n)
		}
		both(t, browserPage{shot: "85-berichte-ausschuss.png", h1: "Sachstandsberichte", kern: true})
	})
}

// freezeFirstDraft freezes the plan's draft as the KI would.
func freezeFirstDraft(t *testing.T, a *app) {
	t.Helper()
	ctx := context.Background()
	plan, err := a.DB.FindPlanBySlug(ctx, seed.ConceptSlug)
	if err != nil {
		t.Fatal(err)
	}
	list, err := a.DB.FindReports(ctx, plan.ID, true)
	if err != nil || len(list) == 0 {
		t.Fatalf("no draft to freeze: %v", err)
	}
	svc := reportsvc.New(a.DB, func() time.Time { return today })
	if _, err := svc.Freeze(ctx, domain.Actor{Name: "KI"}, domain.PlanScope{Plan: plan}, list[0].ID, list[0].Version); err != nil {
		t.Fatal(err)
	}
}

// phoneWidth shows the pages as a phone 390 px wide does, or as before.
func (b *browser) phoneWidth(t *testing.T, on bool) {
	t.Helper()
	var err error
	if on {
		_, err = chromedp.Call(b.ctx, emulation.SetDeviceMetricsOverride,
			emulation.SetDeviceMetricsOverrideParams{Width: 390, Height: 844, DeviceScaleFactor: 1, Mobile: true})
	} else {
		_, err = chromedp.Call(b.ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{})
	}
	if err != nil {
		t.Fatalf("Breite umstellen: %v", err)
	}
}
