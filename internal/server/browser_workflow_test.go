package server_test

// Issue 4's journey through the whole workflow, in the browser, once with
// JavaScript and once without: the Dülmen coordinator reviews three open
// measures (one of each decision; the bulk review and the single edit form),
// moves the relevant one to "in Umsetzung" at 40 % with a progress report
// and asks the KI for support; a KI account finds the request in its queue
// and accepts it; the coordinator sees the acceptance.

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestBrowserWorkflow(t *testing.T) {
	t.Parallel()
	t.Run("mit JavaScript", func(t *testing.T) {
		t.Parallel()
		runWorkflow(t, true)
	})
	t.Run("ohne JavaScript", func(t *testing.T) {
		t.Parallel()
		runWorkflow(t, false)
	})
}

// The texts the journey types.
const (
	wfReason     = "In Dülmen gibt es dafür keine Zielgruppe; das Angebot des Kreises reicht aus."
	wfInPlace    = "Seit 2024 bietet die Stadtbibliothek das wöchentlich an."
	wfReport     = "Die Räume sind gefunden, der erste Kurs beginnt im Januar mit zwölf Teilnehmenden."
	wfRequest    = "Wir brauchen Hilfe bei der Suche nach Dolmetscherinnen für Arabisch und Dari."
	wfKIResponse = "Gern: Wir vermitteln zwei Sprachmittlerinnen aus unserem Pool und melden uns bis Freitag."
)

// wfImpl is one of the three open implementations the journey decides.
type wfImpl struct{ ID, Code, Title, Path string }

// workflow is one run of the journey: its tab, its app, and whether the
// tab runs JavaScript.
type workflow struct {
	b    *browser
	a    *app
	js   bool
	mode string // js or nojs, in the screenshot names
}

