package demoidp_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/planwerk/planwerk/internal/demoidp"
)

func TestSignInWithCodeAndPKCE(t *testing.T) {
	p := startProvider(t)
	rp := newRelyingParty(t, p)
	tok, idToken, claims := rp.signInAs("duelmen")

	if idToken.Issuer != p.Issuer() || !slices.Equal(idToken.Audience, []string{testClientID}) {
		t.Errorf("iss = %q, aud = %v; want %q, [%s]", idToken.Issuer, idToken.Audience, p.Issuer(), testClientID)
	}
	if claims.Subject != "demo-duelmen" || claims.Name != "Koordination Dülmen" ||
		claims.Email != "integration@duelmen.de" || !claims.EmailVerified || claims.PreferredUsername != "duelmen" {
		t.Errorf("claims = %+v", claims)
	}
	now := time.Now().Unix()
	if claims.IssuedAt < now-60 || claims.IssuedAt > now+5 || claims.Expiry <= now {
		t.Errorf("iat = %d, exp = %d, now %d", claims.IssuedAt, claims.Expiry, now)
	}
	info, err := rp.provider.UserInfo(t.Context(), oauth2.StaticTokenSource(tok))
	if err != nil {
		t.Fatalf("userinfo: %v", err)
	}
	var extra struct {
		Name string `json:"name"`
	}
	if err := info.Claims(&extra); err != nil {
		t.Fatal(err)
	}
	if info.Subject != "demo-duelmen" || info.Email != "integration@duelmen.de" || extra.Name != "Koordination Dülmen" {
		t.Errorf("userinfo = %+v, name %q", info, extra.Name)
	}
}

func TestIDTokenIsSignedWithRS256(t *testing.T) {
	p := startProvider(t)
	rp := newRelyingParty(t, p)
	tok, _, _ := rp.signInAs("admin")
	// A verifier that accepts only RS256 still accepts the token.
	verifier := rp.provider.Verifier(&oidc.Config{ClientID: testClientID, SupportedSigningAlgs: []string{oidc.RS256}})
	if _, err := verifier.Verify(t.Context(), tok.Extra("id_token").(string)); err != nil {
		t.Errorf("RS256-only verifier: %v", err)
	}
	other := rp.provider.Verifier(&oidc.Config{ClientID: "another-app"})
	if _, err := other.Verify(t.Context(), tok.Extra("id_token").(string)); err == nil {
		t.Error("token accepted for another audience")
	}
}

func TestEveryDemoAccountSignsIn(t *testing.T) {
	p := startProvider(t)
	rp := newRelyingParty(t, p)
	for _, a := range demoidp.Accounts() {
		_, _, claims := rp.signInAs(a.Username)
		if claims.Subject != a.Subject || claims.Name != a.Name || claims.Email != a.Email {
			t.Errorf("%s: claims %+v, want subject %s, name %s, email %s", a.Username, claims, a.Subject, a.Name, a.Email)
		}
	}
}

func TestWrongPasswordIsRefusedAndKeepsTheUsername(t *testing.T) {
	p := startProvider(t)
	rp := newRelyingParty(t, p)
	s := rp.begin()
	for _, c := range []struct{ username, password string }{
		{"duelmen", "falsch"}, {"duelmen", ""}, {"niemand", demoidp.DemoPassword},
	} {
		resp := rp.postLogin(s, c.username, c.password)
		page := body(t, resp)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Location") != "" {
			t.Errorf("%s/%q: status %d, location %q; want the form again", c.username, c.password, resp.StatusCode, resp.Header.Get("Location"))
		}
		for _, want := range []string{"Benutzername oder Passwort falsch.", `value="` + c.username + `"`, `aria-invalid="true"`, `role="alert"`} {
			if !strings.Contains(page, want) {
				t.Errorf("%s/%q: page lacks %s", c.username, c.password, want)
			}
		}
		if strings.Contains(page, `value="`+c.password+`"`) && c.password != "" {
			t.Errorf("%s: the password was echoed into the page", c.username)
		}
	}
	// The sign-in is still open: the right password now succeeds.
	if _, err := rp.exchange(s, rp.code(s, "duelmen")); err != nil {
		t.Errorf("sign-in after wrong passwords: %v", err)
	}
}

