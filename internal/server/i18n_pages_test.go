package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/seed"
	"github.com/planwerk/planwerk/internal/server"
	"github.com/planwerk/planwerk/internal/testdb"
	"github.com/planwerk/planwerk/web"
)

// bilingualPage is one page checked in both languages: strings each language must
// show, and strings of the other language it must not.
type bilingualPage struct {
	path       string
	status     int
	de, en     []string
	notInEn    []string
	notInDe    []string
	deRe, enRe []*regexp.Regexp
}

// checkBothLanguages fetches every page in German (the default), switches
// the client to English with the header's switch and fetches them again.
func checkBothLanguages(t *testing.T, a *app, c *http.Client, pages []bilingualPage) {
	t.Helper()
	get := func(p bilingualPage, lang string) string {
		t.Helper()
		status, body, _ := fetch(t, c, http.MethodGet, a.URL+p.path)
		want := p.status
		if want == 0 {
			want = http.StatusOK
		}
		if status != want {
			t.Fatalf("%s GET %s = %d, want %d", lang, p.path, status, want)
		}
		if !strings.Contains(body, `<html lang="`+lang+`">`) {
			t.Errorf("%s: <html lang=%q> missing", p.path, lang)
		}
		return body
	}
	for _, p := range pages {
		body := get(p, "de")
		t.Run("de"+p.path, func(t *testing.T) {
			mustContain(t, body, p.de...)
			mustLackOtherLanguage(t, body, p.notInDe...)
			mustMatchEach(t, body, p.deRe...)
		})
	}
	status, _, h := fetch(t, c, http.MethodPost, a.URL+"/sprache", "lang=en", "next=%2F")
	if status != http.StatusSeeOther {
		t.Fatalf("POST /sprache = %d, %v", status, h)
	}
	for _, p := range pages {
		body := get(p, "en")
		t.Run("en"+p.path, func(t *testing.T) {
			mustContain(t, body, p.en...)
			mustLackOtherLanguage(t, body, p.notInEn...)
			mustMatchEach(t, body, p.enRe...)
		})
	}
}

func mustLackOtherLanguage(t *testing.T, body string, unwanted ...string) {
	t.Helper()
	for _, u := range unwanted {
		if strings.Contains(body, u) {
			t.Errorf("page contains %q, which belongs to the other language", u)
		}
	}
}

func mustMatchEach(t *testing.T, body string, res ...*regexp.Regexp) {
	t.Helper()
	for _, re := range res {
		if !re.MatchString(body) {
			t.Errorf("page does not match %s", re)
		}
	}
}

// germanDateRe and englishDateRe find a date in either form anywhere.
var (
	germanDateRe  = regexp.MustCompile(`\b\d{2}\.\d{2}\.\d{4}\b`)
	englishDateRe = regexp.MustCompile(`\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b`)
)

