package server_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/api"
)

// TestAPIOpenOffers: the public offers as JSON without a token, paged by
// cursor, filtered by modified_since, with licence, CORS, ETag (304) and
// Cache-Control; drafts, archived and ended offers are not in it.
func TestAPIOpenOffers(t *testing.T) {
	a := newApp(t)
	a.seedOffers(t)
	seen := map[string]bool{}
	cursor, pages := "", 0
	for {
		status, body, h := a.apiCall(t, "", "GET", api.Base+"/public/offers?limit=20&cursor="+cursor, "")
		if status != http.StatusOK {
			t.Fatalf("page %d: %d %s", pages, status, body)
		}
		if h.Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(h.Get("Cache-Control"), "max-age") || h.Get("ETag") == "" {
			t.Errorf("headers: CORS %q, Cache-Control %q, ETag %q", h.Get("Access-Control-Allow-Origin"),
				h.Get("Cache-Control"), h.Get("ETag"))
		}
		var page api.OpenOffers
		if err := json.Unmarshal([]byte(body), &page); err != nil {
			t.Fatal(err)
		}
		if page.Licence != api.DefaultLicence {
			t.Errorf("licence %q", page.Licence)
		}
		for _, o := range page.Offers {
			if seen[o.ID] {
				t.Errorf("offer %s on two pages", o.ID)
			}
			seen[o.ID] = true
			if o.Status == "ended" || strings.Contains(o.Title, "Antidiskriminierung") {
				t.Errorf("ended offer %q in open data", o.Title)
			}
			if len(o.CategoryNames) != len(o.Categories) || len(o.Categories) > 0 && o.CategoryNames[0] == o.Categories[0] {
				t.Errorf("%q: themes %v named %v", o.Title, o.Categories, o.CategoryNames)
			}
		}
		pages++
		if page.NextCursor == "" {
			break
		}
		cursor = page.NextCursor
	}
	if len(seen) != 58 || pages != 3 {
		t.Errorf("%d offers on %d pages, want the 58 public ones on 3", len(seen), pages)
	}
	// Revalidation and modified_since.
	status, _, h := a.apiCall(t, "", "GET", api.Base+"/public/offers", "")
	req, _ := http.NewRequest("GET", a.URL+api.Base+"/public/offers", nil)
	req.Header.Set("If-None-Match", h.Get("ETag"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil || status != 200 || resp.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %v, %d", err, resp.StatusCode)
	}
	resp.Body.Close()
	_, body, _ := a.apiCall(t, "", "GET", api.Base+"/public/offers?modified_since=2999-01-01T00:00:00Z", "")
	if !strings.Contains(body, `"offers":[]`) {
		t.Errorf("modified_since in the future: %s", body)
	}
	if status, _, _ := a.apiCall(t, "", "GET", api.Base+"/public/offers?modified_since=gestern", ""); status != http.StatusUnprocessableEntity {
		t.Errorf("bad modified_since: %d, want 422", status)
	}
}

// TestOpenDataDownloads: the CSV opens as Excel in Germany does (BOM,
// semicolons, one row per public offer, formulas defused); the DCAT-AP.de
// description is well-formed JSON-LD naming both distributions and the
// licence.
func TestOpenDataDownloads(t *testing.T) {
	a := newApp(t)
	a.seedOffers(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, a.DBURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `UPDATE offers SET provider = '=HYPERLINK("http://evil.example")'
		WHERE id = (SELECT min(id) FROM offers WHERE state = 'published')`); err != nil {
		t.Fatal(err)
	}
	status, body, h := fetch(t, anonymous(), "GET", a.URL+"/offene-daten/angebote.csv")
	if status != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") || !strings.HasPrefix(body, "\ufeff") {
		t.Fatalf("CSV: %d %q, BOM %v", status, h.Get("Content-Type"), strings.HasPrefix(body, "\ufeff"))
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff")))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("CSV as Excel reads it: %v", err)
	}
	if len(rows) != 59 || rows[0][1] != "Titel" || !strings.Contains(rows[0][len(rows[0])-1], "Datenlizenz Deutschland") {
		t.Errorf("%d rows, header %q", len(rows), rows[0])
	}
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
				t.Errorf("a cell Excel would run as a formula: %q", cell)
			}
		}
	}
	status, body, h = fetch(t, anonymous(), "GET", a.URL+"/offene-daten/angebote.jsonld")
	var doc map[string]any
	if status != http.StatusOK || h.Get("Content-Type") != "application/ld+json" || json.Unmarshal([]byte(body), &doc) != nil {
		t.Fatalf("DCAT: %d %q %s", status, h.Get("Content-Type"), body)
	}
	ctxMap, _ := doc["@context"].(map[string]any)
	dists, _ := doc["dcat:distribution"].([]any)
	if doc["@type"] != "dcat:Dataset" || ctxMap["dcat"] != "http://www.w3.org/ns/dcat#" || len(dists) != 2 {
		t.Errorf("DCAT dataset: %v", doc)
	}
	mustContain(t, body, "http://dcat-ap.de/def/licenses/dl-by-de/2.0", "/offene-daten/angebote.csv", "/api/v1/public/offers")
	// Modified when an offer last changed, not when asked: the same answer
	// (and ETag) until the data changes.
	var latest time.Time
	if err := conn.QueryRow(ctx, `SELECT max(updated_at) FROM offers`).Scan(&latest); err != nil {
		t.Fatal(err)
	}
	modified, _ := doc["dct:modified"].(map[string]any)
	if modified["@value"] != latest.UTC().Format(time.RFC3339) {
		t.Errorf("dct:modified %v, want the latest change %s", modified["@value"], latest.UTC().Format(time.RFC3339))
	}
}
