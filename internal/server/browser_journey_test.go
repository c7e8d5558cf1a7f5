package server_test

// Issue 9's journey from start to end, in one browser as the people do it:
// the KI opens a reporting round, two towns report and complete, the KI
// closes the round and so freezes the report, a committee member reads it,
// compares it with an earlier one and downloads it in every format. Every
// page is checked with axe-core and photographed (70-reise-NN-….png).

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The new round of the journey and what the two towns report in it.
const (
	journeyRound  = "Frühjahr 2027"
	journeyReport = "Sachstandsbericht " + journeyRound
	journeyEarly  = "Sachstandsbericht Herbst 2026" // the demo's autumn report, compared with
)

var journeyTowns = []struct{ slug, name, text string }{
	{"duelmen", "Dülmen", "Die Sprachcafés laufen wieder wöchentlich; zwei Ehrenamtliche kamen im Frühjahr dazu."},
	{"luedinghausen", "Lüdinghausen", "Der Integrationsrat hat die Beratungszeiten im Rathaus verdoppelt."},
}

func TestBrowserReportingJourney(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	a := newApp(t)
	// The demo's reporting as `planwerk demo` seeds it: the spring and autumn
	// reports, frozen, and the open round Winter 2026/27. One round is open
	// at a time, so the KI closes the demo's round first, through the same
	// form with its confirmation, as the KI of a demo installation would. No
	// fixture deletes the round behind the app's back: every state the
	// journey passes through is one the app itself made.
	a.seedReporting(t)
	j := journey{b: b, a: a}

	journeyStep(t, "ki-berichtsrunden", func(t *testing.T) {
		b.visit(t, a.URL+"/plaene", 200)
		b.signIn(t, a.IdP, "ki-1")
		b.requirePath(t, "/plaene")
		b.click(t, `header nav a[href="/berichtsrunden"]`, 200) // the navigation's entry outside a plan
		b.requirePath(t, roundsPage)
		j.page(t, "demo-runde", "Berichtsrunden")
		if title := b.text(t, "main #runde-titel"); title != "Winter 2026/27" {
			t.Fatalf("offene Runde %q, erwartet die der Demo (Winter 2026/27)", title)
		}
	})
	journeyStep(t, "demo-runde-abschliessen", func(t *testing.T) {
		j.closeRound(t)
		j.page(t, "demo-runde-abgeschlossen", "Berichtsrunden")
	})
	journeyStep(t, "runde-eroeffnen", func(t *testing.T) {
		inTab(t, b, chromedp.SendKeys(chromedp.CSS("#round-title"), journeyRound))
		// A date field's value is ISO whatever the locale shows (TT.MM.JJJJ).
		inTab(t, b, chromedp.SetValue(chromedp.CSS("#round-deadline"), "2027-03-12"))
		inTab(t, b, chromedp.SendKeys(chromedp.CSS("#round-committee"), "Integrationsausschuss"))
		inTab(t, b, chromedp.SetValue(chromedp.CSS("#round-meeting_on"), "2027-03-25"))
		b.click(t, `main form[action$="/berichtsrunden"] button[type="submit"]`, 200)
		b.requirePath(t, roundsPage)
		if msg := b.text(t, "main .kern-alert--success"); !strings.Contains(msg, "Die Berichtsrunde ist eröffnet.") {
			t.Errorf("nach dem Eröffnen: %q", msg)
		}
		if title := b.text(t, "main #runde-titel"); title != journeyRound {
			t.Fatalf("offene Runde %q, erwartet %q", title, journeyRound)
		}
		j.page(t, "runde-eroeffnet", "Berichtsrunden")
	})
	for _, town := range journeyTowns {
		journeyStep(t, town.slug, func(t *testing.T) { j.townReports(t, town.slug, town.name, town.text) })
	}
	var report string
	journeyStep(t, "ki-schliesst-runde", func(t *testing.T) {
		j.signInAs(t, "ki-1", roundsPage)
		for _, town := range journeyTowns {
			state := evalJS[string](t, b, `[...document.querySelectorAll('main table.round-towns tbody tr')]
				.find(tr => tr.querySelector('a[href$="/kommunen/`+town.slug+`"]'))?.querySelector('td')?.innerText ?? ''`)
			if !strings.HasPrefix(state, "Abgeschlossen") {
				t.Errorf("%s in der Tabelle: %q, erwartet „Abgeschlossen“", town.name, state)
			}
		}
		if n := b.count(t, "main table.round-towns .round-state--done"); n != len(journeyTowns) {
			t.Errorf("%d Kommunen abgeschlossen, erwartet %d", n, len(journeyTowns))
		}
		j.page(t, "beide-abgeschlossen", "Berichtsrunden")
		j.closeRound(t)
		report = evalJS[string](t, b, `[...document.querySelectorAll('main ul li')]
			.find(li => li.textContent.includes(`+"`"+journeyRound+"`"+`))?.querySelector('a[href*="/berichte/"]')?.getAttribute('href') ?? ''`)
		if report == "" {
			t.Fatalf("die abgeschlossene Runde %s verweist auf keinen Bericht: %s", journeyRound, b.shown(t))
		}
		j.page(t, "runde-abgeschlossen", "Berichtsrunden")
	})
	journeyStep(t, "ausschuss-liste", func(t *testing.T) {
		j.signInAs(t, "ausschuss-1", "/plaene")
		b.clickLink(t, "main", demoPlan+"/berichte")
		if first := b.text(t, "main .report-list__item h2 a"); first != journeyReport {
			t.Errorf("neuester Bericht der Liste: %q, erwartet %q", first, journeyReport)
		}
		j.page(t, "berichte-ausschuss", "Sachstandsberichte")
	})
	journeyStep(t, "ausschuss-bericht", func(t *testing.T) {
		b.clickLink(t, "main", report)
		j.longPage(t, "bericht", journeyReport)
		main := b.text(t, "main")
		for _, town := range journeyTowns {
			if !strings.Contains(main, town.text) {
				t.Errorf("der eingefrorene Bericht enthält die Meldung aus %s nicht: %q", town.name, town.text)
			}
		}
	})
	journeyStep(t, "vergleich", func(t *testing.T) {
		earlier := evalJS[string](t, b, `[...document.querySelectorAll('#vergleich-wahl option')]
			.find(o => o.textContent.startsWith(`+"`"+journeyEarly+"`"+`))?.value ?? ''`)
		if earlier == "" {
			t.Fatalf("%s steht nicht zur Wahl für den Vergleich", journeyEarly)
		}
		inTab(t, b, chromedp.SetValue(chromedp.CSS("#vergleich-wahl"), earlier))
		b.click(t, `.report-compare-form button[type="submit"]`, 200)
		b.requirePath(t, report)
		b.requireVisible(t, "#vergleich")
		j.longPage(t, "bericht-vergleich", journeyReport)
		b.screenshotOf(t, j.next("vergleich"), chromedp.Screenshot(chromedp.CSS(`main section[aria-labelledby="vergleich"]`)))
	})
	journeyStep(t, "downloads", func(t *testing.T) { j.downloadAll(t) })
}