func runWorkflow(t *testing.T, js bool) {
	w := &workflow{js: js, mode: "js"}
	if js {
		w.b = newBrowser(t)
	} else {
		w.mode = "nojs"
		w.b = newBrowser(t, withoutJavaScript())
	}
	w.a = newApp(t)
	b := w.b

	// 1. The coordinator reviews three open measures.
	journeyStep(t, "anmelden", func(t *testing.T) {
		b.visit(t, w.a.URL+demoPlan, 200)
		w.loginPage(t, 1, "anmeldung")
		b.signIn(t, w.a.IdP, "duelmen")
		b.requirePath(t, demoPlan)
		w.page(t, 2, "uebersicht", "Integrationskonzept Kreis Coesfeld")
	})
	journeyStep(t, "arbeitsbereich", func(t *testing.T) {
		if link := b.text(t, `header nav a[href="/plaene/integrationskonzept-kreis-coesfeld/kommunen/duelmen"]`); link != "Mein Arbeitsbereich: Dülmen" {
			t.Errorf("Link zum Arbeitsbereich heißt %q, erwartet „Mein Arbeitsbereich: Dülmen“", link)
		}
		b.clickLink(t, "header nav", demoPlan+"/kommunen/duelmen")
		w.page(t, 3, "arbeitsbereich", "Dülmen")
	})
	var rel, notRel, inPlace wfImpl
	journeyStep(t, "aufgaben", func(t *testing.T) {
		b.click(t, `main nav.view-switch a[href="/plaene/integrationskonzept-kreis-coesfeld/kommunen/duelmen?ansicht=aufgaben"]`, 200)
		w.requireAddress(t, demoPlan+"/kommunen/duelmen", "ansicht=aufgaben")
		w.page(t, 4, "aufgaben", "Dülmen")
		open := evalJS[[]wfImpl](t, b, `[...document.querySelectorAll('section[aria-labelledby="todo-offen"] tbody tr')].map(tr => ({
			ID: tr.querySelector('input[type=checkbox][name=umsetzung]')?.value ?? '',
			Code: tr.dataset.massnahme,
			Title: tr.querySelector('a').innerText.trim(),
			Path: tr.querySelector('a').getAttribute('href')}))`)
		if len(open) < 3 {
			t.Fatalf("%d offene Umsetzungen in der Aufgabenansicht, erwartet mindestens drei", len(open))
		}
		for _, im := range open[:3] {
			if im.ID == "" || im.Path != demoPlan+"/kommunen/duelmen/umsetzungen/"+im.ID {
				t.Fatalf("Zeile %s ohne Auswahlkästchen oder mit Link %q", im.Code, im.Path)
			}
		}
		rel, notRel, inPlace = open[0], open[1], open[2]
		t.Logf("relevant: %s, nicht relevant: %s, bereits umgesetzt: %s", rel.Code, notRel.Code, inPlace.Code)
	})
	journeyStep(t, "sammel-nicht-relevant", func(t *testing.T) {
		w.bulkDecide(t, notRel, "not_relevant", wfReason, "1 Maßnahme als nicht relevant markiert.", 5, 6, "nicht-relevant")
	})
	journeyStep(t, "sammel-bereits-umgesetzt", func(t *testing.T) {
		w.bulkDecide(t, inPlace, "already_in_place", wfInPlace, "1 Maßnahme als bereits umgesetzt markiert.", 7, 8, "bereits-umgesetzt")
	})
	journeyStep(t, "einzeln-relevant", func(t *testing.T) {
		b.clickLink(t, `section[aria-labelledby="todo-offen"] tbody`, rel.Path)
		w.page(t, 9, "umsetzung-offen", rel.Title)
		if state := w.state(t); state != "offen" {
			t.Errorf("Stand vor der Entscheidung = %q, erwartet „offen“", state)
		}
		w.openEditForm(t, rel, 10, "bearbeiten-relevant")
		w.tick(t, `label[for="relevance-relevant"]`)
		if !evalJS[bool](t, b, `document.querySelector('#relevance-relevant').checked`) {
			t.Fatal("ein Klick auf „relevant“ wählt die Relevanz nicht")
		}
		b.screenshot(t, w.shot(11, "bearbeiten-relevant-gewaehlt"))
		b.click(t, `main form.edit-form button[type="submit"]`, 200)
		b.requirePath(t, rel.Path)
		if state := w.state(t); state != "geplant" {
			t.Errorf("Stand nach dem Speichern = %q, erwartet „geplant“", state)
		}
		w.page(t, 12, "umsetzung-geplant", rel.Title)
	})
	journeyStep(t, "entscheidungen-pruefen", func(t *testing.T) {
		b.clickLink(t, "header nav", demoPlan+"/kommunen/duelmen")
		w.page(t, 13, "arbeitsbereich-entschieden", "Dülmen")
		for _, c := range []struct {
			im   wfImpl
			want string
		}{{rel, "geplant"}, {notRel, "nicht relevant"}, {inPlace, "bereits umgesetzt"}} {
			// textContent: sections away from the window are not laid out
			// (content-visibility), and innerText answers "" there.
			got := evalJS[string](t, b, fmt.Sprintf(`[...document.querySelectorAll('main tbody tr')]
				.find(tr => tr.querySelector('a[href=%q]'))?.querySelector('.state')?.textContent.trim() ?? ''`, c.im.Path))
			if got != c.want {
				t.Errorf("Arbeitsbereich: Maßnahme %s steht auf %q, erwartet %q", c.im.Code, got, c.want)
			}
		}
		b.clickLink(t, "main tbody", notRel.Path)
		w.page(t, 14, "umsetzung-nicht-relevant", notRel.Title)
		if got := w.stateLine(t); got != "nicht relevant – "+wfReason {
			t.Errorf("Stand = %q, erwartet „nicht relevant – %s“", got, wfReason)
		}
		b.clickLink(t, "nav.breadcrumbs", demoPlan+"/kommunen/duelmen")
		w.page(t, 15, "arbeitsbereich-zurueck", "Dülmen")
		b.clickLink(t, "main tbody", inPlace.Path)
		w.page(t, 16, "umsetzung-bereits-umgesetzt", inPlace.Title)
		if got := w.stateLine(t); got != "bereits umgesetzt – "+wfInPlace {
			t.Errorf("Stand = %q, erwartet „bereits umgesetzt – %s“", got, wfInPlace)
		}
	})

	// 2. The relevant one goes to "in Umsetzung" at 40 %, with a progress report.
	journeyStep(t, "in-umsetzung", func(t *testing.T) {
		b.clickLink(t, "nav.breadcrumbs", demoPlan+"/kommunen/duelmen")
		w.page(t, 17, "arbeitsbereich-erneut", "Dülmen")
		b.clickLink(t, "main tbody", rel.Path)
		w.page(t, 18, "umsetzung-relevant", rel.Title)
		w.openEditForm(t, rel, 19, "bearbeiten-fortschritt")
		inTab(t, b, chromedp.SetValue(chromedp.CSS("#status"), "in_progress"))
		if got := b.text(t, "#status option:checked"); got != "in Umsetzung" {
			t.Fatalf("Status gewählt: %q, erwartet „in Umsetzung“", got)
		}
		inTab(t, b, chromedp.Clear(chromedp.CSS("#progress")))
		inTab(t, b, chromedp.SendKeys(chromedp.CSS("#progress"), "40"))
		b.screenshot(t, w.shot(20, "bearbeiten-fortschritt-eingegeben"))
		b.click(t, `main form.edit-form button[type="submit"]`, 200)
		b.requirePath(t, rel.Path)
		if state := w.state(t); state != "in Umsetzung" {
			t.Errorf("Stand nach dem Speichern = %q, erwartet „in Umsetzung“", state)
		}
		if got := spaces(w.fact(t, `section[aria-labelledby="stand"]`, "Fortschritt")); got != "40 %" {
			t.Errorf("Fortschritt = %q, erwartet „40 %%“", got)
		}
		w.page(t, 21, "umsetzung-in-umsetzung", rel.Title)
	})
	journeyStep(t, "sachstandsmeldung", func(t *testing.T) {
		b.click(t, `main a.kern-btn--primary[href="`+rel.Path+`/sachstand"]`, 200)
		b.requirePath(t, rel.Path+"/sachstand")
		if got := evalJS[string](t, b, `document.querySelector('#reported_on').value`); got != "2026-11-25" {
			t.Errorf("Datum der Meldung vorbelegt mit %q, erwartet den heutigen Tag 2026-11-25", got)
		}
		inTab(t, b, chromedp.SendKeys(chromedp.CSS("#report_body"), wfReport))
		b.screenshot(t, w.shot(22, "meldung-eingegeben"))
		b.click(t, `main form[action$="/sachstand"] button[type="submit"]`, 200)
		b.requirePath(t, rel.Path)
		meta := spaces(b.text(t, "main ol.timeline li:first-child .timeline__meta"))
		for _, want := range []string{"25.11.2026", "in Umsetzung, 40 %", "Koordination Dülmen"} {
			if !strings.Contains(meta, want) {
				t.Errorf("neueste Sachstandsmeldung: %q, erwartet darin %q", meta, want)
			}
		}
		if body := b.text(t, "main ol.timeline li:first-child .timeline__body"); body != wfReport {
			t.Errorf("Text der neuesten Sachstandsmeldung = %q, erwartet %q", body, wfReport)
		}
		w.page(t, 23, "umsetzung-meldung", rel.Title)
	})

	// 3. The coordinator asks the KI for support.
	journeyStep(t, "unterstuetzung-anfragen", func(t *testing.T) {
		if got := w.support(t, "Stand"); got != "keine" {
			t.Errorf("Unterstützung vor der Anfrage: %q, erwartet „keine“", got)
		}
		inTab(t, b, chromedp.SendKeys(chromedp.CSS("#support_request"), wfRequest))
		b.screenshot(t, w.shot(24, "anfrage-eingegeben"))
		b.click(t, `main form[action="`+rel.Path+`/unterstuetzung"] button[type="submit"]`, 200)
		b.requirePath(t, rel.Path)
		if got := w.support(t, "Stand"); got != "angefragt" {
			t.Errorf("Unterstützung nach der Anfrage: %q, erwartet „angefragt“", got)
		}
		if got := w.support(t, "Anfrage der Kommune"); got != wfRequest {
			t.Errorf("Anfrage der Kommune: %q, erwartet %q", got, wfRequest)
		}
		w.page(t, 25, "umsetzung-angefragt", rel.Title)
	})

	// 4. A KI account finds the request in its queue and accepts it.
	journeyStep(t, "ki-anmelden", func(t *testing.T) {
		w.signOut(t, 26)
		b.signIn(t, w.a.IdP, "ki-1")
		b.requirePath(t, demoPlan+"/monitoring") // the KI starts at the monitoring
		b.clickLink(t, "header nav", demoPlan)
		w.page(t, 27, "ki-uebersicht", "Integrationskonzept Kreis Coesfeld")
	})
	journeyStep(t, "ki-warteschlange", func(t *testing.T) {
		if link := b.text(t, `header nav a[href="/plaene/integrationskonzept-kreis-coesfeld/unterstuetzung"]`); link != "Unterstützungsanfragen" {
			t.Errorf("Link zur Warteschlange heißt %q, erwartet „Unterstützungsanfragen“", link)
		}
		b.clickLink(t, "header nav", demoPlan+"/unterstuetzung")
		w.page(t, 28, "ki-unterstuetzungsanfragen", "Unterstützungsanfragen")
		type row struct{ Town, Measure, Request, State string }
		r := evalJS[*row](t, b, fmt.Sprintf(`(() => { const a = document.querySelector('main ul.support-queue a[href=%q]');
			if (!a) return null;
			const li = a.closest('li');
			return {Town: li.querySelector('h2 .kern-body').innerText.replace(/^–\s*/, '').trim(), Measure: a.innerText.trim(),
				Request: li.querySelector('p.support__text').innerText.trim(), State: li.querySelector('p.kern-body--small').innerText.trim()} })()`,
			rel.Path+"#unterstuetzung"))
		if r == nil {
			t.Fatalf("die Anfrage aus Dülmen (%s) fehlt in der Warteschlange: %s", rel.Code, b.text(t, "main"))
		}
		if r.Town != "Dülmen" || !strings.Contains(r.Measure, rel.Title) || !strings.HasPrefix(wfRequest, strings.TrimSuffix(r.Request, "…")) ||
			!strings.Contains(r.State, "wartet seit 0 Tagen") || !strings.Contains(r.State, "noch niemand zuständig") {
			t.Errorf("Eintrag der Anfrage: %+v, erwartet Dülmen, %q, die Anfrage, „wartet seit 0 Tagen“ und „noch niemand zuständig“", *r, rel.Title)
		}
		w.shotOf(t, fmt.Sprintf(`main ul.support-queue li:has(a[href=%q])`, rel.Path+"#unterstuetzung"), 28, "ki-anfrage-zeile")
		b.click(t, `main ul.support-queue a[href="`+rel.Path+`#unterstuetzung"]`, 200)
		b.requirePath(t, rel.Path)
		w.page(t, 29, "ki-umsetzung", rel.Title)
		if got := w.support(t, "Anfrage der Kommune"); got != wfRequest {
			t.Errorf("das KI sieht die Anfrage %q, erwartet %q", got, wfRequest)
		}
	})
	journeyStep(t, "ki-zusagen", func(t *testing.T) {
		w.tick(t, `label[for="decision-accepted"]`)
		if !evalJS[bool](t, b, `document.querySelector('#decision-accepted').checked`) {
			t.Fatal("ein Klick auf „Unterstützung zusagen“ wählt die Antwort nicht")
		}
		inTab(t, b, chromedp.SendKeys(chromedp.CSS("#support_response"), wfKIResponse))
		b.screenshot(t, w.shot(30, "ki-zusage-eingegeben"))
		b.click(t, `main form[action="`+rel.Path+`/unterstuetzung/antwort"] button[type="submit"]`, 200)
		b.requirePath(t, rel.Path)
		if got := w.support(t, "Stand"); got != "zugesagt" {
			t.Errorf("Unterstützung nach der Zusage: %q, erwartet „zugesagt“", got)
		}
		w.page(t, 31, "ki-zugesagt", rel.Title)
	})

	// 5. The coordinator sees the acceptance.
	journeyStep(t, "koordination-sieht-zusage", func(t *testing.T) {
		w.signOut(t, 32)
		b.signIn(t, w.a.IdP, "duelmen")
		w.requireAddress(t, demoPlan+"/kommunen/duelmen", "ansicht=aufgaben") // the town's to-do view
		b.clickLink(t, "header nav", demoPlan)
		w.page(t, 33, "wieder-angemeldet", "Integrationskonzept Kreis Coesfeld")
		b.clickLink(t, "header nav", demoPlan+"/kommunen/duelmen")
		w.page(t, 34, "arbeitsbereich-nach-zusage", "Dülmen")
		b.clickLink(t, "main tbody", rel.Path)
		if got := w.support(t, "Stand"); got != "zugesagt" {
			t.Errorf("die Koordination sieht als Stand der Unterstützung %q, erwartet „zugesagt“", got)
		}
		if got := w.support(t, "Antwort des KI"); got != wfKIResponse {
			t.Errorf("die Koordination sieht als Antwort des KI %q, erwartet %q", got, wfKIResponse)
		}
		if b.has(t, "#support_request") {
			t.Error("während die Zusage gilt, bietet die Seite eine neue Anfrage an")
		}
		w.page(t, 35, "umsetzung-zugesagt", rel.Title)
	})

	// The checks pass when they find nothing, so prove that axe-core still
	// reports in this tab (without JavaScript it needs withScripts).
	journeyStep(t, "axe-schlaegt-an", func(t *testing.T) {
		evalJS[bool](t, b, `document.querySelector('main').appendChild(document.createElement('button')) !== null`)
		if ids := violationIDs(b.axeViolations(t)); !strings.Contains(ids, "button-name") {
			t.Errorf("axe fand einen Knopf ohne Namen nicht; Verstöße: %q", ids)
		}
	})
}

