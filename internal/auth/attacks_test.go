package auth_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/auth"
	"github.com/planwerk/planwerk/internal/auth/oidctest"
)

// refused checks that a callback was turned away as invalid, for the reason
// expected, and left nobody signed in.
func (h *harness) refused(c *http.Client, callback, reason string) {
	h.t.Helper()
	h.rejected(c, callback, reason)
	if h.me(c) != 0 {
		h.t.Error("signed in after a refused sign-in")
	}
}

// rejected checks that a callback was turned away as invalid, for the reason
// expected (from the log, which has the real one).
func (h *harness) rejected(c *http.Client, callback, reason string) {
	h.t.Helper()
	mark := h.logs.Len()
	status, _, body := h.do(c, "GET", callback)
	if status != http.StatusBadRequest || !strings.HasPrefix(body, "invalid: Die Anmeldung ist fehlgeschlagen") {
		h.t.Errorf("callback = %d %q, want 400 invalid with the German message", status, body)
	}
	if logged := h.logs.Since(mark); !strings.Contains(logged, "sign-in refused") || !strings.Contains(logged, reason) {
		h.t.Errorf("log %q does not give the reason %q", logged, reason)
	}
}

func TestHostileTokensEndWithoutASession(t *testing.T) {
	h := newHarness(t, nil)
	for _, tc := range []struct {
		name   string
		attack oidctest.Attack
		reason string
	}{
		{"wrong nonce", oidctest.WrongNonce, "nonce does not match"},
		{"expired ID token", oidctest.Expired, "token is expired"},
		{"wrong audience", oidctest.WrongAudience, "expected audience"},
		{"wrong issuer", oidctest.WrongIssuer, "issued by a different provider"},
		{"unsigned (alg none)", oidctest.AlgNone, "unexpected signature algorithm"},
		{"unknown signing key", oidctest.UnknownKey, "failed to verify"},
		{"HS256 keyed with the client secret", oidctest.SecretKeyed, "unexpected signature algorithm"},
		{"userinfo about someone else", oidctest.UserinfoOtherSubject, "userinfo"},
		{"issued 24 hours in the future", oidctest.FutureIssuedAt, "issued in the future"},
		{"without iat", oidctest.NoIssuedAt, "without iat"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h.t = t
			if tc.attack == oidctest.UserinfoOtherSubject {
				h.idp.ProfileOnlyInUserinfo(true)
				defer h.idp.ProfileOnlyInUserinfo(false)
			}
			c := h.browser()
			callback := h.approve(c, h.startLogin(c, "/"))
			h.idp.Tamper(tc.attack)
			h.refused(c, callback, tc.reason)
		})
	}
	h.t = t
	if n := h.count(`SELECT count(*) FROM users`); n != 0 {
		t.Errorf("%d users stored by refused sign-ins", n)
	}
	// The same harness signs in fine without an attack: the refusals above
	// were the attacks', not a broken set-up.
	c := h.browser()
	h.signIn(c, "/")
	if h.me(c) == 0 {
		t.Error("an honest sign-in failed after the attacks")
	}
}

