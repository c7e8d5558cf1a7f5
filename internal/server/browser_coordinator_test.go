package server_test

// Browser journeys of a municipal coordinator: signing in through the demo
// provider, working in the own workspace, being refused another town's
// edit page, signing out, and editing an implementation.

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/planwerk/planwerk/internal/seed"
)

// TestBrowserCoordinator is issue 3's journey: the Dülmen coordinator signs
// in through the demo provider, sees Dülmen's workspace, is refused Olfen's
// edit page and signs out.
func TestBrowserCoordinator(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	a := newApp(t)
	olfenEdit := fmt.Sprintf(demoPlan+"/kommunen/olfen/umsetzungen/%d/bearbeiten", firstImplementationID(t, a, "olfen"))

	journeyStep(t, "anmeldeseite", func(t *testing.T) {
		b.visit(t, a.URL+demoPlan, 200)
		b.requireLoginPage(t, a.IdP)
		b.checkPage(t, browserPage{shot: "10-anmeldeseite.png", h1: "Anmeldung (Demo)"})
	})
	journeyStep(t, "angemeldet", func(t *testing.T) {
		b.signIn(t, a.IdP, "duelmen")
		b.requirePath(t, demoPlan)
		if who := b.text(t, "header .site-user__name"); !strings.Contains(who, "Koordination Dülmen") {
			t.Errorf("Kopfzeile nennt %q, erwartet „Koordination Dülmen“", who)
		}
		if link := b.text(t, `header nav a[href="/plaene/integrationskonzept-kreis-coesfeld/kommunen/duelmen"]`); link != "Mein Arbeitsbereich: Dülmen" {
			t.Errorf("Link zum Arbeitsbereich heißt %q, erwartet „Mein Arbeitsbereich: Dülmen“", link)
		}
		b.checkPage(t, browserPage{shot: "11-angemeldet-uebersicht.png", h1: "Integrationskonzept Kreis Coesfeld", kern: true})
	})
	journeyStep(t, "arbeitsbereich", func(t *testing.T) {
		b.clickLink(t, "header nav", demoPlan+"/kommunen/duelmen")
		b.checkPage(t, browserPage{shot: "12-arbeitsbereich-duelmen.png", h1: "Dülmen", kern: true})
		b.requireAtLeast(t, `main tbody a[href^="/plaene/integrationskonzept-kreis-coesfeld/kommunen/duelmen/umsetzungen/"]`, 20)
	})
	var impl string
	journeyStep(t, "umsetzung", func(t *testing.T) {
		const link = `main tbody a[href^="/plaene/integrationskonzept-kreis-coesfeld/kommunen/duelmen/umsetzungen/"]`
		impl = b.attr(t, link, "href")
		title := b.text(t, link)
		b.clickLink(t, "main tbody", impl)
		b.checkPage(t, browserPage{shot: "13-umsetzung-duelmen.png", h1: title, kern: true})
	})
	journeyStep(t, "bearbeiten", func(t *testing.T) {
		if label := b.text(t, `main a[href="`+impl+`/bearbeiten"]`); label != "Umsetzung bearbeiten" {
			t.Errorf("Link zum Bearbeiten heißt %q, erwartet „Umsetzung bearbeiten“", label)
		}
		b.clickLink(t, "main", impl+"/bearbeiten")
		b.requireVisible(t, `main form.edit-form #progress`)
		b.checkPage(t, browserPage{shot: "14-umsetzung-bearbeiten.png", h1: "Umsetzung bearbeiten", kern: true})
	})
	journeyStep(t, "olfen-verweigert", func(t *testing.T) {
		b.visit(t, a.URL+olfenEdit, 403)
		b.requirePath(t, olfenEdit)
		if msg := b.text(t, "main"); !strings.Contains(msg, "Sie dürfen die Umsetzung dieser Kommune ansehen, aber nicht ändern.") {
			t.Errorf("die Seite erklärt die Verweigerung nicht; sie zeigt: %q", msg)
		}
		if b.count(t, "main form") > 0 {
			t.Error("die verweigerte Seite zeigt ein Formular")
		}
		b.checkPage(t, browserPage{shot: "15-olfen-keine-berechtigung.png", h1: "Keine Berechtigung", kern: true})
	})
	journeyStep(t, "abmelden", func(t *testing.T) {
		b.click(t, `header form[action="/abmelden"] button[type="submit"]`, 200)
		b.requireLoginPage(t, a.IdP)
		b.checkPage(t, browserPage{shot: "16-abgemeldet.png", h1: "Anmeldung (Demo)"})
	})
	journeyStep(t, "abgemeldet", func(t *testing.T) {
		b.visit(t, a.URL+demoPlan+"/kommunen/duelmen", 200)
		b.requireLoginPage(t, a.IdP)
		b.checkPage(t, browserPage{shot: "17-abgemeldet-arbeitsbereich.png", h1: "Anmeldung (Demo)"})
	})
}