func (w *workflow) shot(n int, name string) string {
	return fmt.Sprintf("%02d-workflow-%s-%s.png", n, w.mode, name)
}

// page runs the checks of a Planwerk page, keeps its screenshot, and
// requires the page's own scripts to have run exactly when the tab runs
// JavaScript (app.js, on every page, marks the document).
func (w *workflow) page(t *testing.T, n int, name, h1 string) {
	t.Helper()
	w.b.checkPage(t, browserPage{shot: w.shot(n, name), h1: h1, kern: true})
	if ran := evalJS[bool](t, w.b, `document.documentElement.classList.contains('js')`); ran != w.js {
		t.Errorf("app.js gelaufen: %v, JavaScript eingeschaltet: %v (Seite %s)", ran, w.js, w.b.location(t))
	}
}

// shotOf keeps a screenshot of one element, for a part of a long page.
func (w *workflow) shotOf(t *testing.T, selector string, n int, name string) {
	t.Helper()
	png := inTab(t, w.b, chromedp.Screenshot(chromedp.CSS(selector)))
	path := filepath.Join(w.b.shots, w.shot(n, name))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("Bildschirmfoto: %s", path)
}

// loginPage checks the demo provider's login form.
func (w *workflow) loginPage(t *testing.T, n int, name string) {
	t.Helper()
	w.b.requireLoginPage(t, w.a.IdP)
	w.b.checkPage(t, browserPage{shot: w.shot(n, name), h1: "Anmeldung (Demo)"})
}

