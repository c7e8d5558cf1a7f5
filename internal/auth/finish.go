package auth

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// identity is what a verified sign-in tells about the user.
type identity struct {
	issuer, subject, name, email string
	roleValues                   []string
	// roleDeferred: the provider put the role claim elsewhere (a distributed
	// claim, as Entra does for users in too many groups), so the token says
	// nothing about the roles.
	roleDeferred bool
	rawIDToken   string
}

// profile holds the claims read from the ID token and from userinfo.
type profile struct {
	Name              string `json:"name"`
	Email             string `json:"email"`
	PreferredUsername string `json:"preferred_username"`
}

// Finish completes a sign-in at the callback with the query the provider sent
// and returns the local path to continue at. A callback that matches no
// sign-in started in this session changes nothing: any site can send a
// browser there, so it must not sign anyone out. Every other failure leaves
// nobody signed in. Errors are *domain.Error: CodeInvalid for anything
// refused (state, code, token, nonce), CodeUnavailable when the provider is down.
func (a *Authenticator) Finish(ctx context.Context, query url.Values) (string, error) {
	f, found := a.takeFlow(ctx, query.Get("state"))
	if !found {
		return "", a.refuse("state", errors.New("matches no sign-in started in this session"))
	}
	a.forget(ctx) // this session's own sign-in: the session changes hands, whatever the outcome
	if err := a.checkCallback(f, query); err != nil {
		return "", err
	}
	d, err := a.discover(ctx)
	if err != nil {
		return "", err
	}
	id, err := a.redeem(ctx, d, f, query.Get("code"))
	if err != nil {
		return "", err
	}
	if err := a.signIn(ctx, id); err != nil {
		return "", err
	}
	return f.Next, nil
}

// checkCallback checks the rest of a callback whose state matched flow f.
// The flow is consumed by then whatever the outcome, so a state works once.
func (a *Authenticator) checkCallback(f flow, q url.Values) error {
	switch {
	case q.Get("error") != "":
		return a.refuse("provider answered with an error", fmt.Errorf("%s: %s", q.Get("error"), q.Get("error_description")))
	case a.expired(f):
		return a.refuse("state", fmt.Errorf("sign-in started at %s, more than %s ago", time.Unix(f.Started, 0), flowTTL))
	case q.Get("code") == "":
		return a.refuse("code", errors.New("missing"))
	}
	return nil
}

// redeem exchanges the code and verifies the ID token, then reads who the
// user is from it (and from userinfo where it says too little).
func (a *Authenticator) redeem(ctx context.Context, d *discovered, f flow, code string) (identity, error) {
	tok, idt, err := a.exchange(ctx, d, f, code)
	if err != nil {
		return identity{}, err
	}
	id := identity{issuer: idt.Issuer, subject: idt.Subject, rawIDToken: tok.Extra("id_token").(string)}
	var p profile
	if err := idt.Claims(&p); err != nil {
		return identity{}, a.refuse("id token claims", err)
	}
	id.roleValues, id.roleDeferred = a.roleValues(idt)
	if p.Name == "" || p.Email == "" {
		if err := a.addUserinfo(ctx, d, tok, id.subject, &p); err != nil {
			return identity{}, err
		}
	}
	id.name, id.email = displayName(p), p.Email
	if len(id.email) > 320 { // longer is no valid address; the column refuses it
		id.email = ""
	}
	return id, nil
}

// maxClockSkew is how far ahead of this server's clock the provider's may
// run: an ID token issued further in the future is refused.
const maxClockSkew = 5 * time.Minute

