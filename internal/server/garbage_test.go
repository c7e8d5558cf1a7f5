package server_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// garbage is input no form would send: oversized, malformed UTF-8, markup,
// SQL, negative and huge numbers, control characters.
var garbage = []string{
	strings.Repeat("x", 20000), "\xff\xfe\xfd", "<script>alert(1)</script>", "'; DROP TABLE implementations; --",
	"-1", "99999999999999999999999", "0", "1e9", "\x00\x01", "%", "",
}

// TestGarbageNeverAnswers500 sends garbage in every form field and query
// parameter any route reads, as the KI (who may use nearly every route) and
// as a coordinator: whatever comes back, it is never a server error.
func TestGarbageNeverAnswers500(t *testing.T) {
	a := newApp(t)
	ids := a.pathValues(t)
	fields := []string{"version", "relevance", "relevance_note", "status", "status_note", "progress",
		"responsible_org", "contact", "contact_type", "contact_consent", "start_on", "due_on", "continuous",
		"reported_on", "body", "title", "description", "goal_id", "support_request", "decision", "reason",
		"measure_id", "user_id", "organisation_id", "role", "umsetzung", "lang", "next", "done", "zurueck",
		"handlungsfeld", "ziel", "relevanz", "unterstuetzung", "ueberfaellig", "ohne_meldung", "sortierung",
		"ansicht", "kommune", "stand", "state",
		// Monitoring, reporting rounds, committee reports, postponements.
		"due_reason", "committee", "meeting_on", "period_from", "period_to", "introduction", "org", "scope",
		"confirm", "deadline", "vergleich", "eingefroren", "gespeichert", "verschoben", "narrative_1"}
	// Report and round routes read their fields only for a record that
	// exists: besides the unknown id, send the garbage to a draft, a frozen
	// report and the open round.
	round := a.seedReporting(t) // first: it seeds nothing into a plan that has reports
	reports := a.addReports(t)
	real := strings.NewReplacer("/berichtsrunden/999999", fmt.Sprintf("/berichtsrunden/%d", round.ID))
	for _, user := range []string{"ki-1", "duelmen"} {
		client := a.signIn(t, user)
		for _, rt := range a.Server.Routes() {
			if rt.Path == "/abmelden" || rt.Path == "/anmelden/callback" || strings.HasPrefix(rt.Path, "/static") {
				continue
			}
			for _, g := range garbage {
				values := url.Values{}
				for _, f := range fields {
					values.Set(f, g)
				}
				path := ids.fill(rt.Path, "duelmen")
				paths := []string{path}
				if strings.Contains(path, "/berichte/999999") {
					for _, id := range []int64{reports.draft, reports.spring} {
						paths = append(paths, strings.Replace(path, "999999", fmt.Sprint(id), 1))
					}
				}
				if p := real.Replace(path); p != path {
					paths = append(paths, p)
				}
				for _, path := range paths {
					status, _, _ := fetch(t, client, rt.Method, a.URL+path+"?"+values.Encode(), values.Encode())
					if status >= 500 {
						t.Errorf("%s %s as %s with %.20q: %d", rt.Method, path, user, g, status)
					}
				}
			}
		}
	}
}
