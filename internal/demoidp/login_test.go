package demoidp_test

import (
	"net/http"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"github.com/planwerk/planwerk/internal/demoidp"
)

func staticToken(tok *oauth2.Token) oauth2.TokenSource { return oauth2.StaticTokenSource(tok) }

func TestLoginPageListsTheDemoAccounts(t *testing.T) {
	p := startProvider(t)
	rp := newRelyingParty(t, p)
	s := rp.begin()
	resp := rp.get(p.Issuer() + "/login?authRequestID=" + s.authRequestID)
	page := body(t, resp)
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") ||
		!strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("Content-Security-Policy = %q", csp)
	}
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("headers = %v", resp.Header)
	}
	for _, want := range []string{
		`<html lang="de">`, "<h1>Anmeldung (Demo)</h1>", "Demo-Anmeldedienst",
		`<label for="username">Benutzername</label>`, `autocomplete="username"`,
		`<label for="password">Passwort</label>`, `autocomplete="current-password"`,
		`name="authRequestID" value="` + s.authRequestID + `"`, demoidp.DemoPassword,
		`<th scope="col">Rolle</th>`, "Stadt Dülmen", "Kommunales Integrationszentrum", "Ausschuss",
		`<link rel="stylesheet" href="/static/login.css">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("login page lacks %s", want)
		}
	}
	for _, a := range demoidp.Accounts() {
		if !strings.Contains(page, "<code>"+a.Username+"</code></td><td>"+a.Name+"</td><td>"+demoidp.RoleLabel(a.Role)+"</td>") {
			t.Errorf("login page does not list %s as %s, %s", a.Username, a.Name, demoidp.RoleLabel(a.Role))
		}
	}
	if strings.Contains(page, "<script") || strings.Contains(page, "style=") || strings.Contains(page, "<style") {
		t.Error("login page has inline script or style; the CSP would block it")
	}
}

func TestLoginStylesheet(t *testing.T) {
	p := startProvider(t)
	rp := newRelyingParty(t, p)
	resp := rp.get(p.Issuer() + "/static/login.css")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") ||
		!strings.Contains(body(t, resp), ":focus-visible") {
		t.Errorf("stylesheet: status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

func TestLoginPageWithoutSignIn(t *testing.T) {
	p := startProvider(t)
	rp := newRelyingParty(t, p)
	start := rp.get(p.Issuer() + "/")
	if page := body(t, start); start.StatusCode != http.StatusOK || strings.Contains(page, "<form") ||
		!strings.Contains(page, `href="`+testLogoutURI+`"`) || !strings.Contains(page, "<code>duelmen</code>") {
		t.Errorf("start page: status %d, body %s", start.StatusCode, page)
	}
	stale := rp.get(p.Issuer() + "/login?authRequestID=unbekannt")
	if page := body(t, stale); stale.StatusCode != http.StatusBadRequest || strings.Contains(page, "<form") ||
		!strings.Contains(page, "abgelaufen") {
		t.Errorf("unknown sign-in: status %d, body %s", stale.StatusCode, page)
	}
}

func TestLoginRefusesCrossOriginPosts(t *testing.T) {
	p := startProvider(t)
	rp := newRelyingParty(t, p)
	s := rp.begin()
	for _, header := range [][]string{
		{"Sec-Fetch-Site", "cross-site"},
		{"Origin", "http://evil.example"},
	} {
		if resp := rp.postLogin(s, "admin", demoidp.DemoPassword, header...); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", header, resp.StatusCode)
		}
	}
	// Same-origin posts from a browser are accepted.
	resp := rp.postLogin(s, "admin", demoidp.DemoPassword, "Sec-Fetch-Site", "same-origin", "Origin", p.Issuer())
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("same-origin post: status %d, want 303", resp.StatusCode)
	}
}