// exchange redeems the code with the PKCE verifier and verifies the ID token:
// signature against the provider's keys, issuer, audience and expiry (all
// go-oidc), then its issue time and the nonce of this sign-in.
func (a *Authenticator) exchange(ctx context.Context, d *discovered, f flow, code string) (*oauth2.Token, *oidc.IDToken, error) {
	pctx, cancel := a.providerContext(ctx)
	defer cancel()
	tok, err := d.oauth.Exchange(pctx, code, oauth2.VerifierOption(f.Verifier))
	var refused *oauth2.RetrieveError
	switch {
	case errors.As(err, &refused) && refused.Response != nil && refused.Response.StatusCode < http.StatusInternalServerError:
		return nil, nil, a.refuse("code exchange", err) // the provider said no: a spent, foreign or forged code
	case err != nil:
		return nil, nil, a.unavailable("token", err)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return nil, nil, a.refuse("id token", errors.New("token response without id_token"))
	}
	idt, err := d.verifier.Verify(pctx, raw)
	if err != nil {
		return nil, nil, a.refuse("id token", err)
	}
	if err := a.checkIssuedAt(idt); err != nil {
		return nil, nil, err
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(f.Nonce)) != 1 {
		return nil, nil, a.refuse("id token", errors.New("nonce does not match this sign-in"))
	}
	return tok, idt, nil
}

// checkIssuedAt refuses a token without iat (OpenID Connect requires it) or
// issued more than maxClockSkew ahead of this server's clock, which go-oidc
// does not check: such a token comes from a provider minting tokens in
// advance, or from one whose clock cannot be trusted with expiry either.
func (a *Authenticator) checkIssuedAt(idt *oidc.IDToken) error {
	if idt.IssuedAt.IsZero() {
		return a.refuse("id token", errors.New("without iat"))
	}
	if ahead := idt.IssuedAt.Sub(a.now()); ahead > maxClockSkew {
		return a.refuse("id token", fmt.Errorf("issued in the future (%s ahead, at most %s allowed)", ahead.Round(time.Second), maxClockSkew))
	}
	return nil
}

// addUserinfo fills name and e-mail from the userinfo endpoint where the ID
// token lacks them. An unreachable endpoint only costs the profile; an answer
// about another subject is an attack and ends the sign-in.
func (a *Authenticator) addUserinfo(ctx context.Context, d *discovered, tok *oauth2.Token, subject string, p *profile) error {
	if d.provider.UserInfoEndpoint() == "" {
		return nil
	}
	pctx, cancel := a.providerContext(ctx)
	defer cancel()
	info, err := d.provider.UserInfo(pctx, oauth2.StaticTokenSource(tok))
	if err != nil {
		a.log.Warn("userinfo failed; signing in without name or e-mail", "err", err)
		return nil
	}
	if info.Subject != subject {
		return a.refuse("userinfo", fmt.Errorf("about subject %q, not %q", info.Subject, subject))
	}
	var more profile
	if err := info.Claims(&more); err != nil {
		a.log.Warn("userinfo unreadable", "err", err)
		return nil
	}
	p.Name = firstOf(p.Name, more.Name)
	p.Email = firstOf(p.Email, more.Email)
	p.PreferredUsername = firstOf(p.PreferredUsername, more.PreferredUsername)
	return nil
}

func firstOf(first, second string) string {
	if first != "" {
		return first
	}
	return second
}

// displayName prefers the full name, else the user name, cut to what the
// users table holds.
func displayName(p profile) string {
	name := []rune(firstOf(p.Name, p.PreferredUsername))
	if len(name) > 200 {
		name = name[:200]
	}
	return string(name)
}

// roleValues reads the role claim, which providers send as one string or as
// a list of strings (Keycloak and Entra: a list). A claim that is missing or
// of another shape grants nothing. deferred reports a claim the token only
// refers to (OpenID Connect distributed claims: "_claim_names"), as Entra
// sends "groups" for users in more than 200 groups.
func (a *Authenticator) roleValues(idt *oidc.IDToken) (values []string, deferred bool) {
	if a.cfg.RoleClaim == "" {
		return nil, false
	}
	var all map[string]json.RawMessage
	if err := idt.Claims(&all); err != nil {
		return nil, false
	}
	raw, present := all[a.cfg.RoleClaim]
	if !present {
		var names map[string]any
		_ = json.Unmarshal(all["_claim_names"], &names)
		_, deferred = names[a.cfg.RoleClaim]
		return nil, deferred
	}
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return []string{one}, false
	}
	var list []any
	_ = json.Unmarshal(raw, &list)
	values = make([]string, 0, len(list))
	for _, v := range list {
		if s, ok := v.(string); ok {
			values = append(values, s)
		}
	}
	return values, false
}
