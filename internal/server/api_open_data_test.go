package server_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

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
