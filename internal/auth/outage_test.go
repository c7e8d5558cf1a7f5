package auth_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/auth"
)

// expectUnavailable checks for the clear error page an unreachable provider
// must give, with nobody signed in.
func (h *harness) expectUnavailable(c *http.Client, target string) {
	h.t.Helper()
	status, _, body := h.do(c, "GET", target)
	if status != http.StatusServiceUnavailable || !strings.HasPrefix(body, "unavailable: Der Anmeldedienst ist gerade nicht erreichbar") {
		h.t.Errorf("GET %s = %d %q, want 503 with the German message", target, status, body)
	}
	if h.me(c) != 0 {
		h.t.Error("signed in while the provider is down")
	}
}

func TestProviderDownAtStartGivesAClearErrorAndRecovers(t *testing.T) {
	// The provider is down before the authenticator is built: New must not
	// need it, and the app must keep answering.
	h := newHarness(t, func(h *harness, _ *auth.Config) { h.idp.Stop() })
	c := h.browser()
	h.expectUnavailable(c, h.app.URL+"/anmelden?next=/")
	h.expectUnavailable(c, h.app.URL+"/anmelden?next=/") // each attempt retries; still down
	h.idp.Start()
	h.signIn(c, "/")
	if h.me(c) == 0 {
		t.Error("sign-in did not recover when the provider came back")
	}
}

func TestProviderDownDuringSignInGivesAClearErrorAndRecovers(t *testing.T) {
	h := newHarness(t, nil)
	c := h.browser()
	callback := h.approve(c, h.startLogin(c, "/"))
	h.idp.Stop() // gone between the approval and the code exchange
	h.expectUnavailable(c, callback)
	h.idp.Start()
	h.signIn(c, "/")
	if h.me(c) == 0 {
		t.Error("sign-in did not recover when the provider came back")
	}
}
