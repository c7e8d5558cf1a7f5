package server_test

// The coordinator's progress report in one step, as a browser does it: from
// the workspace's to-do view to a saved "Sachstand" in at most three clicks,
// with JavaScript and without, at a desk's and at a phone's width; then the
// relevance decision on the implementation page and a milestone deleted
// after its confirmation. axe-core checks every page; the screenshots are
// 95-sachstand-….png.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// maxReportClicks is what issue 10 allows from the start page to a saved report.
const maxReportClicks = 3

func TestBrowserSachstandWithJavaScript(t *testing.T) {
	t.Parallel()
	browseSachstand(t, newBrowser(t), "js")
}

func TestBrowserSachstandWithoutJavaScript(t *testing.T) {
	t.Parallel()
	browseSachstand(t, newBrowser(t, withoutJavaScript()), "ohne-js")
}

// sachstandTour is one run of the journey: its tab, app and screenshot names.
type sachstandTour struct {
	b      *browser
	a      *app
	mode   string
	width  int64
	clicks int
}

func (s *sachstandTour) shot(name string) string {
	return fmt.Sprintf("95-sachstand-%s-%d-%s.png", s.mode, s.width, name)
}

// click is a click of the user's, counted.
func (s *sachstandTour) click(t *testing.T, selector string, want int) {
	t.Helper()
	s.clicks++
	s.b.settle(t)
	inTab(t, s.b, chromedp.ScrollIntoView(chromedp.CSS(selector)))
	s.b.click(t, selector, want)
}

func browseSachstand(t *testing.T, b *browser, mode string) {
	a := newApp(t)
	todo := demoPlan + "/kommunen/duelmen"
	journeyStep(t, "anmelden", func(t *testing.T) {
		b.visit(t, a.URL+todo+"?ansicht=aufgaben", 200)
		b.signIn(t, a.IdP, "duelmen")
		b.requirePath(t, todo)
	})
	for _, width := range []int64{1280, 390} {
		s := &sachstandTour{b: b, a: a, mode: mode, width: width}
		journeyStep(t, fmt.Sprintf("melden-%d", width), func(t *testing.T) {
			s.setWidth(t)
			s.report(t, todo)
		})
	}
	s := &sachstandTour{b: b, a: a, mode: mode, width: 1280}
	journeyStep(t, "relevanz", func(t *testing.T) {
		s.setWidth(t)
		s.relevance(t, todo)
	})
	journeyStep(t, "meilenstein-loeschen", func(t *testing.T) { s.deleteMilestone(t) })
}

func (s *sachstandTour) setWidth(t *testing.T) {
	t.Helper()
	height := map[bool]int64{true: 900, false: 844}[s.width == 1280]
	_, err := chromedp.Call(s.b.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: s.width, Height: height, DeviceScaleFactor: 1, Mobile: s.width < 600})
	if err != nil {
		t.Fatal(err)
	}
}

// report goes from the to-do view to a saved report, counting the clicks.
func (s *sachstandTour) report(t *testing.T, todo string) {
	t.Helper()
	b := s.b
	b.visit(t, s.a.URL+todo+"?ansicht=aufgaben", 200) // the coordinator's start page
	b.checkPage(t, browserPage{shot: s.shot("01-aufgaben"), h1: "Dülmen", kern: true})
	link := `main section:has(#todo-handeln) a[href$="/sachstand"]`
	impl := strings.TrimSuffix(evalJS[string](t, b, `document.querySelector('`+link+`')?.getAttribute('href') ?? ''`), "/sachstand")
	if impl == "" {
		t.Fatal("die Liste „Überfällig oder ohne aktuelle Sachstandsmeldung“ bietet kein „Sachstand melden“ an")
	}
	s.click(t, link, 200)
	b.requirePath(t, impl+"/sachstand")
	b.checkPage(t, browserPage{shot: s.shot("02-formular"), h1: "Sachstand melden", kern: true})

	text := fmt.Sprintf("Stand bei %d px: die Kurse laufen, die Warteliste ist kürzer geworden.", s.width)
	inTab(t, b, chromedp.SetValue(chromedp.CSS("#progress"), "55"))
	inTab(t, b, chromedp.SendKeys(chromedp.CSS("#report_body"), text))
	inTab(t, b, chromedp.SendKeys(chromedp.CSS("#milestone_title"), "Zwischenbilanz im Ausschuss"))
	inTab(t, b, chromedp.SetValue(chromedp.CSS("#milestone_due_on"), "2027-03-31"))
	b.screenshot(t, s.shot("03-ausgefuellt"))
	s.click(t, `main form[action$="/sachstand"] button[type="submit"]`, 200)
	b.requirePath(t, impl)
	if s.clicks > maxReportClicks {
		t.Errorf("%d Klicks von der Aufgabenansicht bis zur gespeicherten Meldung, erlaubt sind %d", s.clicks, maxReportClicks)
	}
	t.Logf("%s, %d px: %d Klicks bis zur gespeicherten Meldung", s.mode, s.width, s.clicks)

	// The confirmation has the focus, so it is announced and keyboard users go on from it.
	if focused := evalJS[string](t, b, `document.activeElement?.id ?? ''`); focused != "gespeichert" {
		t.Errorf("Fokus nach dem Speichern auf %q, erwartet die Bestätigung", focused)
	}
	if msg := b.text(t, "main #gespeichert"); !strings.Contains(msg, "Ihr Sachstand ist gespeichert") {
		t.Errorf("Bestätigung: %q", msg)
	}
	if body := b.text(t, "main ol.timeline li:first-child .timeline__body"); body != text {
		t.Errorf("neueste Sachstandsmeldung %q, erwartet %q", body, text)
	}
	if meta := spaces(b.text(t, "main ol.timeline li:first-child .timeline__meta")); !strings.Contains(meta, "55 %") {
		t.Errorf("die Meldung hält den Fortschritt nicht fest: %q", meta)
	}
	b.checkPage(t, browserPage{shot: s.shot("04-gespeichert"), h1: b.text(t, "main h1"), kern: true})
}

