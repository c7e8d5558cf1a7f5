package server_test

import (
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"
)

// TestPublicTownState: with the plan published per town, each town has a
// public page with its state of every measure it implements, linked from
// the plan's public page; without that choice, or for a town that is not
// the county's, the address does not exist.
func TestPublicTownState(t *testing.T) {
	a := newApp(t)
	publishDemoPlan(t, a, false)
	town := demoPlan + "/oeffentlich/kommunen/duelmen"
	if status, _, _ := fetch(t, anonymous(), "GET", a.URL+town); status != http.StatusNotFound {
		t.Errorf("a town's state of a plan not published per town: %d, want 404", status)
	}
	if _, body, _ := fetch(t, anonymous(), "GET", a.URL+demoPlan+"/oeffentlich"); strings.Contains(body, "/oeffentlich/kommunen/") {
		t.Error("the public page links towns' states that are not published")
	}

	a.sql(t, `UPDATE plan_publications SET per_town = true`)
	a.sql(t, `UPDATE implementations SET contact = 'geheim@example.org', relevance = 'relevant', status = 'in_progress'
		WHERE id = (SELECT i.id FROM implementations i JOIN measures m ON m.id = i.measure_id
		JOIN organisations o ON o.id = i.organisation_id WHERE o.slug = 'duelmen' AND m.code = '1.3.1')`)
	_, page, _ := fetch(t, anonymous(), "GET", a.URL+demoPlan+"/oeffentlich")
	mustContain(t, page, `href="`+town+`"`)
	status, body, _ := fetch(t, anonymous(), "GET", a.URL+town)
	if status != http.StatusOK {
		t.Fatalf("Dülmen's public state: %d", status)
	}
	mustContain(t, body, "Dülmen", "1.3.1", "in Umsetzung", "Stand in Dülmen")
	// The catalogue and this town's states only, not every town's.
	visitor := anonymous()
	visitor.Jar, _ = cookiejar.New(nil)
	if status, n := countQueries(t, a, visitor, town); status != http.StatusOK || n > 5 {
		t.Errorf("a town's public state ran %d statements (status %d), budget 5", n, status)
	}
	if strings.Contains(body, "geheim@example.org") {
		t.Error("a town's public state shows a contact")
	}
	for _, path := range []string{demoPlan + "/oeffentlich/kommunen/kreis-coesfeld", demoPlan + "/oeffentlich/kommunen/bocholt",
		demoPlan + "/oeffentlich/kommunen/%3Cscript%3E"} {
		if status, _, _ := fetch(t, anonymous(), "GET", a.URL+path); status != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, status)
		}
	}
}
