package auth_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/auth"
	"github.com/planwerk/planwerk/internal/domain"
)

func TestSignInCreatesASessionAndTheUser(t *testing.T) {
	h := newHarness(t, nil)
	h.idp.SetUser("u-42", "Erika Muster", "erika@example.org", nil)
	c := h.browser()
	if h.me(c) != 0 {
		t.Fatal("signed in before signing in")
	}
	h.signIn(c, "/kommunen/duelmen")
	id := h.me(c)
	if id == 0 {
		t.Fatal("not signed in after a successful sign-in")
	}
	u, err := h.db.FindUser(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if u.Issuer != h.idp.Issuer() || u.Subject != "u-42" || u.Name != "Erika Muster" || u.Email != "erika@example.org" || u.LastLoginAt == nil {
		t.Errorf("user = %+v", u)
	}
	// A second sign-in finds the same user.
	c2 := h.browser()
	h.signIn(c2, "/")
	if again := h.me(c2); again != id {
		t.Errorf("second sign-in as u-42 gave user %d, want %d", again, id)
	}
}

func TestSignInTakesNameAndEmailFromUserinfoWhenTheTokenLacksThem(t *testing.T) {
	h := newHarness(t, nil)
	h.idp.SetUser("u-7", "Max Beispiel", "max@example.org", nil)
	h.idp.ProfileOnlyInUserinfo(true)
	c := h.browser()
	h.signIn(c, "/")
	u, err := h.db.FindUser(context.Background(), h.me(c))
	if err != nil {
		t.Fatal(err)
	}
	if u.Name != "Max Beispiel" || u.Email != "max@example.org" {
		t.Errorf("user = %+v, want name and e-mail from userinfo", u)
	}
}

func TestSignInGrantsMembershipsFromTheGroupsClaim(t *testing.T) {
	h := newHarness(t, nil)
	// pw-ghost maps to an organisation that does not exist: logged, skipped.
	h.idp.SetUser("u-1", "Koordination Dülmen", "", map[string]any{"groups": []string{"pw-duelmen", "pw-ghost", "unmapped"}})
	c := h.browser()
	h.signIn(c, "/")
	id := h.me(c)
	ms, err := h.db.FindMemberships(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].OrgSlug != "duelmen" || ms[0].Role != domain.RoleCoordinator {
		t.Errorf("memberships = %+v, want coordinator of duelmen only", ms)
	}
	if !strings.Contains(h.logs.Since(0), "atlantis") {
		t.Error("the map entry naming an unknown organisation was not logged")
	}
	// A single string claim grants as well (and ends what the claim no longer
	// grants), and signing in again changes nothing.
	h.idp.SetUser("u-1", "Koordination Dülmen", "", map[string]any{"groups": "pw-ki"})
	h.signIn(h.browser(), "/")
	h.signIn(h.browser(), "/")
	ms, _ = h.db.FindMemberships(context.Background(), id)
	if len(ms) != 1 || ms[0].OrgSlug != "kreis" || ms[0].Role != domain.RoleKI {
		t.Errorf("memberships after the pw-ki sign-ins = %+v, want ki of kreis only", ms)
	}
	if n := h.count(`SELECT count(*) FROM audit_events WHERE entity = 'membership'`); n != 3 {
		t.Errorf("%d membership audit events, want 3 (duelmen granted and revoked, kreis granted)", n)
	}
}

func TestSignInRenewsTheSessionToken(t *testing.T) {
	h := newHarness(t, nil)
	c := h.browser()
	callback := h.approve(c, h.startLogin(c, "/"))
	before := h.sessionCookie(c)
	if before == "" {
		t.Fatal("no session cookie while signing in")
	}
	if status, _, body := h.do(c, "GET", callback); status != http.StatusSeeOther {
		t.Fatalf("callback = %d %q", status, body)
	}
	after := h.sessionCookie(c)
	if after == "" || after == before {
		t.Fatalf("session cookie before %q, after %q: want a new token", before, after)
	}
	if n := h.count(`SELECT count(*) FROM sessions WHERE token = $1`, before); n != 0 {
		t.Error("the pre-sign-in session is still stored")
	}
	// Someone holding the old token (session fixation) is not signed in.
	fixed := h.browser()
	h.setSessionCookie(fixed, before)
	if h.me(fixed) != 0 {
		t.Error("the pre-sign-in token signs in")
	}
}

func TestSessionCookieIsHttpOnlyLaxAndSecureForHTTPS(t *testing.T) {
	for _, secure := range []bool{false, true} {
		h := newHarness(t, func(_ *harness, c *auth.Config) { c.Secure = secure })
		resp, err := h.browser().Get(h.app.URL + "/anmelden?next=/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		var cookie *http.Cookie
		for _, ck := range resp.Cookies() {
			if ck.Name == auth.CookieName {
				cookie = ck
			}
		}
		if cookie == nil {
			t.Fatalf("no %s cookie set when a sign-in starts", auth.CookieName)
		}
		if !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Path != "/" || cookie.Secure != secure {
			t.Errorf("secure=%v: cookie = %+v", secure, cookie)
		}
	}
}

func TestTwoTabsSigningInAtOnceBothSucceed(t *testing.T) {
	h := newHarness(t, nil)
	c := h.browser()
	first := h.startLogin(c, "/erster")
	second := h.startLogin(c, "/zweiter")
	for _, step := range []struct{ authorize, next string }{{second, "/zweiter"}, {first, "/erster"}} {
		status, loc, body := h.do(c, "GET", h.approve(c, step.authorize))
		if status != http.StatusSeeOther || loc != step.next {
			t.Errorf("tab %s: callback = %d %q %q", step.next, status, loc, body)
		}
	}
	if h.me(c) == 0 {
		t.Error("not signed in after both tabs finished")
	}
}

func TestSignInReturnsOnlyToLocalPaths(t *testing.T) {
	h := newHarness(t, nil)
	c := h.browser()
	status, loc, _ := h.do(c, "GET", h.approve(c, h.startLogin(c, "//evil.example/phish")))
	if status != http.StatusSeeOther || loc != "/" {
		t.Errorf("callback after next=//evil.example = %d %q, want a redirect to /", status, loc)
	}
}