// datedImplementation finds a measure with an implementation that is
// relevant, has a due date and a progress between 1 and 99 %, so its page
// shows a date and a percentage.
func datedImplementation(t *testing.T, db *postgres.DB) (domain.MeasureContext, domain.MunicipalImplementation) {
	t.Helper()
	ctx := context.Background()
	plan, err := db.FindPlanBySlug(ctx, seed.ConceptSlug)
	if err != nil {
		t.Fatal(err)
	}
	fields, err := db.FindCatalogue(ctx, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fields {
		for _, g := range f.Goals {
			for _, m := range g.Measures {
				mc, impls, err := db.FindMeasurePage(ctx, plan.ID, m.ID)
				if err != nil {
					t.Fatal(err)
				}
				for _, i := range impls {
					if i.Relevance == domain.RelevanceRelevant && !i.Continuous && i.DueOn != nil &&
						i.Progress > 0 && i.Progress < 100 && len(impls) > 1 {
						return mc, i
					}
				}
			}
		}
	}
	t.Fatal("the demo data has no relevant implementation with a due date and a progress")
	return domain.MeasureContext{}, domain.MunicipalImplementation{}
}

func TestPagesInGermanAndEnglish(t *testing.T) {
	a := newApp(t)
	m, impl := datedImplementation(t, a.DB)
	due := *impl.DueOn
	measurePath := fmt.Sprintf(demoPlan+"/massnahmen/%d", m.ID)
	pct := impl.Progress

	ki := a.signIn(t, "ki-1")
	checkBothLanguages(t, a, ki, []bilingualPage{{
		path:    "/plaene",
		de:      []string{"<title>Aktionspläne – Planwerk", "Integrationskonzept Kreis Coesfeld", "beschlossen am 27.03.2025"},
		en:      []string{"<title>Action plans – Planwerk", "The action plans you take part in", "adopted on 27 Mar 2025"},
		notInEn: []string{"Aktionspläne", "beschlossen am"},
		notInDe: []string{"Action plans", "adopted on"},
	}, {
		path:    "/neu",
		de:      []string{"<title>Neu für Sie – Planwerk", "Zurzeit gibt es nichts Neues für Sie."},
		en:      []string{"<title>New for you – Planwerk", "There is nothing new for you at the moment."},
		notInEn: []string{"Neu für Sie", "nichts Neues"},
		notInDe: []string{"New for you"},
	}, {
		path: demoPlan,
		de: []string{"Stand der Umsetzung in allen Kommunen", "beschlossen am 27.03.2025", ">Träger<",
			"Kommunen</td>", "<title>" + seed.CoesfeldConcept().Title},
		en: []string{"Progress in all municipalities", "adopted on 27 Mar 2025", ">Responsible<", "Action fields",
			"Municipalities</td>", "in progress"},
		notInEn: []string{"Stand der Umsetzung", "beschlossen am", ">Träger<", "27.03.2025", "Handlungsfeldern",
			"Maßnahmen in", ">Nr.<"},
		notInDe: []string{"adopted on", "27 Mar 2025", "action fields"},
		deRe:    []*regexp.Regexp{regexp.MustCompile(`\d{2,} Maßnahmen in \d+ Handlungsfeldern`)},
		enRe:    []*regexp.Regexp{regexp.MustCompile(`\d{2,} measures in \d+ action fields`)},
	}, {
		path: measurePath,
		de: []string{"<title>Maßnahme " + m.Code + " – Planwerk", `aria-current="page">Maßnahme ` + m.Code,
			"Umsetzung in den Kommunen", "Letzte Meldung", "Unterstützung durch das KI",
			due.Format("02.01.2006"), fmt.Sprintf("%d\u202f%%", pct)},
		en: []string{"<title>Measure " + m.Code + " – Planwerk", `aria-current="page">Measure ` + m.Code,
			"Implementation in the municipalities", "Last update", "Support from the integration centre",
			due.Format("2 Jan 2006"), fmt.Sprintf(">%d%%<", pct)},
		notInEn: []string{"Maßnahme " + m.Code, "Umsetzung in den Kommunen", "Letzte Meldung", ">Fällig<",
			"Unterstützung durch das KI", due.Format("02.01.2006"), fmt.Sprintf("%d\u202f%%", pct)},
		notInDe: []string{"Measure " + m.Code, "Last update", due.Format("2 Jan 2006"), fmt.Sprintf(">%d%%<", pct)},
		enRe:    []*regexp.Regexp{englishDateRe},
		deRe:    []*regexp.Regexp{germanDateRe},
	}, {
		path:    demoPlan + "/kommunen",
		de:      []string{"<title>Kommunen – Planwerk", "Jede Stadt und Gemeinde prüft", "Dülmen"},
		en:      []string{"<title>Municipalities – Planwerk", "Every town and municipality reviews", "Dülmen"},
		notInEn: []string{"Jede Stadt und Gemeinde", "<title>Kommunen"},
		notInDe: []string{"Every town"},
	}, {
		path: "/barrierefreiheit",
		de: []string{"<title>Erklärung zur Barrierefreiheit – Planwerk", "Schlichtungsverfahren",
			"wenden Sie sich bitte an Kreis Test"},
		en: []string{"<title>Accessibility statement – Planwerk", "Enforcement procedure", "Reporting barriers",
			"please contact Kreis Test", "BITV 2.0", "within two weeks"},
		notInEn: []string{"Erklärung zur Barrierefreiheit", "Schlichtungsverfahren", "Barrieren melden", "Betreiber"},
		notInDe: []string{"Accessibility statement", "Enforcement procedure"},
	}})

	// English stays chosen for the next page, too: the cookie remembers it.
	_, body, _ := fetch(t, ki, http.MethodGet, a.URL+demoPlan+"/kommunen")
	mustContain(t, body, `<html lang="en">`)
}

func TestUserAdministrationInGermanAndEnglish(t *testing.T) {
	a := newApp(t)
	admin := a.signIn(t, "admin")
	lastLoginDe := regexp.MustCompile(`\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} Uhr`)
	lastLoginEn := regexp.MustCompile(`\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}<`)
	checkBothLanguages(t, a, admin, []bilingualPage{{
		path: "/verwaltung/benutzer",
		de: []string{"<title>Benutzerverwaltung – Planwerk", "Rolle vergeben", "Letzte Anmeldung", "Entziehen",
			">Kommunales Integrationszentrum</option>", ">nie<"},
		en: []string{"<title>User administration – Planwerk", "Grant role", "Last sign-in", "Revoke",
			">Integration centre (KI)</option>", ">Committee</option>", ">never<"},
		notInEn: []string{"Rolle vergeben", "Letzte Anmeldung", "Entziehen", ">Ausschuss</option>", " Uhr<", ">nie<",
			"Personen und Rollen"},
		notInDe: []string{"Grant role", "Revoke", ">Committee</option>"},
		deRe:    []*regexp.Regexp{lastLoginDe},
		enRe:    []*regexp.Regexp{lastLoginEn},
	}})

	// Messages after a change and refusals are English, too.
	status, body, _ := fetch(t, admin, http.MethodPost, a.URL+"/verwaltung/mitgliedschaften", "user_id=x", "role=ki", "organisation_id=1")
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("grant without a person = %d", status)
	}
	mustContain(t, body, "Please choose a person, an organisation and a role.")

	accounts, err := a.DB.FindAccounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var held domain.Membership
	for _, acc := range accounts {
		for _, m := range acc.Memberships {
			if m.Role == domain.RoleKI {
				held = m
			}
		}
	}
	if held.ID == 0 {
		t.Fatal("no KI membership in the demo data")
	}
	grant := []string{fmt.Sprintf("user_id=%d", held.UserID), "role=ki", fmt.Sprintf("organisation_id=%d", held.OrganisationID)}
	status, body, _ = fetch(t, admin, http.MethodPost, a.URL+"/verwaltung/mitgliedschaften", grant...)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("granting a role twice = %d", status)
	}
	mustContain(t, body, "This person already has this role in this organisation.")
	mustLackOtherLanguage(t, body, "existiert bereits")

	status, _, h := fetch(t, admin, http.MethodPost, a.URL+fmt.Sprintf("/verwaltung/mitgliedschaften/%d/entziehen", held.ID))
	if status != http.StatusSeeOther {
		t.Fatalf("revoke = %d", status)
	}
	_, body, _ = fetch(t, admin, http.MethodGet, a.URL+h.Get("Location"))
	mustContain(t, body, "The role has been revoked.")
	status, body, _ = fetch(t, admin, http.MethodPost, a.URL+fmt.Sprintf("/verwaltung/mitgliedschaften/%d/entziehen", held.ID))
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("revoking a revoked role = %d", status)
	}
	mustContain(t, body, "This role does not exist (any more)")
	status, _, h = fetch(t, admin, http.MethodPost, a.URL+"/verwaltung/mitgliedschaften", grant...)
	if status != http.StatusSeeOther {
		t.Fatalf("grant = %d", status)
	}
	_, body, _ = fetch(t, admin, http.MethodGet, a.URL+h.Get("Location"))
	mustContain(t, body, "The role has been granted.")

	// And German again after switching back.
	fetch(t, admin, http.MethodPost, a.URL+"/sprache", "lang=de", "next=%2F")
	_, body, _ = fetch(t, admin, http.MethodGet, a.URL+h.Get("Location"))
	mustContain(t, body, "Die Rolle wurde vergeben.")
}

