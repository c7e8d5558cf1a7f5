// Package oidctest runs a small, strict OpenID Connect provider for tests:
// discovery, JWKS, authorize (approving a configured user at once), token,
// userinfo and end-session endpoints over httptest. It refuses what a real
// provider refuses (no PKCE, a wrong client secret, a reused or foreign
// authorization code), and it can be told to hand out one hostile ID token
// (Tamper) so tests can prove the relying party turns each one away.
//
// The lead's HTTP and browser tests use it to sign in:
//
//	p := oidctest.NewProvider(t)
//	p.SetUser("u-1", "Koordination Dülmen", "duelmen@example.org", map[string]any{"groups": []string{"pw-duelmen"}})
//	cfg := auth.Config{Issuer: p.Issuer(), ClientID: oidctest.ClientID, ClientSecret: oidctest.ClientSecret, …}
package oidctest

import (
	"crypto/rand"
	"crypto/rsa"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// The client registration every Provider accepts.
const (
	ClientID     = "planwerk-test"
	ClientSecret = "planwerk-test-secret-0123456789abcdef" // long enough to key HS256 (SecretKeyed)
)

// keyID names the provider's only published signing key.
const keyID = "k1"

// Generating RSA keys is slow; one pair per test binary is enough, since each
// provider's tokens are told apart by issuer anyway.
var keys = sync.OnceValues(func() (signing, stray *rsa.PrivateKey) {
	return mustKey(), mustKey()
})

func mustKey() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
}

// Provider is a running test identity provider. All methods are safe for
// concurrent use.
type Provider struct {
	t    testing.TB
	addr string

	mu                sync.Mutex
	srv               *httptest.Server
	user              user
	profileInUserinfo bool
	noEndSession      bool
	denyNext          bool
	attack            Attack
	tamper            func(claims map[string]any)
	codes             map[string]*grant
	accessTokens      map[string]*grant
	lastIDToken       string
	signedOut         []string
}

type user struct {
	subject, name, email string
	claims               map[string]any
}

// grant is what an authorization code stands for until it is redeemed.
type grant struct {
	user                          user
	nonce, challenge, redirectURI string
	issued                        time.Time
	used                          bool
}

// NewProvider starts a provider on a loopback port and stops it when the test
// ends. Until SetUser is called it approves subject "user-1".
func NewProvider(t testing.TB) *Provider {
	t.Helper()
	p := &Provider{
		t:            t,
		user:         user{subject: "user-1", name: "Test Nutzerin", email: "test@example.org"},
		codes:        map[string]*grant{},
		accessTokens: map[string]*grant{},
	}
	p.srv = httptest.NewServer(p.routes())
	p.addr = p.srv.Listener.Addr().String()
	t.Cleanup(p.Stop)
	return p
}

// Issuer is the provider's issuer URL (PLANWERK_OIDC_ISSUER).
func (p *Provider) Issuer() string { return "http://" + p.addr }

// EndSessionURL is where the provider signs users out.
func (p *Provider) EndSessionURL() string { return p.Issuer() + "/logout" }

// SetUser chooses whom the authorize endpoint approves from now on. claims
// are added to the ID token and userinfo (e.g. "groups": []string{…}).
func (p *Provider) SetUser(subject, name, email string, claims map[string]any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.user = user{subject: subject, name: name, email: email, claims: maps.Clone(claims)}
}

// ProfileOnlyInUserinfo leaves name and e-mail out of ID tokens, as some
// providers do; they are then only available from the userinfo endpoint.
func (p *Provider) ProfileOnlyInUserinfo(on bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.profileInUserinfo = on
}

// DisableEndSession removes end_session_endpoint from discovery, as for a
// provider without RP-initiated logout. Call it before the first sign-in:
// relying parties cache the discovery document.
func (p *Provider) DisableEndSession() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.noEndSession = true
}

// DenyNext makes the next authorization request end with error=access_denied,
// as when a user declines or has no access to the app.
func (p *Provider) DenyNext() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.denyNext = true
}

// LastIDToken is the raw ID token issued most recently.
func (p *Provider) LastIDToken() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.lastIDToken
}

// SignedOut lists the subjects whose valid id_token_hint reached the
// end-session endpoint, in order.
func (p *Provider) SignedOut() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.signedOut...)
}

// Stop takes the provider off the network: connections are refused, as
// when the real provider is down. Stopping twice is harmless.
func (p *Provider) Stop() {
	p.mu.Lock()
	srv := p.srv
	p.srv = nil
	p.mu.Unlock()
	if srv != nil {
		srv.Close()
	}
}

// Start brings a stopped provider back on the same address, with the same
// keys and pending codes, as a provider returning after an outage.
func (p *Provider) Start() {
	p.t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.srv != nil {
		return
	}
	l, err := net.Listen("tcp", p.addr)
	if err != nil {
		p.t.Fatalf("oidctest: restart on %s: %v", p.addr, err)
	}
	srv := httptest.NewUnstartedServer(p.routes())
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	p.srv = srv
}

func (p *Provider) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", p.discovery)
	mux.HandleFunc("GET /keys", p.jwks)
	mux.HandleFunc("GET /authorize", p.authorize)
	mux.HandleFunc("POST /token", p.token)
	mux.HandleFunc("GET /userinfo", p.userinfo)
	mux.HandleFunc("GET /logout", p.logout)
	return mux
}
