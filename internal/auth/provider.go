package auth

import (
	"context"
	"fmt"
	"net/url"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/planwerk/planwerk/internal/domain"
)

// Messages shown to users; the real reason goes to the log.
const (
	msgFailed      = "Die Anmeldung ist fehlgeschlagen oder abgelaufen. Bitte melden Sie sich erneut an."
	msgUnavailable = "Der Anmeldedienst ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut."
)

// discovered is what the provider's discovery document yields.
type discovered struct {
	provider   *oidc.Provider
	verifier   *oidc.IDTokenVerifier
	oauth      oauth2.Config
	endSession *url.URL // nil: the provider has no RP-initiated logout
}

// discover returns the provider, fetching its discovery document on first
// use. A failure is not cached, so the next attempt tries again and sign-in
// recovers by itself when the provider returns; a success is kept for the
// life of the process (go-oidc refreshes the signing keys when they rotate).
func (a *Authenticator) discover(ctx context.Context) (*discovered, error) {
	a.mu.Lock()
	d := a.provider
	a.mu.Unlock()
	if d != nil {
		return d, nil
	}
	ctx, cancel := context.WithTimeout(ctx, providerTimeout)
	defer cancel()
	p, err := oidc.NewProvider(oidc.ClientContext(ctx, a.client), a.cfg.Issuer)
	if err != nil {
		return nil, a.unavailable("discovery", err)
	}
	d = &discovered{
		provider: p,
		// Only asymmetric algorithms: "none" and HS256 (keyed with the
		// client secret) are refused before any key is consulted.
		verifier: p.Verifier(&oidc.Config{ClientID: a.cfg.ClientID,
			SupportedSigningAlgs: []string{oidc.RS256, oidc.ES256}}),
		oauth: oauth2.Config{
			ClientID: a.cfg.ClientID, ClientSecret: a.cfg.ClientSecret, Endpoint: p.Endpoint(),
			RedirectURL: a.cfg.PublicURL + CallbackPath,
			Scopes:      []string{oidc.ScopeOpenID, "profile", "email"},
		},
	}
	var meta struct {
		EndSession string `json:"end_session_endpoint"`
	}
	if err := p.Claims(&meta); err == nil && meta.EndSession != "" {
		if u, err := url.Parse(meta.EndSession); err == nil && u.IsAbs() {
			d.endSession = u
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.provider == nil { // another request may have won the race; keep one
		a.provider = d
	}
	return a.provider, nil
}

// providerContext bounds a call to the provider and routes it through the
// authenticator's client, for both oauth2 and go-oidc.
func (a *Authenticator) providerContext(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(ctx, providerTimeout)
	ctx = context.WithValue(ctx, oauth2.HTTPClient, a.client)
	return oidc.ClientContext(ctx, a.client), cancel
}

// refuse logs why a sign-in was turned away and returns the one message users
// see for every refusal, so an attacker learns nothing from it.
func (a *Authenticator) refuse(reason string, err error) error {
	a.log.Warn("sign-in refused", "reason", reason, "err", err)
	return &domain.Error{Code: domain.CodeInvalid, Message: msgFailed, Key: "error.auth.failed", Err: fmt.Errorf("%s: %v", reason, err)}
}

func (a *Authenticator) unavailable(step string, err error) error {
	a.log.Warn("identity provider unreachable", "step", step, "issuer", a.cfg.Issuer, "err", err)
	return &domain.Error{Code: domain.CodeUnavailable, Message: msgUnavailable, Key: "error.auth.unavailable",
		Err: fmt.Errorf("%s: %w", step, err)}
}