// A signed-in person without any role sees the "no access yet" page in the
// chosen language.
func TestNoAccessPageInGermanAndEnglish(t *testing.T) {
	a := newApp(t)
	c := a.signIn(t, "ausschuss-2")
	ctx := context.Background()
	accounts, err := a.DB.FindAccounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	revoked := 0
	for _, acc := range accounts {
		if acc.Subject == "demo-ausschuss-2" {
			for _, m := range acc.Memberships {
				if err := a.DB.RevokeMembership(ctx, nil, m.ID); err != nil {
					t.Fatal(err)
				}
				revoked++
			}
		}
	}
	if revoked == 0 {
		t.Fatal("ausschuss-2 had no membership to revoke")
	}
	checkBothLanguages(t, a, c, []bilingualPage{{
		path: demoPlan + "/kommunen", status: http.StatusForbidden,
		de:      []string{`<h1 class="kern-title">Noch kein Zugang`, "haben in Planwerk aber noch keine Rolle", "demo-ausschuss-2", "Kreis Test"},
		en:      []string{`<h1 class="kern-title">No access yet`, "but do not have a role in Planwerk yet", "demo-ausschuss-2", "Kreis Test"},
		notInEn: []string{`<h1 class="kern-title">Noch kein Zugang`, "noch keine Rolle", "Anmeldekennung"},
		notInDe: []string{"No access yet", "sign-in ID"},
	}})
}