func TestCodeWorksOnce(t *testing.T) {
	p := startProvider(t)
	rp := newRelyingParty(t, p)
	s := rp.begin()
	code := rp.code(s, "ki-1")
	tok, err := rp.exchange(s, code)
	if err != nil {
		t.Fatalf("first exchange: %v", err)
	}
	if _, err := rp.exchange(s, code); err == nil || !strings.Contains(err.Error(), "invalid_grant") {
		t.Errorf("second exchange: err = %v, want invalid_grant", err)
	}
	// The replay revokes what the code yielded (RFC 6749, section 4.1.2).
	if _, err := rp.provider.UserInfo(t.Context(), oauth2.StaticTokenSource(tok)); err == nil {
		t.Error("access token still valid after the code was replayed")
	}
}

func TestCallbackMintsOneCode(t *testing.T) {
	p := startProvider(t)
	rp := newRelyingParty(t, p)
	s := rp.begin()
	callback := rp.location(rp.postLogin(s, "ki-2", demoidp.DemoPassword), http.StatusSeeOther)
	rp.location(rp.get(callback.String()), http.StatusFound)
	if again := rp.get(callback.String()); again.StatusCode == http.StatusFound {
		if loc, _ := again.Location(); loc != nil && loc.Query().Get("code") != "" {
			t.Errorf("replayed callback minted a second code: %s", loc)
		}
	}
	if resp := rp.postLogin(s, "ki-2", demoidp.DemoPassword); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("login posted again for a finished sign-in: status %d, want 400", resp.StatusCode)
	}
}

func TestExchangeNeedsVerifierAndSecret(t *testing.T) {
	p := startProvider(t)
	rp := newRelyingParty(t, p)
	s := rp.begin()
	wrong := s
	wrong.verifier = oauth2.GenerateVerifier()
	if _, err := rp.exchange(wrong, rp.code(s, "olfen")); err == nil {
		t.Error("code exchanged with the wrong PKCE verifier")
	}
	s = rp.begin()
	if _, err := rp.config.Exchange(t.Context(), rp.code(s, "olfen")); err == nil {
		t.Error("code exchanged without a PKCE verifier")
	}
	s = rp.begin()
	stranger := rp.config
	stranger.ClientSecret = "guessed"
	if _, err := stranger.Exchange(t.Context(), rp.code(s, "olfen"), oauth2.VerifierOption(s.verifier)); err == nil {
		t.Error("code exchanged with a wrong client secret")
	}
}

func TestAuthorizeRequiresS256(t *testing.T) {
	p := startProvider(t)
	rp := newRelyingParty(t, p)
	for name, opts := range map[string][]oauth2.AuthCodeOption{
		"no code_challenge": nil,
		"plain":             {oauth2.SetAuthURLParam("code_challenge", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH"), oauth2.SetAuthURLParam("code_challenge_method", "plain")},
	} {
		loc := rp.location(rp.get(rp.config.AuthCodeURL("st", opts...)), http.StatusFound)
		if loc.Path == "/login" || loc.Query().Get("error") != "invalid_request" {
			t.Errorf("%s: redirected to %s, want the app with error=invalid_request", name, loc)
		}
	}
}

func TestAuthorizeRefusesUnknownRedirectURI(t *testing.T) {
	p := startProvider(t)
	rp := newRelyingParty(t, p)
	evil := rp.config
	evil.RedirectURL = "http://evil.example/callback"
	resp := rp.get(evil.AuthCodeURL("st", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("status %d, want 400 without redirecting", resp.StatusCode)
	}
}