// TestBrowserEdit has the Dülmen coordinator decide an open implementation
// as relevant, then try a progress of 150 %.
func TestBrowserEdit(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	a := newApp(t)

	var impl, title string
	journeyStep(t, "anmelden", func(t *testing.T) {
		b.visit(t, a.URL+demoPlan+"/kommunen/duelmen", 200)
		b.signIn(t, a.IdP, "duelmen")
		b.requirePath(t, demoPlan+"/kommunen/duelmen") // back where the sign-in started
		impl = evalJS[string](t, b, `[...document.querySelectorAll('main tbody tr')]
			.find(tr => tr.querySelector('.state')?.innerText.trim() === 'offen')
			?.querySelector('a')?.getAttribute('href') ?? ''`)
		if impl == "" {
			t.Fatal("keine Umsetzung mit der Relevanz „offen“ im Arbeitsbereich Dülmen")
		}
		b.clickLink(t, "main tbody", impl)
		title = b.text(t, "main h1")
		b.clickLink(t, "main", impl+"/bearbeiten")
		if !evalJS[bool](t, b, `document.querySelector('#relevance-open').checked`) {
			t.Error("Relevanz „offen“ ist im Formular nicht gewählt")
		}
	})
	journeyStep(t, "relevant-speichern", func(t *testing.T) {
		inTab(t, b, chromedp.Click(chromedp.CSS(`label[for="relevance-relevant"]`)))
		if !evalJS[bool](t, b, `document.querySelector('#relevance-relevant').checked`) {
			t.Fatal("ein Klick auf „relevant“ wählt die Relevanz nicht")
		}
		b.screenshot(t, "20-bearbeiten-relevant-gewaehlt.png")
		b.click(t, `main form.edit-form button[type="submit"]`, 200)
		b.requirePath(t, impl)
		if state := b.text(t, `section[aria-labelledby="stand"] dd .state`); state != "geplant" {
			t.Errorf("Stand nach dem Speichern = %q, erwartet „geplant“", state)
		}
		history := b.text(t, `section[aria-labelledby="verlauf"] table`)
		for _, want := range []string{"Koordination Dülmen\tRelevanz\toffen\trelevant", "Status\t–\tgeplant"} {
			if !strings.Contains(history, want) {
				t.Errorf("Änderungsverlauf ohne %q; er zeigt:\n%s", want, history)
			}
		}
		b.checkPage(t, browserPage{shot: "21-umsetzung-geplant.png", h1: title, kern: true})
	})
	journeyStep(t, "fortschritt-150", func(t *testing.T) {
		b.clickLink(t, "main", impl+"/bearbeiten")
		inTab(t, b, chromedp.Clear(chromedp.CSS("#progress")))
		inTab(t, b, chromedp.SendKeys(chromedp.CSS("#progress"), "150"))
		b.click(t, `main form.edit-form button[type="submit"]`, 422)
		b.requirePath(t, impl+"/bearbeiten")
		type field struct {
			Value, Error, Invalid, DescribedBy string
			Beside, Relevant                   bool
		}
		f := evalJS[field](t, b, `(() => { const p = document.querySelector('#progress'), e = document.querySelector('#progress-error');
			return {Value: p.value, Error: e?.innerText.trim() ?? '', Invalid: p.getAttribute('aria-invalid') ?? '',
				DescribedBy: p.getAttribute('aria-describedby') ?? '', Beside: !!e && p.closest('.kern-form-input').contains(e),
				Relevant: document.querySelector('#relevance-relevant').checked} })()`)
		if f.Value != "150" || !f.Relevant {
			t.Errorf("Eingaben nicht erhalten: Fortschritt %q, „relevant“ gewählt: %v", f.Value, f.Relevant)
		}
		if !strings.Contains(f.Error, "zwischen 0 und 100") || !f.Beside {
			t.Errorf("Fehlermeldung am Feld Fortschritt: %q (beim Feld: %v)", f.Error, f.Beside)
		}
		if f.Invalid != "true" || f.DescribedBy != "progress-error" {
			t.Errorf("Feld Fortschritt: aria-invalid=%q aria-describedby=%q, erwartet true und progress-error", f.Invalid, f.DescribedBy)
		}
		b.checkPage(t, browserPage{shot: "22-fortschritt-150-fehler.png", h1: "Umsetzung bearbeiten", kern: true})
	})
}

// firstImplementationID is the id of the first implementation in a
// municipality's workspace.
func firstImplementationID(t *testing.T, a *app, slug string) int64 {
	t.Helper()
	ctx := context.Background()
	org, err := a.DB.FindOrganisationBySlug(ctx, slug)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := a.DB.FindPlanBySlug(ctx, seed.ConceptSlug)
	if err != nil {
		t.Fatal(err)
	}
	items, err := a.DB.FindWorkspace(ctx, org.ID, plan.ID)
	if err != nil || len(items) == 0 {
		t.Fatalf("Arbeitsbereich %s: %d Umsetzungen, Fehler %v", slug, len(items), err)
	}
	return items[0].ID
}
