package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/seed"
)

// TestAPICoordinatorsWeek drives a coordinator's weekly work through the API
// (list, read, update with If-Match, a stale update, a progress report),
// then makes the same change through the pages: both write the same audit
// events, the API's naming the token.
func TestAPICoordinatorsWeek(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t) // Dülmen: in progress at 20 %
	tok := a.newToken(t, "duelmen")
	town := "/api/v1/plans/" + seed.ConceptSlug + "/municipalities/duelmen/implementations"
	item := fmt.Sprintf("%s/%d", town, tr.impl.ID)

	status, body, _ := a.apiCall(t, tok, http.MethodGet, town+"?status=in_progress&limit=500", "")
	if status != http.StatusOK || !strings.Contains(body, fmt.Sprintf(`"id":%d,`, tr.impl.ID)) {
		t.Fatalf("list = %d, lacks %d: %.300s", status, tr.impl.ID, body)
	}
	status, _, hdr := a.apiCall(t, tok, http.MethodGet, item, "")
	etag := hdr.Get("ETag")
	if status != http.StatusOK || etag != fmt.Sprintf(`"%d"`, tr.impl.Version) {
		t.Fatalf("read = %d, ETag %q, want version %d", status, etag, tr.impl.Version)
	}
	status, body, hdr = a.apiCall(t, tok, http.MethodPatch, item, `{"progress": 40}`, "If-Match", etag)
	if status != http.StatusOK || hdr.Get("ETag") == etag || !strings.Contains(body, `"progress":40`) {
		t.Fatalf("update = %d, ETag %q: %s", status, hdr.Get("ETag"), body)
	}
	status, body, hdr = a.apiCall(t, tok, http.MethodPatch, item, `{"progress": 60}`, "If-Match", etag)
	p := mustProblem(t, status, body, hdr, http.StatusPreconditionFailed)
	var current struct{ Progress, Version int }
	if err := json.Unmarshal(p.Current, &current); err != nil || current.Progress != 40 || current.Version != tr.impl.Version+1 {
		t.Fatalf("412 lacks the current representation: %s", body)
	}
	status, body, hdr = a.apiCall(t, tok, http.MethodPatch, item, `{"progress": 60}`)
	mustProblem(t, status, body, hdr, http.StatusPreconditionRequired)
	status, body, _ = a.apiCall(t, tok, http.MethodPost, item+"/progress-reports",
		`{"reported_on": "2026-11-24", "body": "Sprachcafé läuft"}`)
	if status != http.StatusCreated || !strings.Contains(body, `"progress":40`) {
		t.Fatalf("progress report = %d: %s", status, body)
	}
	if got := a.current(t, tr); got.Progress != 40 {
		t.Fatalf("stored progress %d after the stale update, want 40", got.Progress)
	}

	// The same change through the pages, from the same starting point.
	ctx := context.Background()
	back, err := a.DB.UpdateImplementation(ctx, a.key(t, tr.org.ID, tr.impl.ID), tr.impl.Version+1, nil,
		func(i domain.Implementation) (domain.Implementation, error) { i.Progress = 20; return i, nil })
	if err != nil {
		t.Fatal(err)
	}
	duelmen := a.signIn(t, "duelmen")
	// "Sachstand melden" saves progress and report in one step, with the
	// events of the two saves.
	if status, _, _ := fetch(t, duelmen, http.MethodPost, a.URL+tr.path+"/sachstand", statusReportForm(back,
		"progress=40", "reported_on=2026-11-24", "report_body=Sprachcafé läuft")...); status != http.StatusSeeOther {
		t.Fatalf("page report = %d", status)
	}
	compareAuditTrails(t, a, tr, tok)
}

// compareAuditTrails checks that the API's writes (found by their token)
// and the pages' writes made the same events: entity, action, actor and
// changes, in the same order.
func compareAuditTrails(t *testing.T, a *app, tr tracked, token string) {
	t.Helper()
	ctx := context.Background()
	toks, err := a.DB.FindAPITokens(ctx, a.userID(t, "demo-duelmen"))
	if err != nil || len(toks) != 1 {
		t.Fatalf("tokens of Dülmen: %v, %v", toks, err)
	}
	viaAPI, err := a.DB.FindAuditEventsOfToken(ctx, toks[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var apiWrites []domain.AuditEvent
	fromAPI := map[int64]bool{}
	for _, e := range viaAPI {
		fromAPI[e.ID] = true
		if e.Entity != "api_token" {
			apiWrites = append(apiWrites, e)
		}
	}
	history := a.records(t, tr).History // newest first
	var pageWrites []domain.AuditEvent
	for i := len(history) - 1; i >= 0; i-- {
		e := history[i]
		if !fromAPI[e.ID] && e.ActorID != nil && e.OccurredAt.After(viaAPI[0].OccurredAt) {
			pageWrites = append(pageWrites, e)
		}
	}
	if len(apiWrites) != 2 || len(pageWrites) != 2 {
		t.Fatalf("writes: API %d, pages %d, want 2 each (update, report)", len(apiWrites), len(pageWrites))
	}
	for i := range apiWrites {
		x, y := apiWrites[i], pageWrites[i]
		if x.Entity != y.Entity || x.Action != y.Action || *x.ActorID != *y.ActorID || !reflect.DeepEqual(normal(x.Changes), normal(y.Changes)) {
			t.Errorf("API event %+v\n  page event %+v", x, y)
		}
	}
}

// normal drops what differs between two equal writes (the report's id).
func normal(c map[string]domain.Change) string {
	b, _ := json.Marshal(c)
	return string(b)
}
