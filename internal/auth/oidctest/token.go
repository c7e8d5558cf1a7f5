package oidctest

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"maps"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// Attack is one way the next ID token (or userinfo answer) is made hostile.
type Attack int

const (
	// WrongNonce: the token carries a nonce the relying party never sent.
	WrongNonce Attack = iota + 1
	// Expired: the token expired ten minutes ago.
	Expired
	// WrongAudience: the token was issued to another client.
	WrongAudience
	// WrongIssuer: the token names another issuer.
	WrongIssuer
	// AlgNone: the token is unsigned (header alg "none", empty signature).
	AlgNone
	// UnknownKey: the token is signed with a key the JWKS does not publish,
	// under the published key id.
	UnknownKey
	// SecretKeyed: the token is signed with HS256 keyed by the client secret,
	// which anyone holding the secret could forge.
	SecretKeyed
	// UserinfoOtherSubject: the next userinfo answer is about another subject.
	UserinfoOtherSubject
	// FutureIssuedAt: the token says it was issued 24 hours from now (and
	// expires five minutes after that), as a provider with a wrong clock or
	// one minting tokens in advance would.
	FutureIssuedAt
	// NoIssuedAt: the token has no iat claim, which OpenID Connect requires.
	NoIssuedAt
)

// Tamper makes the next token (or, for UserinfoOtherSubject, the next
// userinfo answer) hostile in the given way.
func (p *Provider) Tamper(a Attack) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.attack = a
}

// TamperClaims lets a test edit the claims of the next ID token before it is
// signed with the provider's real key.
func (p *Provider) TamperClaims(f func(claims map[string]any)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.tamper = f
}

// takeAttack reports whether attack a is pending and clears it; callers hold p.mu.
func (p *Provider) takeAttack(a Attack) bool {
	if p.attack != a {
		return false
	}
	p.attack = 0
	return true
}

func profileClaims(u user) map[string]any {
	claims := maps.Clone(u.claims)
	if claims == nil {
		claims = map[string]any{}
	}
	claims["sub"] = u.subject
	if u.name != "" {
		claims["name"] = u.name
	}
	if u.email != "" {
		claims["email"] = u.email
	}
	return claims
}

// idToken builds and signs the ID token for a redeemed grant, applying a
// pending attack; callers hold p.mu.
func (p *Provider) idToken(g *grant) (string, error) {
	now := time.Now()
	claims := profileClaims(g.user)
	if p.profileInUserinfo {
		delete(claims, "name")
		delete(claims, "email")
	}
	claims["iss"], claims["aud"], claims["nonce"] = p.Issuer(), ClientID, g.nonce
	claims["iat"], claims["exp"], claims["auth_time"] = now.Unix(), now.Add(5*time.Minute).Unix(), now.Unix()
	attack := p.attack
	if attack != UserinfoOtherSubject {
		p.attack = 0
	}
	switch attack {
	case WrongNonce:
		claims["nonce"] = "not-the-nonce-you-sent"
	case Expired:
		claims["iat"], claims["exp"] = now.Add(-20*time.Minute).Unix(), now.Add(-10*time.Minute).Unix()
	case WrongAudience:
		claims["aud"] = "another-client"
	case WrongIssuer:
		claims["iss"] = "https://evil.example"
	case FutureIssuedAt:
		later := now.Add(24 * time.Hour)
		claims["iat"], claims["exp"], claims["auth_time"] = later.Unix(), later.Add(5*time.Minute).Unix(), later.Unix()
	case NoIssuedAt:
		delete(claims, "iat")
	}
	if p.tamper != nil {
		p.tamper(claims)
		p.tamper = nil
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	return sign(payload, attack)
}

func sign(payload []byte, attack Attack) (string, error) {
	if attack == AlgNone {
		header := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`))
		return header + "." + base64.RawURLEncoding.EncodeToString(payload) + ".", nil
	}
	key, stray := keys()
	signing := jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: key, KeyID: keyID}}
	switch attack {
	case UnknownKey:
		signing.Key = jose.JSONWebKey{Key: stray, KeyID: keyID}
	case SecretKeyed:
		signing = jose.SigningKey{Algorithm: jose.HS256, Key: []byte(ClientSecret)}
	}
	signer, err := jose.NewSigner(signing, (&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		return "", err
	}
	jws, err := signer.Sign(payload)
	if err != nil {
		return "", err
	}
	return jws.CompactSerialize()
}

// subjectOf checks that raw is an ID token this provider signed (expired is
// fine: a hint may be old) and returns its subject.
func (p *Provider) subjectOf(raw string) (string, error) {
	jws, err := jose.ParseSigned(raw, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		return "", err
	}
	key, _ := keys()
	payload, err := jws.Verify(&key.PublicKey)
	if err != nil {
		return "", err
	}
	var claims struct {
		Issuer  string `json:"iss"`
		Subject string `json:"sub"`
	}
	if err := json.Unmarshal(payload, &claims); err != nil {
		return "", err
	}
	if claims.Issuer != p.Issuer() || claims.Subject == "" {
		return "", errors.New("foreign token")
	}
	return claims.Subject, nil
}