// Before any plan exists the start page says so, in either language.
func TestNoPlanPageInGermanAndEnglish(t *testing.T) {
	ctx := context.Background()
	pool := testdb.New(t)
	for _, o := range seed.Organisations() {
		if _, err := pool.Exec(ctx, `INSERT INTO organisations (slug, name, kind, parent_id)
			VALUES ($1, $2, $3, (SELECT id FROM organisations WHERE slug = $4))`, o.Slug, o.Name, o.Kind, o.ParentSlug); err != nil {
			t.Fatal(err)
		}
	}
	db := postgres.NewDB(pool)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	a := &app{URL: "http://" + ln.Addr().String(), DB: db}
	a.IdP = startIdP(t, a.URL)
	if err := db.EnsureDemoAccounts(ctx, a.IdP.Issuer(), demoAccounts()); err != nil {
		t.Fatal(err)
	}
	a.Server = newServer(t, db, a.IdP.Issuer(), a.URL)
	hs := &httptest.Server{Listener: ln, Config: &http.Server{Handler: a.Server}}
	hs.Start()
	t.Cleanup(hs.Close)

	checkBothLanguages(t, a, a.signIn(t, "ki-1"), []bilingualPage{{
		path:    "/",
		de:      []string{"<title>Noch kein Aktionsplan – Planwerk", "Für eine Vorführung laden Sie die Beispieldaten", "planwerk seed --demo"},
		en:      []string{"<title>No action plan yet – Planwerk", "load the sample data with", "planwerk seed --demo"},
		notInEn: []string{"Noch kein Aktionsplan", "Vorführung"},
		notInDe: []string{"No action plan yet"},
	}})
}

// pluralUse finds counted messages in templates: {{$.N "id" count}}.
var pluralUse = regexp.MustCompile(`\.N "([A-Za-z0-9_.]+)"`)

// TestEveryCountedMessageHasBothForms: a message used with a count has a
// "one" and an "other" form in every language, and the forms read right.
func TestEveryCountedMessageHasBothForms(t *testing.T) {
	byLang := map[string]map[string]any{"de": server.LocaleMessages(t, "de"), "en": server.LocaleMessages(t, "en")}
	templates, _ := fs.Glob(web.Templates, "templates/*.html")
	used := 0
	for _, f := range templates {
		b, _ := fs.ReadFile(web.Templates, f)
		for _, m := range pluralUse.FindAllStringSubmatch(string(b), -1) {
			used++
			for lang, msgs := range byLang {
				forms, ok := msgs[m[1]].(map[string]any)
				if !ok {
					t.Errorf("%s counts with %q, which has no plural forms in %s", f, m[1], lang)
					continue
				}
				for _, form := range []string{"one", "other"} {
					if s, _ := forms[form].(string); s == "" {
						t.Errorf("%q lacks the %q form in %s", m[1], form, lang)
					}
				}
			}
		}
	}
	if used == 0 {
		t.Fatal("no counted message found in the templates: the pattern no longer matches")
	}

	// The message files as the server loads them choose the right form.
	bundle := i18n.NewBundle(language.German)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	files, _ := fs.Glob(web.Locales, "locales/*.json")
	for _, f := range files {
		if _, err := bundle.LoadMessageFileFS(web.Locales, f); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		lang  string
		count int
		want  string
	}{{"de", 1, "1 Maßnahme"}, {"de", 66, "66 Maßnahmen"}, {"en", 1, "1 measure"}, {"en", 66, "66 measures"},
		{"de", 1, "1 Handlungsfeld"}, {"en", 4, "4 action fields"}} {
		id := "overview.measures"
		if strings.Contains(c.want, "feld") || strings.Contains(c.want, "field") {
			id = "overview.inFields"
		}
		got, err := i18n.NewLocalizer(bundle, c.lang).Localize(&i18n.LocalizeConfig{MessageID: id, PluralCount: c.count,
			TemplateData: map[string]any{"Count": c.count}})
		if err != nil || got != c.want {
			t.Errorf("%s %s(%d) = %q, %v; want %q", c.lang, id, c.count, got, err, c.want)
		}
	}
}
