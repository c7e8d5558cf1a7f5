package demoidp_test

import (
	"crypto/rand"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/planwerk/planwerk/internal/demoidp"
)

const (
	testClientID     = "planwerk-test"
	testClientSecret = "test-secret"
	testRedirectURI  = "http://localhost:8080/anmelden/callback"
	testLogoutURI    = "http://localhost:8080/"
)

func testOptions(t *testing.T) demoidp.Options {
	return demoidp.Options{Addr: "127.0.0.1:0", DemoMode: true, ClientID: testClientID,
		ClientSecret: testClientSecret, RedirectURIs: []string{testRedirectURI},
		PostLogoutRedirectURIs: []string{testLogoutURI}, Logf: t.Logf}
}

// startProvider runs a provider on a free loopback port for one test.
func startProvider(t *testing.T) *demoidp.Provider {
	t.Helper()
	p, err := demoidp.Start(t.Context(), testOptions(t))
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := p.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return p
}

// relyingParty plays Planwerk's part: golang.org/x/oauth2 for the flow,
// go-oidc for the ID token, and a browser that does not follow redirects,
// so that every step can be checked.
type relyingParty struct {
	t        *testing.T
	issuer   string
	provider *oidc.Provider
	config   oauth2.Config
	browser  *http.Client
}

func newRelyingParty(t *testing.T, p *demoidp.Provider) *relyingParty {
	t.Helper()
	provider, err := oidc.NewProvider(t.Context(), p.Issuer())
	if err != nil {
		t.Fatalf("discovery: %v", err)
	}
	return &relyingParty{t: t, issuer: p.Issuer(), provider: provider,
		config: oauth2.Config{ClientID: testClientID, ClientSecret: testClientSecret,
			Endpoint: provider.Endpoint(), RedirectURL: testRedirectURI,
			Scopes: []string{oidc.ScopeOpenID, "profile", "email"}},
		browser: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		}}}
}

// signIn is one sign-in as the relying party keeps it in its session.
type signIn struct {
	state, nonce, verifier string
	authRequestID          string
}

// begin sends the browser to the authorization endpoint and follows it to
// the login page.
func (rp *relyingParty) begin() signIn {
	rp.t.Helper()
	s := signIn{state: rand.Text(), nonce: rand.Text(), verifier: oauth2.GenerateVerifier()}
	resp := rp.get(rp.config.AuthCodeURL(s.state, oidc.Nonce(s.nonce), oauth2.S256ChallengeOption(s.verifier)))
	login := rp.location(resp, http.StatusFound)
	if login.Path != "/login" {
		rp.t.Fatalf("authorize redirected to %s, want the login page", login)
	}
	s.authRequestID = login.Query().Get("authRequestID")
	if page := rp.get(login.String()); page.StatusCode != http.StatusOK {
		rp.t.Fatalf("login page: status %d", page.StatusCode)
	}
	return s
}

// postLogin submits the login form as the browser would.
func (rp *relyingParty) postLogin(s signIn, username, password string, header ...string) *http.Response {
	rp.t.Helper()
	form := url.Values{"authRequestID": {s.authRequestID}, "username": {username}, "password": {password}}
	req, err := http.NewRequestWithContext(rp.t.Context(), http.MethodPost, rp.issuer+"/login", strings.NewReader(form.Encode()))
	if err != nil {
		rp.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return rp.do(req)
}

// code signs in as username and returns the code delivered to the redirect URI.
func (rp *relyingParty) code(s signIn, username string) string {
	rp.t.Helper()
	callback := rp.location(rp.postLogin(s, username, demoidp.DemoPassword), http.StatusSeeOther)
	back := rp.location(rp.get(callback.String()), http.StatusFound)
	if got := back.Scheme + "://" + back.Host + back.Path; got != testRedirectURI {
		rp.t.Fatalf("redirected to %s, want %s", back, testRedirectURI)
	}
	if back.Query().Get("state") != s.state {
		rp.t.Fatalf("state = %q, want %q", back.Query().Get("state"), s.state)
	}
	code := back.Query().Get("code")
	if code == "" {
		rp.t.Fatalf("no code in %s", back)
	}
	return code
}

func (rp *relyingParty) exchange(s signIn, code string) (*oauth2.Token, error) {
	return rp.config.Exchange(rp.t.Context(), code, oauth2.VerifierOption(s.verifier))
}

// verify checks the ID token as Planwerk's sign-in does: signature,
// issuer, audience, expiry, then the nonce.
func (rp *relyingParty) verify(s signIn, tok *oauth2.Token) (*oidc.IDToken, idClaims) {
	rp.t.Helper()
	raw, ok := tok.Extra("id_token").(string)
	if !ok || raw == "" {
		rp.t.Fatal("token response without id_token")
	}
	idToken, err := rp.provider.Verifier(&oidc.Config{ClientID: testClientID}).Verify(rp.t.Context(), raw)
	if err != nil {
		rp.t.Fatalf("verify ID token: %v", err)
	}
	if idToken.Nonce != s.nonce {
		rp.t.Fatalf("nonce = %q, want %q", idToken.Nonce, s.nonce)
	}
	var claims idClaims
	if err := idToken.Claims(&claims); err != nil {
		rp.t.Fatal(err)
	}
	return idToken, claims
}

type idClaims struct {
	Subject           string `json:"sub"`
	Name              string `json:"name"`
	Email             string `json:"email"`
	EmailVerified     bool   `json:"email_verified"`
	PreferredUsername string `json:"preferred_username"`
	IssuedAt          int64  `json:"iat"`
	Expiry            int64  `json:"exp"`
}

// signInAs runs the whole flow and returns the verified token.
func (rp *relyingParty) signInAs(username string) (*oauth2.Token, *oidc.IDToken, idClaims) {
	rp.t.Helper()
	s := rp.begin()
	tok, err := rp.exchange(s, rp.code(s, username))
	if err != nil {
		rp.t.Fatalf("exchange for %s: %v", username, err)
	}
	idToken, claims := rp.verify(s, tok)
	return tok, idToken, claims
}

func (rp *relyingParty) get(rawURL string) *http.Response {
	rp.t.Helper()
	req, err := http.NewRequestWithContext(rp.t.Context(), http.MethodGet, rawURL, nil)
	if err != nil {
		rp.t.Fatal(err)
	}
	return rp.do(req)
}

// do sends req and keeps the body readable after closing the response.
func (rp *relyingParty) do(req *http.Request) *http.Response {
	rp.t.Helper()
	resp, err := rp.browser.Do(req)
	if err != nil {
		rp.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		rp.t.Fatal(err)
	}
	resp.Body = io.NopCloser(strings.NewReader(string(body)))
	return resp
}

// location checks the status of a redirect and resolves its target.
func (rp *relyingParty) location(resp *http.Response, status int) *url.URL {
	rp.t.Helper()
	if resp.StatusCode != status {
		rp.t.Fatalf("%s %s: status %d, want %d; body: %s", resp.Request.Method, resp.Request.URL, resp.StatusCode, status, body(rp.t, resp))
	}
	loc, err := resp.Location()
	if err != nil {
		rp.t.Fatalf("%s: %v", resp.Request.URL, err)
	}
	return loc
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body = io.NopCloser(strings.NewReader(string(b)))
	return string(b)
}
