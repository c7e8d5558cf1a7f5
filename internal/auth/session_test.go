package auth_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/auth"
)

func TestTamperedOrUnknownSessionCookiesCountAsSignedOut(t *testing.T) {
	h := newHarness(t, nil)
	c := h.browser()
	h.signIn(c, "/")
	token := h.sessionCookie(c)
	if h.me(c) == 0 {
		t.Fatal("sign-in failed")
	}
	last := token[len(token)-1]
	flipped := map[bool]string{true: "A", false: "B"}[last != 'A']
	for name, value := range map[string]string{
		"tampered":  token[:len(token)-1] + flipped,
		"unknown":   "q8u2uHTLEGu6mLsKK9S6fW0z5Ec0d6sBDXRPnhzgVNA",
		"garbage":   "x'OR'1'='1",
		"truncated": token[:10],
	} {
		other := h.browser()
		h.setSessionCookie(other, value)
		if h.me(other) != 0 {
			t.Errorf("%s cookie %q signs in", name, value)
		}
	}
	if h.me(c) == 0 {
		t.Error("the genuine cookie stopped working")
	}
}

func TestIdleSessionExpires(t *testing.T) {
	h := newHarness(t, func(_ *harness, c *auth.Config) { c.Idle = time.Second })
	c := h.browser()
	h.signIn(c, "/")
	if h.me(c) == 0 {
		t.Fatal("not signed in right after sign-in")
	}
	time.Sleep(1500 * time.Millisecond) // idle past the timeout
	if h.me(c) != 0 {
		t.Error("still signed in after the idle timeout")
	}
}

func TestSessionEndsAfterItsLifetimeEvenWhenUsed(t *testing.T) {
	h := newHarness(t, func(_ *harness, c *auth.Config) { c.Lifetime = time.Second })
	c := h.browser()
	h.signIn(c, "/")
	if h.me(c) == 0 {
		t.Fatal("not signed in right after sign-in")
	}
	time.Sleep(1500 * time.Millisecond) // past the absolute lifetime, well within the idle timeout
	if h.me(c) != 0 {
		t.Error("still signed in after the lifetime")
	}
}

func TestSignOutEndsTheSessionHereAndAtTheProvider(t *testing.T) {
	h := newHarness(t, nil)
	h.idp.SetUser("u-9", "Ausschuss", "", nil)
	c := h.browser()
	h.signIn(c, "/")
	token := h.sessionCookie(c)
	status, loc, _ := h.do(c, "POST", h.app.URL+"/abmelden")
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, h.idp.EndSessionURL()+"?") {
		t.Fatalf("POST /abmelden = %d %q, want a redirect to the provider's end_session_endpoint", status, loc)
	}
	u, _ := url.Parse(loc)
	q := u.Query()
	if q.Get("id_token_hint") != h.idp.LastIDToken() || q.Get("post_logout_redirect_uri") != h.app.URL+"/" || q.Get("client_id") == "" {
		t.Errorf("end-session query = %v", q)
	}
	if h.me(c) != 0 {
		t.Error("still signed in after sign-out")
	}
	if n := h.count(`SELECT count(*) FROM sessions WHERE token = $1`, token); n != 0 {
		t.Error("the session is still stored after sign-out")
	}
	old := h.browser()
	h.setSessionCookie(old, token)
	if h.me(old) != 0 {
		t.Error("the old session cookie still signs in")
	}
	// The provider accepts the hint and sends the browser back to the app.
	status, back, _ := h.do(c, "GET", loc)
	if status != http.StatusFound || back != h.app.URL+"/" {
		t.Errorf("provider's logout = %d %q", status, back)
	}
	if got := h.idp.SignedOut(); len(got) != 1 || got[0] != "u-9" {
		t.Errorf("provider signed out %v, want [u-9]", got)
	}
}

func TestSignOutWithoutProviderLogoutReturnsHome(t *testing.T) {
	h := newHarness(t, nil)
	h.idp.DisableEndSession()
	c := h.browser()
	h.signIn(c, "/")
	status, loc, _ := h.do(c, "POST", h.app.URL+"/abmelden")
	if status != http.StatusSeeOther || loc != h.app.URL+"/" {
		t.Errorf("POST /abmelden = %d %q, want a redirect home", status, loc)
	}
	if h.me(c) != 0 {
		t.Error("still signed in after sign-out")
	}
	// Signed out already: sign-out again just goes home.
	if _, loc, _ := h.do(c, "POST", h.app.URL+"/abmelden"); loc != h.app.URL+"/" {
		t.Errorf("second sign-out went to %q", loc)
	}
}

func TestUserIDRefusesASessionOlderThanItsLifetime(t *testing.T) {
	h := newHarness(t, nil)
	c := h.browser()
	h.signIn(c, "/")
	if h.me(c) == 0 {
		t.Fatal("sign-in failed")
	}
	// Should the stored deadline ever be extended, the sign-in time still counts.
	h.offset.Store(int64(13 * time.Hour))
	if h.me(c) != 0 {
		t.Error("signed in 13 hours after signing in, with a 12-hour lifetime")
	}
}