// signOut uses the header's button and lands on the provider's login form.
func (w *workflow) signOut(t *testing.T, n int) {
	t.Helper()
	w.b.click(t, `header form[action="/abmelden"] button[type="submit"]`, 200)
	w.loginPage(t, n, "abgemeldet")
}

// requireAddress stops the journey unless the tab shows this path with this
// query parameter.
func (w *workflow) requireAddress(t *testing.T, path, param string) {
	t.Helper()
	w.b.requirePath(t, path)
	if q := evalJS[string](t, w.b, `location.search`); !strings.Contains(q, param) {
		t.Fatalf("angezeigt wird %s, erwartet %s?…%s…", w.b.location(t), path, param)
	}
}

// bulkDecide checks one implementation in the to-do view's list, decides it
// with a note through the bulk review and finds the confirmation back in
// the to-do view, where the implementation is no longer open.
func (w *workflow) bulkDecide(t *testing.T, im wfImpl, decision, note, confirmation string, nForm, nSaved int, name string) {
	t.Helper()
	b := w.b
	box := "#umsetzung-" + im.ID
	if label := b.text(t, `label[for="umsetzung-`+im.ID+`"]`); !strings.Contains(label, im.Code) {
		t.Errorf("Auswahlkästchen der Maßnahme %s beschriftet mit %q", im.Code, label)
	}
	w.tick(t, box)
	if !evalJS[bool](t, b, fmt.Sprintf(`document.querySelector(%q).checked`, box)) {
		t.Fatalf("ein Klick auf das Kästchen der Maßnahme %s kreuzt es nicht an", im.Code)
	}
	radio := "review-relevance-" + decision
	w.tick(t, `label[for="`+radio+`"]`)
	if !evalJS[bool](t, b, fmt.Sprintf(`document.querySelector('#%s').checked`, radio)) {
		t.Fatalf("ein Klick auf die Entscheidung %s wählt sie nicht", decision)
	}
	inTab(t, b, chromedp.SendKeys(chromedp.CSS("#review-relevance_note"), note))
	b.screenshot(t, w.shot(nForm, "sammel-"+name+"-gewaehlt"))
	b.click(t, `#sammelentscheidung button[type="submit"]`, 200)
	w.requireAddress(t, demoPlan+"/kommunen/duelmen", "ansicht=aufgaben")
	if got := b.text(t, "main .kern-alert--success"); !strings.Contains(got, confirmation) {
		t.Errorf("Bestätigung: %q, erwartet %q", got, confirmation)
	}
	if b.has(t, box) {
		t.Errorf("Maßnahme %s steht nach der Entscheidung noch unter den offenen", im.Code)
	}
	w.page(t, nSaved, "sammel-"+name+"-gespeichert", "Dülmen")
}

