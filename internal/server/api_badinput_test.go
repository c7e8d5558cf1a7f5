package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/seed"
)

// TestAPIBadInput: every kind of bad request is a problem-details answer
// with its status, never a 500.
func TestAPIBadInput(t *testing.T) {
	a := newApp(t)
	a.addOtherCounty(t)
	tr := a.tracked(t)
	tok := a.newToken(t, "duelmen")
	item := fmt.Sprintf("/api/v1/plans/%s/municipalities/duelmen/implementations/%d", seed.ConceptSlug, tr.impl.ID)
	etag := fmt.Sprintf(`"%d"`, tr.impl.Version)
	olfen := fmt.Sprintf("/api/v1/plans/%s/municipalities/olfen/implementations/%d", seed.ConceptSlug, a.pathValues(t).impl["olfen"])
	expired := a.expiredToken(t)
	cases := []struct {
		name, token, method, path, body string
		headers                         []string
		want                            int
	}{
		{"malformed JSON", tok, http.MethodPatch, item, `{"progress": `, []string{"If-Match", etag}, http.StatusBadRequest},
		{"unknown field", tok, http.MethodPatch, item, `{"progres": 40}`, []string{"If-Match", etag}, http.StatusUnprocessableEntity},
		{"wrong type", tok, http.MethodPatch, item, `{"progress": "viel"}`, []string{"If-Match", etag}, http.StatusUnprocessableEntity},
		{"out of range", tok, http.MethodPatch, item, `{"progress": 400}`, []string{"If-Match", etag}, http.StatusUnprocessableEntity},
		{"refused by the workflow", tok, http.MethodPatch, item, `{"status": "cancelled"}`, []string{"If-Match", etag}, http.StatusUnprocessableEntity},
		{"control character", tok, http.MethodPatch, item, `{"responsible_org": "Amt\u0000 50"}`, []string{"If-Match", etag}, http.StatusUnprocessableEntity},
		{"control character in a report", tok, http.MethodPost, item + "/progress-reports", `{"reported_on": "2026-11-24", "body": "x\u0007"}`, nil, http.StatusUnprocessableEntity},
		{"bad date", tok, http.MethodPost, item + "/progress-reports", `{"reported_on": "gestern", "body": "x"}`, nil, http.StatusUnprocessableEntity},
		{"oversized body", tok, http.MethodPatch, item, `{"relevance_note": "` + strings.Repeat("x", 300<<10) + `"}`, []string{"If-Match", etag}, http.StatusRequestEntityTooLarge},
		{"unknown query parameter", tok, http.MethodGet, item + "?foo=1", "", nil, http.StatusUnprocessableEntity},
		{"bad cursor", tok, http.MethodGet, "/api/v1/plans/" + seed.ConceptSlug + "/municipalities/duelmen/implementations?cursor=xyz", "", nil, http.StatusUnprocessableEntity},
		{"missing token", "", http.MethodGet, item, "", nil, http.StatusUnauthorized},
		{"unknown token", "pw_" + strings.Repeat("A", 43), http.MethodGet, item, "", nil, http.StatusUnauthorized},
		{"expired token", expired, http.MethodGet, "/api/v1/plans", "", nil, http.StatusUnauthorized},
		{"other town: readable, not changeable", tok, http.MethodPatch, olfen, `{"progress": 40}`, []string{"If-Match", `"1"`}, http.StatusForbidden},
		{"other county: not visible", tok, http.MethodGet, "/api/v1/plans/integrationskonzept-kreis-borken", "", nil, http.StatusNotFound},
		{"unknown route", tok, http.MethodGet, "/api/v1/nichts", "", nil, http.StatusNotFound},
		{"wrong method", tok, http.MethodDelete, item, "", nil, http.StatusMethodNotAllowed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body, hdr := a.apiCall(t, c.token, c.method, c.path, c.body, c.headers...)
			mustProblem(t, status, body, hdr, c.want)
		})
	}
	if got := a.current(t, tr); got.Version != tr.impl.Version {
		t.Errorf("a refused request changed the implementation (version %d → %d)", tr.impl.Version, got.Version)
	}
	// A refusal says what the page says, from the same message files.
	_, body, _ := a.apiCall(t, tok, http.MethodPatch, item, `{"status": "cancelled"}`, "If-Match", etag)
	mustContain(t, body, "Bitte geben Sie einen Grund an")
}

// TestAPIIgnoresCookies: a signed-in browser's session cookie does not
// authenticate the API, and a write from another site is not refused by the
// browsers' CSRF check (the API has no cookies to protect) but by the token.
func TestAPIIgnoresCookies(t *testing.T) {
	a := newApp(t)
	browser := a.signIn(t, "ki-1")
	req, _ := http.NewRequest(http.MethodGet, a.URL+"/api/v1/plans", nil)
	resp, err := browser.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("API with a session cookie = %d, want 401", resp.StatusCode)
	}
	tok := a.newToken(t, "ki-1")
	status, body, _ := a.apiCall(t, tok, http.MethodGet, "/api/v1/plans", "", "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
	if status != http.StatusOK {
		t.Fatalf("cross-site API read with a token = %d: %s", status, body)
	}
}

// expiredToken is a token of ki-1 that expired yesterday (the tests' today).
func (a *app) expiredToken(t *testing.T) string {
	t.Helper()
	secret := "pw_expired" + strings.Repeat("x", 33)
	if _, err := a.DB.CreateAPIToken(t.Context(), a.userID(t, "demo-ki-1"), "alt", hashOf(secret), today.Add(-24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	return secret
}
