package server_test

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/api"
	"github.com/planwerk/planwerk/internal/seed"
)

var (
	planCSV  = "/offene-daten/plaene/" + seed.ConceptSlug + "/stand.csv"
	planDCAT = "/offene-daten/plaene/" + seed.ConceptSlug + "/stand.jsonld"
	catalog  = "/offene-daten/katalog.jsonld"
)

// readExcelCSV reads a CSV as Excel in Germany does: a byte order mark,
// semicolons.
func readExcelCSV(t *testing.T, body string) [][]string {
	t.Helper()
	if !strings.HasPrefix(body, "\ufeff") || !strings.Contains(body, "\r\n") {
		t.Fatal("CSV without byte order mark or CRLF")
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff")))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("CSV as Excel reads it: %v", err)
	}
	return rows
}

// TestOpenPlanCSV: one row per measure with the counts per state and one
// column per town (German headers and labels); a hostile catalogue title
// is no formula.
func TestOpenPlanCSV(t *testing.T) {
	a := newApp(t)
	conn := publishDemoPlan(t, a, true)
	status, body, h := fetch(t, anonymous(), "GET", a.URL+planCSV)
	if status != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") || h.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("CSV: %d %v", status, h)
	}
	rows := readExcelCSV(t, body)
	head := rows[0]
	if len(rows) != sharedMeasures(t, conn)+1 || head[0] != "Handlungsfeld" || head[3] != "Maßnahme" || head[6] != "geplant" ||
		!strings.Contains(head[len(head)-1], "Datenlizenz Deutschland") {
		t.Fatalf("%d rows, header %q", len(rows), head)
	}
	// 5 catalogue columns, 8 states, 11 towns, the licence.
	if len(head) != 5+8+11+1 || head[13] != "Ascheberg" {
		t.Errorf("header %q, want the eleven towns after the states", head)
	}
	hostile, townCells := 0, 0
	for _, row := range rows[1:] {
		for _, cell := range row {
			if cell != "" && strings.ContainsAny(cell[:1], "=+-@") {
				t.Errorf("cell %q would run as a formula", cell)
			}
		}
		if row[3] == "'"+hostileTitle {
			hostile++
		}
		for _, cell := range row[13:24] {
			if cell != "" {
				townCells++
				if !strings.Contains("offen geplant in Umsetzung zurückgestellt umgesetzt entfallen bereits umgesetzt nicht relevant", cell) {
					t.Errorf("town cell %q is no state label", cell)
				}
			}
		}
	}
	if hostile != 1 || townCells == 0 {
		t.Errorf("hostile title defused in %d rows, %d town cells", hostile, townCells)
	}
}

// TestOpenPlanPerTownOff: a plan that publishes no state per town shows no
// town in any of its datasets.
func TestOpenPlanPerTownOff(t *testing.T) {
	a := newApp(t)
	publishDemoPlan(t, a, false)
	_, body, _ := a.apiCall(t, "", "GET", statusPath+"?limit=500", "")
	_, csvBody, _ := fetch(t, anonymous(), "GET", a.URL+planCSV)
	_, list, _ := a.apiCall(t, "", "GET", api.Base+"/public/plans", "")
	for name, b := range map[string]string{"JSON": body, "CSV": csvBody, "list": list} {
		for _, town := range []string{"Dülmen", "duelmen", "Ascheberg", "Olfen", `"towns"`} {
			if strings.Contains(b, town) {
				t.Errorf("%s shows %q though the plan publishes no town", name, town)
			}
		}
	}
	if rows := readExcelCSV(t, csvBody); len(rows[0]) != 5+8+1 {
		t.Errorf("CSV header %q", rows[0])
	}
	if !strings.Contains(list, `"per_town":false`) {
		t.Errorf("list: %s", list)
	}
}

