package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// publishOffer publishes the offer at its internal address and returns its
// public address.
func publishOffer(t *testing.T, a *app, c *http.Client, internal string) string {
	t.Helper()
	_, page, _ := fetch(t, c, "GET", a.URL+internal)
	version := versionField.FindStringSubmatch(page)[1]
	if status, body, _ := fetch(t, c, "POST", a.URL+internal+"/status", form("version", version, "state", "published")...); status != http.StatusSeeOther {
		t.Fatalf("publish: %d\n%s", status, body)
	}
	_, page, _ = fetch(t, c, "GET", a.URL+internal)
	return "/angebote/" + publicLink.FindStringSubmatch(page)[1]
}

// TestKIKeepsTheThemesOfOffers: the KI adds a theme, which the towns' form
// then offers and the directory filters by; renaming it renames it
// everywhere under the same address; hiding one takes it out of forms and
// filters while the offers that have it keep showing it.
func TestKIKeepsTheThemesOfOffers(t *testing.T) {
	a := newApp(t)
	ki, duelmen := a.signIn(t, "ki-1"), a.signIn(t, "duelmen")
	themes := a.URL + demoPlan + "/angebotsthemen"

	_, overview, _ := fetch(t, ki, "GET", a.URL+demoPlan)
	mustContain(t, overview, `href="`+demoPlan+`/angebotsthemen"`, `href="`+demoPlan+`/suchluecken"`,
		`href="`+demoPlan+`/veroeffentlichung"`)
	if _, page, _ := fetch(t, duelmen, "GET", a.URL+demoPlan); strings.Contains(page, "/angebotsthemen") {
		t.Error("a coordinator's overview links to the KI's themes")
	}
	status, page, _ := fetch(t, ki, "GET", themes)
	if status != http.StatusOK {
		t.Fatalf("themes page: %d", status)
	}
	mustContain(t, page, "Sprache", "Kinder und Familie", "Freizeit und Begegnung")

	status, _, h := fetch(t, ki, "POST", themes, form("label_de", "Gesundheit & Pflege <b>", "label_en", "Health and care")...)
	if status != http.StatusSeeOther || !strings.HasSuffix(h.Get("Location"), "?gespeichert=gesundheit-pflege-b") {
		t.Fatalf("new theme: %d, %q", status, h.Get("Location"))
	}
	_, page, _ = fetch(t, ki, "GET", a.URL+h.Get("Location"))
	mustContain(t, page, "Gesundheit &amp; Pflege &lt;b&gt;", "ist gespeichert")
	// The same name again gets a code of its own.
	_, _, h = fetch(t, ki, "POST", themes, form("label_de", "Gesundheit & Pflege <b>")...)
	if !strings.HasSuffix(h.Get("Location"), "=gesundheit-pflege-b-2") {
		t.Errorf("second theme of the same name: %q", h.Get("Location"))
	}

	// The town's form offers it; an offer with it is found by it.
	_, form1, _ := fetch(t, duelmen, "GET", a.URL+demoPlan+"/kommunen/duelmen/angebote/neu")
	mustContain(t, form1, `value="gesundheit-pflege-b"`, "Gesundheit &amp; Pflege &lt;b&gt;")
	internal := createOffer(t, a, duelmen, "duelmen", "title", "Pflegeberatung in Dülmen", "provider", "Caritas",
		"categories", "gesundheit-pflege-b", "categories", "wohnen", "status", "active", "step_free", "yes")
	public := publishOffer(t, a, duelmen, internal)
	_, hits, _ := fetch(t, anonymous(), "GET", a.URL+"/angebote?thema=gesundheit-pflege-b")
	mustContain(t, hits, "Pflegeberatung in Dülmen", `<option value="gesundheit-pflege-b" selected>`)

	// Renamed: the same address, the new name, in German and English.
	theme := themes + "/gesundheit-pflege-b"
	_, edit, _ := fetch(t, ki, "GET", theme)
	version := versionField.FindStringSubmatch(edit)[1]
	if status, body, _ := fetch(t, ki, "POST", theme, form("version", version, "label_de", "Pflege",
		"label_en", "Care", "position", "1")...); status != http.StatusSeeOther {
		t.Fatalf("rename: %d\n%s", status, body)
	}
	_, offerPage, _ := fetch(t, anonymous(), "GET", a.URL+public)
	mustContain(t, offerPage, "Pflege, Wohnen")
	english := a.signIn(t, "duelmen")
	fetch(t, english, "POST", a.URL+"/sprache", "lang=en", "next=/")
	_, offerPage, _ = fetch(t, english, "GET", a.URL+public)
	mustContain(t, offerPage, "Care, Housing")
	_, page, _ = fetch(t, ki, "GET", themes)
	if strings.Index(page, ">Pflege<") > strings.Index(page, ">Sprache<") {
		t.Error("the theme moved to place 1 is not listed first")
	}

	// Hidden: out of the form and the filter, still on the offer.
	_, edit, _ = fetch(t, ki, "GET", themes+"/wohnen")
	version = versionField.FindStringSubmatch(edit)[1]
	fetch(t, ki, "POST", themes+"/wohnen", form("version", version, "label_de", "Wohnen", "label_en", "Housing",
		"position", "4", "hidden", "1")...)
	_, form2, _ := fetch(t, duelmen, "GET", a.URL+demoPlan+"/kommunen/duelmen/angebote/neu")
	if strings.Contains(form2, `value="wohnen"`) {
		t.Error("a new offer's form offers the hidden theme")
	}
	_, editOffer, _ := fetch(t, duelmen, "GET", a.URL+internal+"/bearbeiten")
	mustContain(t, editOffer, `value="wohnen" checked`)
	_, directory, _ := fetch(t, anonymous(), "GET", a.URL+"/angebote")
	if strings.Contains(directory, `<option value="wohnen"`) {
		t.Error("the directory filters by the hidden theme")
	}
	_, offerPage, _ = fetch(t, anonymous(), "GET", a.URL+public)
	mustContain(t, offerPage, "Pflege, Wohnen")
	status, body, _ := fetch(t, duelmen, "POST", a.URL+demoPlan+"/kommunen/duelmen/angebote/neu",
		form("title", "Wohnungssuche", "provider", "Stadt", "categories", "wohnen", "status", "active", "step_free", "yes")...)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "Bitte wählen Sie aus der Liste") {
		t.Errorf("a new offer with the hidden theme: %d", status)
	}
}