func TestTamperedCallbacksEndWithoutASession(t *testing.T) {
	h := newHarness(t, nil)

	t.Run("wrong state", func(t *testing.T) {
		h.t = t
		c := h.browser()
		callback, _ := url.Parse(h.approve(c, h.startLogin(c, "/")))
		q := callback.Query()
		q.Set("state", "forged-"+q.Get("state"))
		callback.RawQuery = q.Encode()
		h.refused(c, callback.String(), "matches no sign-in")
	})

	t.Run("state of another browser (login CSRF)", func(t *testing.T) {
		h.t = t
		attacker, victim := h.browser(), h.browser()
		callback := h.approve(attacker, h.startLogin(attacker, "/"))
		h.startLogin(victim, "/") // the victim has a sign-in of its own pending
		h.refused(victim, callback, "matches no sign-in")
	})

	t.Run("reused authorization code, same browser", func(t *testing.T) {
		h.t = t
		c := h.browser()
		callback := h.approve(c, h.startLogin(c, "/"))
		if status, _, body := h.do(c, "GET", callback); status != http.StatusSeeOther {
			t.Fatalf("first use = %d %q", status, body)
		}
		id, token := h.me(c), h.sessionCookie(c)
		// The state is spent: the replay is refused and, like any callback
		// foreign to the session, leaves the first sign-in as it was.
		h.rejected(c, callback, "matches no sign-in")
		if h.me(c) != id || h.sessionCookie(c) != token {
			t.Error("the replayed callback changed the session")
		}
	})

	t.Run("reused authorization code, other browser", func(t *testing.T) {
		h.t = t
		victim, attacker := h.browser(), h.browser()
		stolen, _ := url.Parse(h.approve(victim, h.startLogin(victim, "/")))
		if status, _, body := h.do(victim, "GET", stolen.String()); status != http.StatusSeeOther {
			t.Fatalf("victim's sign-in = %d %q", status, body)
		}
		own, _ := url.Parse(h.approve(attacker, h.startLogin(attacker, "/")))
		q := own.Query()
		q.Set("code", stolen.Query().Get("code")) // the attacker's state, the victim's spent code
		own.RawQuery = q.Encode()
		h.refused(attacker, own.String(), "invalid_grant")
	})

	t.Run("provider reports an error", func(t *testing.T) {
		h.t = t
		c := h.browser()
		authorize := h.startLogin(c, "/")
		h.idp.DenyNext()
		h.refused(c, h.approve(c, authorize), "access_denied")
	})

	t.Run("sign-in older than ten minutes", func(t *testing.T) {
		h.t = t
		c := h.browser()
		callback := h.approve(c, h.startLogin(c, "/"))
		h.offset.Store(int64(11 * time.Minute))
		defer h.offset.Store(0)
		h.refused(c, callback, "more than 10m0s ago")
	})
}

// A callback that belongs to no sign-in of this session may come from any
// site (a link or an image pointing at it): it must not sign anyone out.
func TestAForeignCallbackLeavesAnExistingSessionIntact(t *testing.T) {
	h := newHarness(t, nil)
	c := h.browser()
	h.signIn(c, "/")
	id := h.me(c)
	if id == 0 {
		t.Fatal("sign-in failed")
	}
	pending := h.startLogin(c, "/") // a sign-in of this session, pending in another tab
	for _, query := range []string{"state=x&code=y", "code=y", "", "state=x&error=access_denied"} {
		status, _, body := h.do(c, "GET", h.app.URL+auth.CallbackPath+"?"+query)
		if status != http.StatusBadRequest {
			t.Errorf("foreign callback ?%s = %d %q, want 400", query, status, body)
		}
		if got := h.me(c); got != id {
			t.Fatalf("after the foreign callback ?%s the session's user is %d, want %d", query, got, id)
		}
	}
	// The pending sign-in survived the foreign callbacks too.
	h.do(c, "GET", h.approve(c, pending))
	if h.me(c) != id {
		t.Error("the pending sign-in failed after the foreign callbacks")
	}
}

// A callback of this session's own sign-in that then fails (here: a hostile
// token) leaves nobody signed in: the session was about to change hands.
func TestAFailedOwnCallbackSignsOutAnExistingSession(t *testing.T) {
	h := newHarness(t, nil)
	c := h.browser()
	h.signIn(c, "/")
	callback := h.approve(c, h.startLogin(c, "/"))
	h.idp.Tamper(oidctest.WrongNonce)
	h.refused(c, callback, "nonce does not match")
}

func TestSignInToleratesAProviderClockAFewMinutesAhead(t *testing.T) {
	h := newHarness(t, nil)
	h.idp.TamperClaims(func(claims map[string]any) {
		ahead := time.Now().Add(2 * time.Minute)
		claims["iat"], claims["exp"] = ahead.Unix(), ahead.Add(5*time.Minute).Unix()
	})
	c := h.browser()
	h.signIn(c, "/")
	if h.me(c) == 0 {
		t.Error("a token issued two minutes ahead (clock skew) was refused")
	}
}