// TestOpenPlanUnpublished: a plan that publishes nothing has no dataset in
// any format and is neither listed nor in the catalog; an unknown plan is
// not found either.
func TestOpenPlanUnpublished(t *testing.T) {
	a := newApp(t)
	for _, slug := range []string{seed.ConceptSlug, "gibt-es-nicht", "%2e%2e", "x'y"} {
		for _, path := range []string{api.Base + "/public/plans/" + slug + "/status",
			"/offene-daten/plaene/" + slug + "/stand.csv", "/offene-daten/plaene/" + slug + "/stand.jsonld"} {
			if status, body, _ := fetch(t, anonymous(), "GET", a.URL+path); status != http.StatusNotFound {
				t.Errorf("%s: %d, want 404: %.200s", path, status, body)
			}
		}
	}
	_, list, _ := a.apiCall(t, "", "GET", api.Base+"/public/plans", "")
	_, cat, _ := fetch(t, anonymous(), "GET", a.URL+catalog)
	if !strings.Contains(list, `"plans":[]`) || strings.Contains(cat, seed.ConceptSlug) || !strings.Contains(cat, "angebote.jsonld") {
		t.Errorf("unpublished plan listed: %s\n%s", list, cat)
	}
}

// TestOpenPlanDCAT: each plan's status is described in DCAT-AP.de with the
// properties a portal needs, and the catalog lists every dataset.
func TestOpenPlanDCAT(t *testing.T) {
	a := newApp(t)
	publishDemoPlan(t, a, true)
	status, body, h := fetch(t, anonymous(), "GET", a.URL+planDCAT)
	var doc map[string]any
	if status != http.StatusOK || h.Get("Content-Type") != "application/ld+json" || json.Unmarshal([]byte(body), &doc) != nil {
		t.Fatalf("DCAT: %d %q %s", status, h.Get("Content-Type"), body)
	}
	checkDCATDataset(t, doc, a.URL+"/plaene/"+seed.ConceptSlug+"/oeffentlich", a.URL+planCSV, a.URL+statusPath)
	status, body, _ = fetch(t, anonymous(), "GET", a.URL+catalog)
	var cat map[string]any
	if status != http.StatusOK || json.Unmarshal([]byte(body), &cat) != nil {
		t.Fatalf("catalog: %d %s", status, body)
	}
	sets, _ := cat["dcat:dataset"].([]any)
	if cat["@type"] != "dcat:Catalog" || cat["dct:title"] == "" || cat["dct:publisher"] == nil || len(sets) != 2 {
		t.Fatalf("catalog: %s", body)
	}
	ids := map[string]bool{}
	for _, s := range sets {
		d, _ := s.(map[string]any)
		ids[d["@id"].(string)] = true
		checkDCATDataset(t, d, "", "", "")
	}
	if !ids[a.URL+planDCAT] || !ids[a.URL+"/offene-daten/angebote.jsonld"] {
		t.Errorf("catalog datasets %v", ids)
	}
}

// checkDCATDataset checks the mandatory and recommended DCAT-AP.de
// properties of a dataset (and its landing page and distributions when given).
func checkDCATDataset(t *testing.T, d map[string]any, landing, csvURL, apiURL string) {
	t.Helper()
	for _, p := range []string{"@id", "dct:title", "dct:description", "dct:publisher", "dct:license", "dct:modified",
		"dcat:landingPage", "dcat:theme", "dcatde:licenseAttributionByText"} {
		if d[p] == nil || d[p] == "" {
			t.Errorf("%v: no %s", d["@id"], p)
		}
	}
	if d["@type"] != "dcat:Dataset" {
		t.Errorf("%v: type %v", d["@id"], d["@type"])
	}
	mod, _ := d["dct:modified"].(map[string]any)
	if _, err := time.Parse(time.RFC3339, mod["@value"].(string)); err != nil {
		t.Errorf("dct:modified %v", mod)
	}
	if lp, _ := d["dcat:landingPage"].(map[string]any); landing != "" && lp["@id"] != landing {
		t.Errorf("landing page %v, want %s", lp, landing)
	}
	dists, _ := d["dcat:distribution"].([]any)
	urls := map[string]bool{}
	for _, x := range dists {
		dist, _ := x.(map[string]any)
		access, _ := dist["dcat:accessURL"].(map[string]any)
		lic, _ := dist["dct:license"].(map[string]any)
		if dist["@type"] != "dcat:Distribution" || access["@id"] == nil || lic["@id"] != "http://dcat-ap.de/def/licenses/dl-by-de/2.0" ||
			dist["dcat:mediaType"] == nil {
			t.Errorf("distribution %v", dist)
		}
		urls[access["@id"].(string)] = true
	}
	if len(dists) != 2 || (csvURL != "" && (!urls[csvURL] || !urls[apiURL])) {
		t.Errorf("distributions %v", urls)
	}
}