// TestThemeRefusals: bad input is answered at its field and loses nothing;
// a save from an old version keeps what was typed and shows what is saved.
func TestThemeRefusals(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	themes := a.URL + demoPlan + "/angebotsthemen"
	long := strings.Repeat("x", 81)
	status, body, _ := fetch(t, ki, "POST", themes, form("label_de", "  ", "label_en", long)...)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("empty theme: %d", status)
	}
	mustContain(t, body, `id="label_de-error"`, `id="label_en-error"`, "deutschen Namen")
	status, body, _ = fetch(t, ki, "POST", themes, form("label_de", "§§§")...)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "mindestens einen Buchstaben") {
		t.Errorf("a name without letters: %d", status)
	}

	_, edit, _ := fetch(t, ki, "GET", themes+"/sprache")
	version := versionField.FindStringSubmatch(edit)[1]
	for _, position := range []string{"x", "-3", "9999"} {
		status, body, _ = fetch(t, ki, "POST", themes+"/sprache", form("version", version, "label_de", "Sprache",
			"position", position)...)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="position-error"`) {
			t.Errorf("position %q: %d", position, status)
		}
	}
	fetch(t, ki, "POST", themes+"/sprache", form("version", version, "label_de", "Sprache und Kurse", "position", "1")...)
	status, body, _ = fetch(t, ki, "POST", themes+"/sprache", form("version", version, "label_de", "Deutsch lernen",
		"position", "1")...)
	if status != http.StatusConflict {
		t.Fatalf("stale save: %d", status)
	}
	mustContain(t, body, `value="Deutsch lernen"`, "Sprache und Kurse", "inzwischen geändert")
	if status, _, _ := fetch(t, ki, "GET", themes+"/"+url.PathEscape("<nope>")); status != http.StatusNotFound {
		t.Errorf("unknown theme: %d", status)
	}
	// Another county starts with the default themes of its own, and its KI
	// does not reach these.
	a.addOtherCounty(t)
	borken := a.signIn(t, "ausschuss-2")
	if status, _, _ := fetch(t, borken, "GET", themes+"/sprache"); status != http.StatusNotFound {
		t.Errorf("other county's KI on the themes: %d", status)
	}
	status, body, _ = fetch(t, borken, "GET", a.URL+"/plaene/integrationskonzept-kreis-borken/angebotsthemen")
	if status != http.StatusOK || strings.Contains(body, "Sprache und Kurse") || !strings.Contains(body, ">Sprache<") {
		t.Errorf("other county's themes: %d, its own defaults: %v", status, strings.Contains(body, ">Sprache<"))
	}
}

// TestDemoOffersUseTheCountysThemes: the demo data's offers are filed under
// themes the county has, each shown by its name.
func TestDemoOffersUseTheCountysThemes(t *testing.T) {
	a := newApp(t)
	a.seedOffers(t)
	offers, err := a.DB.FindOpenOffers(context.Background(), 0, nil, 1000)
	if err != nil || len(offers) < 50 {
		t.Fatalf("%d demo offers: %v", len(offers), err)
	}
	for _, o := range offers {
		if len(o.Categories) == 0 || len(o.CategoryNames) != len(o.Categories) {
			t.Errorf("%q: themes %v, named %v", o.Title, o.Categories, o.CategoryNames)
		}
	}
}