// townReports is one town's part: its coordinator opens the banner's list of
// what to update, reports progress on the first implementation in it, and
// marks the town's reporting complete.
func (j *journey) townReports(t *testing.T, slug, name, text string) {
	t.Helper()
	b, workspace := j.b, demoPlan+"/kommunen/"+slug
	j.signInAs(t, slug, workspace)
	if heading := b.text(t, "main #berichtsrunde-titel"); !strings.Contains(heading, journeyRound) {
		t.Fatalf("Banner im Arbeitsbereich: %q, erwartet die Runde %s", heading, journeyRound)
	}
	j.page(t, slug+"-arbeitsbereich", name)
	b.settle(t) // the skip link's smooth scroll would move the summary under the click
	inTab(t, b, chromedp.Click(chromedp.CSS("main #berichtsrunde details summary")))
	b.requireVisible(t, "main #berichtsrunde details li a")
	type item struct{ Href, Label string }
	impl := evalJS[item](t, b, `(() => { const a = [...document.querySelectorAll('main #berichtsrunde details li')]
		.find(li => li.textContent.includes('Sachstand melden'))?.querySelector('a');
		return {href: a?.getAttribute('href') ?? '', label: a?.textContent.trim() ?? ''} })()`)
	if impl.Href == "" {
		t.Fatalf("das Banner in %s nennt keine Umsetzung, deren Sachstand zu melden ist", name)
	}
	_, measure, _ := strings.Cut(impl.Label, " ") // "code title"
	b.clickLink(t, "main #berichtsrunde", impl.Href)
	b.clickLink(t, "main", impl.Href+"/sachstand")
	inTab(t, b, chromedp.SendKeys(chromedp.CSS("#report_body"), text))
	b.click(t, `main form[action$="/sachstand"] button[type="submit"]`, 200)
	b.requirePath(t, impl.Href)
	if body := b.text(t, "main ol.timeline li:first-child .timeline__body"); body != text {
		t.Errorf("neueste Sachstandsmeldung %q, erwartet %q", body, text)
	}
	j.page(t, slug+"-meldung", measure)
	b.clickLink(t, "header nav", workspace)
	b.click(t, `main form[action$="/berichtsrunde/abgeschlossen"] button[type="submit"]`, 200)
	b.requirePath(t, workspace)
	if banner := b.text(t, "main #berichtsrunde"); !strings.Contains(banner, "Meldung zurücknehmen") {
		t.Errorf("nach dem Abschließen zeigt das Banner: %q", banner)
	}
	j.page(t, slug+"-abgeschlossen", name)
}

// closeRound closes the open round from the rounds page, confirming that
// towns are still missing, and requires the confirmation.
func (j *journey) closeRound(t *testing.T) {
	t.Helper()
	b := j.b
	b.settle(t)
	inTab(t, b, chromedp.Click(chromedp.CSS(`label[for="confirm"]`)))
	if !evalJS[bool](t, b, `document.querySelector('#confirm').checked`) {
		t.Fatal("die Bestätigung, dass Kommunen fehlen, ist nicht angekreuzt")
	}
	b.click(t, `main form[action$="/abschliessen"] button[type="submit"]`, 200)
	b.requirePath(t, roundsPage)
	if msg := b.text(t, "main .kern-alert--success"); !strings.Contains(msg, "Die Berichtsrunde ist abgeschlossen") {
		t.Errorf("nach dem Abschließen: %q", msg)
	}
}