// TestOpenPlanDataLeaksNothing: no dataset of the plan shows an internal
// comment, a contact or a coordinator's e-mail address.
func TestOpenPlanDataLeaksNothing(t *testing.T) {
	a := newApp(t)
	publishDemoPlan(t, a, true)
	for _, path := range []string{statusPath + "?limit=500", api.Base + "/public/plans", planCSV, planDCAT, catalog} {
		status, body, _ := fetch(t, anonymous(), "GET", a.URL+path)
		if status != http.StatusOK || len(body) < 200 {
			t.Fatalf("%s: %d %.200s", path, status, body)
		}
		for _, secret := range []string{plantedComment, plantedEmail, plantedContact, "@example.org"} {
			if strings.Contains(body, secret) {
				t.Errorf("%s shows %q", path, secret)
			}
		}
	}
}

// TestOpenPlanDataStatementsConstant: the datasets read the same number of
// statements whatever the number of measures and towns (the DCAT
// descriptions read one, the published plans, too few for queriesOf).
func TestOpenPlanDataStatementsConstant(t *testing.T) {
	a := newApp(t)
	publishDemoPlan(t, a, true)
	jar, _ := cookiejar.New(nil)
	anon := &http.Client{Jar: jar}
	for _, path := range []string{statusPath + "?limit=3", statusPath + "?limit=500", planCSV} {
		if n := queriesOf(t, a, anon, path); n > 10 {
			t.Errorf("%s: %d statements", path, n)
		}
	}
	small, large := queriesOf(t, a, anon, statusPath+"?limit=3"), queriesOf(t, a, anon, statusPath+"?limit=500")
	if small != large {
		t.Errorf("a page of 3 measures reads %d statements, all of them %d", small, large)
	}
}

// TestOpenPlanVersions: a superseded version that is published stays open
// data, marked with the published version that replaced it; a draft never
// is, whatever its setting.
func TestOpenPlanVersions(t *testing.T) {
	a := newApp(t)
	publishDemoPlan(t, a, false)
	ki := a.signIn(t, "ki-1")
	startVersion(t, a, ki)
	newSlug := strings.TrimPrefix(newPlan, "/plaene/")
	a.sql(t, `INSERT INTO plan_publications (plan_id, published) SELECT id, true FROM plans WHERE slug = '`+newSlug+`'`)
	draftStatus := api.Base + "/public/plans/" + newSlug + "/status"
	if status, _, _ := a.apiCall(t, "", "GET", draftStatus, ""); status != http.StatusNotFound {
		t.Errorf("a published draft's status: %d, want 404", status)
	}
	for _, page := range []string{"/plaene/" + newSlug + "/oeffentlich", "/offene-daten/plaene/" + newSlug + "/stand.csv",
		"/offene-daten/plaene/" + newSlug + "/stand.jsonld"} {
		if status, _, _ := fetch(t, anonymous(), "GET", a.URL+page); status != http.StatusNotFound {
			t.Errorf("a published draft's %s: %d, want 404", page, status)
		}
	}
	if status, body, _ := fetch(t, ki, "POST", a.URL+demoPlan+"/fortschreibung/beschliessen"); status != http.StatusSeeOther {
		t.Fatalf("adopt: %d %s", status, body)
	}
	_, body, _ := a.apiCall(t, "", "GET", api.Base+"/public/plans", "")
	var list api.OpenPlans
	if err := json.Unmarshal([]byte(body), &list); err != nil || len(list.Plans) != 2 {
		t.Fatalf("plans: %s", body)
	}
	old := list.Plans[1]
	if list.Plans[0].Slug != newSlug || list.Plans[0].State != "adopted" || old.State != "superseded" ||
		old.SupersededBy == nil || old.SupersededBy.Slug != newSlug {
		t.Errorf("versions: %+v", list.Plans)
	}
	if status, _, _ := a.apiCall(t, "", "GET", statusPath, ""); status != http.StatusOK {
		t.Errorf("the superseded version's status: %d", status)
	}
	_, body, _ = fetch(t, anonymous(), "GET", a.URL+planDCAT)
	mustContain(t, body, `"dct:isReplacedBy"`, "/offene-daten/plaene/"+newSlug+"/stand.jsonld")
}