// relevance decides an open implementation "not relevant" on its page:
// first without the reason it needs (refused beside the field), then with it.
func (s *sachstandTour) relevance(t *testing.T, todo string) {
	t.Helper()
	b := s.b
	b.visit(t, s.a.URL+todo+"?ansicht=aufgaben", 200)
	link := `main section:has(#todo-offen) tbody a[href*="/umsetzungen/"]`
	impl := evalJS[string](t, b, `document.querySelector('`+link+`')?.getAttribute('href') ?? ''`)
	if impl == "" {
		t.Fatal("keine offene Relevanzentscheidung in der Aufgabenansicht")
	}
	b.clickLink(t, "main section:has(#todo-offen) tbody", impl)
	s.tick(t, `label[for="relevance-not_relevant"]`)
	b.click(t, `main form.relevance-form button[type="submit"]`, 422)
	b.requirePath(t, impl+"/relevanz")
	if msg := b.text(t, "#relevance_note-error"); !strings.Contains(msg, "warum die Maßnahme nicht relevant ist") {
		t.Errorf("keine Nachfrage nach dem Grund am Feld: %q", msg)
	}
	b.checkPage(t, browserPage{shot: s.shot("10-relevanz-ohne-grund"), h1: "Relevanz", kern: true})
	inTab(t, b, chromedp.SendKeys(chromedp.CSS("#relevance_note"), "Im Ort gibt es keine Erstaufnahme."))
	b.click(t, `main form.relevance-form button[type="submit"]`, 200)
	b.requirePath(t, impl)
	if msg := b.text(t, "main #relevanz ~ #gespeichert"); !strings.Contains(msg, "Relevanzentscheidung ist gespeichert") {
		t.Errorf("Bestätigung in der Relevanz: %q", msg)
	}
	if now := b.text(t, `main section[aria-labelledby="relevanz"] > p.kern-body`); now != "Aktuelle Einstufung: nicht relevant." {
		t.Errorf("Relevanz nach dem Speichern: %q", now)
	}
	b.checkPage(t, browserPage{shot: s.shot("11-relevanz-gespeichert"), h1: b.text(t, "main h1"), kern: true})
}

// deleteMilestone deletes the milestone the report added: the first click
// asks, the second deletes. Back to a page with that milestone first.
func (s *sachstandTour) deleteMilestone(t *testing.T) {
	t.Helper()
	b := s.b
	b.visit(t, s.a.URL+demoPlan+"/kommunen/duelmen", 200)
	impl := evalJS[string](t, b, `document.querySelector('main tbody a[href$="/sachstand"]').getAttribute('href')`)
	impl = strings.TrimSuffix(impl, "/sachstand")
	b.clickLink(t, "main tbody", impl)
	s.clicks = 0
	s.click(t, `main a.kern-btn--primary[href$="/sachstand"]`, 200)
	inTab(t, b, chromedp.SendKeys(chromedp.CSS("#report_body"), "Meilenstein angelegt."))
	inTab(t, b, chromedp.SendKeys(chromedp.CSS("#milestone_title"), "Wird wieder gelöscht"))
	s.click(t, `main form[action$="/sachstand"] button[type="submit"]`, 200)
	titles := evalJS[[]string](t, b, `[...document.querySelectorAll('main ul.milestones > li .milestones__title')].map(e => e.textContent)`)
	idx := -1
	for i, title := range titles {
		if title == "Wird wieder gelöscht" {
			idx = i + 1
		}
	}
	if idx < 0 {
		t.Fatalf("der neue Meilenstein fehlt: %q", titles)
	}
	row := fmt.Sprintf(`main ul.milestones > li:nth-child(%d)`, idx)
	s.tick(t, row+` details.milestone-delete > summary`)
	b.requireVisible(t, row+` .milestone-delete__confirm button`)
	b.screenshot(t, s.shot("20-meilenstein-loeschen-frage"))
	b.click(t, row+` .milestone-delete__confirm button`, 200)
	b.requirePath(t, impl)
	if msg := b.text(t, "main #gespeichert"); !strings.Contains(msg, "Meilenstein ist gelöscht") {
		t.Errorf("Bestätigung nach dem Löschen: %q", msg)
	}
	b.checkPage(t, browserPage{shot: s.shot("21-meilenstein-geloescht"), h1: b.text(t, "main h1"), kern: true})
}

// tick clicks a control that changes no page (a radio, a summary).
func (s *sachstandTour) tick(t *testing.T, selector string) {
	t.Helper()
	inTab(t, s.b, chromedp.ScrollIntoView(chromedp.CSS(selector)))
	s.b.settle(t)
	inTab(t, s.b, chromedp.Click(chromedp.CSS(selector)))
}
