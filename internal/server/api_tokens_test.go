package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestAPITokenLifecycle: a token is shown once, stored only as its hash,
// listed with name and expiry, audited when created, used (once a day) and
// revoked, and refused once revoked. Another user cannot revoke it.
func TestAPITokenLifecycle(t *testing.T) {
	a := newApp(t)
	secret := a.newToken(t, "duelmen")
	ctx := context.Background()
	user := a.userID(t, "demo-duelmen")
	toks, err := a.DB.FindAPITokens(ctx, user)
	if err != nil || len(toks) != 1 || toks[0].Name != "Skript" || !toks[0].ExpiresAt.Equal(today.AddDate(0, 0, 30)) {
		t.Fatalf("tokens = %+v, %v", toks, err)
	}
	tok := toks[0]
	browser := a.signIn(t, "duelmen")
	_, page, hdr := fetch(t, browser, http.MethodGet, a.URL+"/konto/api-zugaenge")
	mustContain(t, page, "Skript", "25.12.2026", "noch nie")
	if strings.Contains(page, secret) || hdr.Get("Cache-Control") != "no-store" {
		t.Fatal("the list shows the secret again, or may be cached")
	}
	// The store finds it by the SHA-256 of its secret (that is all it keeps).
	if found, err := a.DB.UseAPIToken(ctx, hashOf(secret), today, today); err != nil || found.ID != tok.ID {
		t.Fatalf("token by its hash: %+v, %v", found, err)
	}

	for range 2 {
		if status, body, _ := a.apiCall(t, secret, http.MethodGet, "/api/v1/plans", ""); status != http.StatusOK {
			t.Fatalf("GET /plans = %d: %s", status, body)
		}
	}
	// Someone else's attempt to revoke it is not found and changes nothing.
	revoke := fmt.Sprintf("%s/konto/api-zugaenge/%d/widerrufen", a.URL, tok.ID)
	if status, _, _ := fetch(t, a.signIn(t, "olfen"), http.MethodPost, revoke); status != http.StatusNotFound {
		t.Fatalf("another user's revoke = %d, want 404", status)
	}
	if status, _, _ := fetch(t, browser, http.MethodPost, revoke); status != http.StatusSeeOther {
		t.Fatalf("revoke = %d", status)
	}
	status, body, hdr := a.apiCall(t, secret, http.MethodGet, "/api/v1/plans", "")
	mustProblem(t, status, body, hdr, http.StatusUnauthorized)

	events, err := a.DB.FindAuditEventsOfToken(ctx, tok.ID)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
	}
	// Creation, one use event for the day (two requests), revocation.
	if got := strings.Join(actions, ","); got != "create,use,update" {
		t.Fatalf("audit of the token: %s, want create,use,update", got)
	}
}

// TestAPITokenFormRefusesBadInput: a name is required, the validity one of
// those offered; the form comes back with the message beside its field.
func TestAPITokenFormRefusesBadInput(t *testing.T) {
	a := newApp(t)
	browser := a.signIn(t, "duelmen")
	status, body, _ := fetch(t, browser, http.MethodPost, a.URL+"/konto/api-zugaenge", "name=+", "days=30")
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("empty name = %d", status)
	}
	besideField(t, body, "name", "Bitte geben Sie dem Zugang einen Namen.")
	status, body, _ = fetch(t, browser, http.MethodPost, a.URL+"/konto/api-zugaenge", "name=x", "days=9999")
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("validity 9999 = %d", status)
	}
	besideField(t, body, "days", "Bitte wählen Sie eine Gültigkeitsdauer aus.")
}
