package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/api"
	"github.com/planwerk/planwerk/internal/seed"
)

var statusPath = api.Base + "/public/plans/" + seed.ConceptSlug + "/status"

// TestOpenPlanStatusAPI: a published plan's status as JSON without a token,
// valid against the OpenAPI document, paged by cursor so that every measure
// comes exactly once, with each town's state (published per town), CORS,
// Cache-Control and an ETag that answers 304.
func TestOpenPlanStatusAPI(t *testing.T) {
	a := newApp(t)
	conn := publishDemoPlan(t, a, true)
	v := openAPIValidator(t, a)
	status, body, h := validGet(t, a, v, api.Base+"/public/plans")
	var list api.OpenPlans
	if status != http.StatusOK || json.Unmarshal([]byte(body), &list) != nil || len(list.Plans) != 1 {
		t.Fatalf("plans: %d %s", status, body)
	}
	if p := list.Plans[0]; p.Slug != seed.ConceptSlug || !p.PerTown || p.Links.Status != statusPath ||
		p.Links.CSV != "/offene-daten/plaene/"+seed.ConceptSlug+"/stand.csv" || list.Licence != api.DefaultLicence {
		t.Errorf("plan in the list: %+v", list)
	}
	seen := map[int64]int{}
	cursor, pages, withTowns := "", 0, 0
	for {
		status, body, h = validGet(t, a, v, statusPath+"?limit=7&cursor="+cursor)
		if status != http.StatusOK {
			t.Fatalf("page %d: %d %s", pages, status, body)
		}
		if h.Get("Access-Control-Allow-Origin") != "*" || h.Get("Cache-Control") != "public, max-age=300" || h.Get("ETag") == "" {
			t.Errorf("headers %v", h)
		}
		var page api.OpenPlanStatus
		if err := json.Unmarshal([]byte(body), &page); err != nil {
			t.Fatal(err)
		}
		if page.Licence != api.DefaultLicence || page.Plan.Slug != seed.ConceptSlug || page.Total.Open+page.Total.Planned == 0 {
			t.Errorf("page head: licence %q, plan %q, total %+v", page.Licence, page.Plan.Slug, page.Total)
		}
		for _, m := range page.Measures {
			seen[m.ID]++
			if len(m.Towns) > 0 {
				withTowns++
				if m.Towns[0].Name == "" || m.Towns[0].Relevance == "" {
					t.Errorf("town state %+v", m.Towns[0])
				}
			}
		}
		pages++
		if page.NextCursor == "" || pages > 100 {
			break
		}
		cursor = page.NextCursor
	}
	want := sharedMeasures(t, conn)
	for id, n := range seen {
		if n != 1 {
			t.Errorf("measure %d on %d pages", id, n)
		}
	}
	if len(seen) != want || pages != (want+6)/7 || withTowns == 0 {
		t.Errorf("%d measures on %d pages (%d with towns), want %d on %d", len(seen), pages, withTowns, want, (want+6)/7)
	}
	_, _, h = a.apiCall(t, "", "GET", statusPath, "")
	if status, _, _ := a.apiCall(t, "", "GET", statusPath, "", "If-None-Match", h.Get("ETag")); status != http.StatusNotModified {
		t.Errorf("revalidation: %d, want 304", status)
	}
}

// TestOpenPlanStatusModifiedSince: modified_since keeps the measures whose
// catalogue entry or a town's state changed since; an internal edit (a
// contact) is no change of the public data.
func TestOpenPlanStatusModifiedSince(t *testing.T) {
	a := newApp(t)
	conn := publishDemoPlan(t, a, false)
	ctx := context.Background()
	var since time.Time
	if err := conn.QueryRow(ctx, `SELECT now()`).Scan(&since); err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Millisecond) // the changes below happen strictly after since
	var stateID, goalMeasures int64
	for _, sql := range []string{
		// A town decides on a measure: its state changes.
		`UPDATE implementations SET relevance = 'relevant', status = 'planned', relevance_decided_on = current_date
		 WHERE id = (SELECT min(i.id)
		 FROM implementations i JOIN measures m ON m.id = i.measure_id WHERE m.scope = 'municipal' AND i.relevance = 'open')`,
		// Internal only: contacts and notes are not public.
		`UPDATE implementations SET contact = 'neu@example.org', status_note = 'intern'`,
	} {
		if _, err := conn.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	err := conn.QueryRow(ctx, `SELECT m.id FROM measures m WHERE m.state_changed_at > $1`, since).Scan(&stateID)
	if err != nil {
		t.Fatalf("exactly one measure's state changed: %v", err)
	}
	sinceParam := since.UTC().Format(time.RFC3339Nano)
	ids := func() map[int64]bool {
		t.Helper()
		status, body, _ := a.apiCall(t, "", "GET", statusPath+"?limit=500&modified_since="+sinceParam, "")
		var page api.OpenPlanStatus
		if status != http.StatusOK || json.Unmarshal([]byte(body), &page) != nil {
			t.Fatalf("%d %s", status, body)
		}
		out := map[int64]bool{}
		for _, m := range page.Measures {
			out[m.ID] = true
		}
		return out
	}
	if got := ids(); len(got) != 1 || !got[stateID] {
		t.Errorf("changed since: %v, want only measure %d", got, stateID)
	}
	// The KI renames a goal (the catalogue editor's audit event): its measures changed.
	_, err = conn.Exec(ctx, `INSERT INTO audit_events (organisation_id, entity, entity_id, action, changes, plan_id)
		SELECT p.owner_id, 'goal', g.id, 'update', '{"title": {"old": "a", "new": "b"}}', p.id
		FROM goals g JOIN plans p ON p.id = g.plan_id WHERE g.id = (SELECT max(goal_id) FROM measures WHERE plan_id = p.id)`)
	if err != nil {
		t.Fatal(err)
	}
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM measures WHERE goal_id = (SELECT max(goal_id) FROM measures
		WHERE plan_id = (SELECT id FROM plans WHERE slug = $1)) AND id <> $2`, seed.ConceptSlug, stateID).Scan(&goalMeasures); err != nil {
		t.Fatal(err)
	}
	if got := ids(); int64(len(got)) != goalMeasures+1 || !got[stateID] {
		t.Errorf("after a goal's change: %d measures, want %d", len(got), goalMeasures+1)
	}
	for _, bad := range []string{"?modified_since=gestern", "?cursor=abc", "?cursor=-1", "?limit=0", "?limit=9999"} {
		if status, body, _ := a.apiCall(t, "", "GET", statusPath+bad, ""); status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422: %s", bad, status, body)
		}
	}
}
