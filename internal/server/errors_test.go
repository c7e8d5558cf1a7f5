package server_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestUnknownAndMalformedAddressesAnswerAGerman404(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	paths := []string{
		demoPlan + "/massnahmen/abc", demoPlan + "/massnahmen/-1", demoPlan + "/massnahmen/0", demoPlan + "/massnahmen/1e3",
		demoPlan + "/massnahmen/99999999999999999999999", demoPlan + "/massnahmen/424242", demoPlan + "/massnahmen/%27%3B--",
		demoPlan + "/kommunen/gibt-es-nicht", demoPlan + "/kommunen/%3Cscript%3E", "/plaene/unbekannt", "/nirgendwo",
		demoPlan + "/kommunen/duelmen/umsetzungen/abc", demoPlan + "/kommunen/duelmen/umsetzungen/999999",
		demoPlan + "/kommunen/gibt-es-nicht/umsetzungen/1/bearbeiten", "/static/gibt-es-nicht.css",
	}
	for _, p := range paths {
		status, body, _ := fetch(t, ki, http.MethodGet, a.URL+p)
		if status != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, status)
			continue
		}
		mustContain(t, body, `<html lang="de">`, "Seite nicht gefunden", "Zur Startseite")
	}
}

func TestWrongMethodIsRefusedWithAPage(t *testing.T) {
	a := newApp(t)
	status, body, _ := fetch(t, a.signIn(t, "ki-1"), http.MethodDelete, a.URL+demoPlan+"/kommunen")
	if status != http.StatusMethodNotAllowed {
		t.Fatalf("DELETE /kommunen = %d, want 405", status)
	}
	mustContain(t, body, "Aktion nicht möglich")
}

func TestEveryResponseCarriesSecurityHeaders(t *testing.T) {
	a := newApp(t)
	for _, p := range []string{"/", "/nirgendwo", "/healthz", "/static/app.css", "/barrierefreiheit"} {
		_, _, h := fetch(t, anonymous(), http.MethodGet, a.URL+p)
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") ||
			!strings.Contains(csp, "form-action 'self' "+a.IdP.Issuer()+";") {
			t.Errorf("%s: Content-Security-Policy = %q", p, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" {
			t.Errorf("%s: headers = %v", p, h)
		}
		if h.Get("Strict-Transport-Security") != "" {
			t.Errorf("%s: HSTS sent over plain http", p)
		}
	}
}

func TestCrossOriginPostIsRefused(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	req, _ := http.NewRequest(http.MethodPost, a.URL+"/abmelden", nil)
	req.Header.Set("Origin", "https://angreifer.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := ki.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-origin POST = %d, want 403", resp.StatusCode)
	}
	// The session survived: the forged sign-out did nothing.
	if status, _, _ := fetch(t, ki, http.MethodGet, a.URL+demoPlan+"/kommunen"); status != http.StatusOK {
		t.Errorf("after the refused cross-origin POST: GET /kommunen = %d, want 200 (still signed in)", status)
	}
}

func TestSignedOutReaderIsSentToSignInAndBack(t *testing.T) {
	a := newApp(t)
	status, _, h := fetch(t, anonymous(), http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen?relevanz=offen")
	if status != http.StatusSeeOther || h.Get("Location") != "/anmelden?next=%2Fplaene%2Fintegrationskonzept-kreis-coesfeld%2Fkommunen%2Fduelmen%3Frelevanz%3Doffen" {
		t.Fatalf("GET signed out = %d → %q", status, h.Get("Location"))
	}
	status, _, _ = fetch(t, anonymous(), http.MethodPost, a.URL+demoPlan+"/kommunen/duelmen/umsetzungen/1/bearbeiten", "version=1")
	if status != http.StatusUnauthorized {
		t.Errorf("POST signed out = %d, want 401", status)
	}
}

func TestTamperedSessionCookieCountsAsSignedOut(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	u := mustParse(t, a.URL)
	for _, c := range ki.Jar.Cookies(u) {
		c.Value = c.Value[:len(c.Value)-2] + "xx"
		ki.Jar.SetCookies(u, []*http.Cookie{c})
	}
	if status, _, _ := fetch(t, ki, http.MethodGet, a.URL+demoPlan+"/kommunen"); status != http.StatusSeeOther {
		t.Errorf("tampered cookie: GET /kommunen = %d, want 303 to sign-in", status)
	}
}