// tick clicks a checkbox or a radio button (or its label) like a user: the
// page is scrolled to it and has stopped moving before the click.
func (w *workflow) tick(t *testing.T, selector string) {
	t.Helper()
	inTab(t, w.b, chromedp.ScrollIntoView(chromedp.CSS(selector)))
	w.b.settle(t)
	inTab(t, w.b, chromedp.Click(chromedp.CSS(selector)))
}

// openEditForm follows "Umsetzung bearbeiten" from the implementation page.
func (w *workflow) openEditForm(t *testing.T, im wfImpl, n int, name string) {
	t.Helper()
	if label := w.b.text(t, `main a[href="`+im.Path+`/bearbeiten"]`); label != "Umsetzung bearbeiten" {
		t.Errorf("Link zum Bearbeiten heißt %q, erwartet „Umsetzung bearbeiten“", label)
	}
	w.b.clickLink(t, "main", im.Path+"/bearbeiten")
	w.page(t, n, name, "Umsetzung bearbeiten")
}

// state is the state marker of the implementation page.
func (w *workflow) state(t *testing.T) string {
	t.Helper()
	return w.b.text(t, `section[aria-labelledby="stand"] dd .state`)
}

// stateLine is the whole "Stand" line of the implementation page, with the
// relevance note.
func (w *workflow) stateLine(t *testing.T) string {
	t.Helper()
	return w.fact(t, `section[aria-labelledby="stand"]`, "Stand")
}

// support is a fact of the support section, by its term.
func (w *workflow) support(t *testing.T, term string) string {
	t.Helper()
	return w.fact(t, `section[aria-labelledby="unterstuetzung"]`, term)
}

// fact is the description of the term in the description list in scope,
// "" if there is none.
func (w *workflow) fact(t *testing.T, scope, term string) string {
	t.Helper()
	return evalJS[string](t, w.b, fmt.Sprintf(`[...document.querySelectorAll(%q)]
		.find(dt => dt.innerText.trim() === %q)?.nextElementSibling?.innerText.trim() ?? ''`, scope+" dt", term))
}

// spaces turns the narrow and non-breaking spaces of German number
// formatting into plain ones, for comparing.
func spaces(s string) string {
	return strings.NewReplacer("\u202f", " ", "\u00a0", " ").Replace(s)
}
