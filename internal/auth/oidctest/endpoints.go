package oidctest

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// codeLifetime is how long an authorization code may wait to be redeemed.
const codeLifetime = time.Minute

func (p *Provider) discovery(w http.ResponseWriter, _ *http.Request) {
	iss := p.Issuer()
	doc := map[string]any{
		"issuer":                                iss,
		"authorization_endpoint":                iss + "/authorize",
		"token_endpoint":                        iss + "/token",
		"userinfo_endpoint":                     iss + "/userinfo",
		"jwks_uri":                              iss + "/keys",
		"response_types_supported":              []string{"code"},
		"subject_types_supported":               []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"code_challenge_methods_supported":      []string{"S256"},
		"token_endpoint_auth_methods_supported": []string{"client_secret_basic", "client_secret_post"},
		"scopes_supported":                      []string{"openid", "profile", "email"},
	}
	p.mu.Lock()
	if !p.noEndSession {
		doc["end_session_endpoint"] = p.EndSessionURL()
	}
	p.mu.Unlock()
	writeJSON(w, http.StatusOK, doc)
}

func (p *Provider) jwks(w http.ResponseWriter, _ *http.Request) {
	signing, _ := keys()
	writeJSON(w, http.StatusOK, jose.JSONWebKeySet{Keys: []jose.JSONWebKey{
		{Key: &signing.PublicKey, KeyID: keyID, Algorithm: string(jose.RS256), Use: "sig"},
	}})
}

// authorize approves the configured user at once, but only for a request a
// careful relying party would send: code flow, openid scope, state, nonce
// and an S256 PKCE challenge. Anything less is a test failure, not a redirect.
func (p *Provider) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	redirect, err := url.Parse(q.Get("redirect_uri"))
	switch {
	case q.Get("client_id") != ClientID:
		http.Error(w, "unknown client_id", http.StatusBadRequest)
		return
	case err != nil || !redirect.IsAbs():
		http.Error(w, "redirect_uri missing or not absolute", http.StatusBadRequest)
		return
	case q.Get("response_type") != "code" || !slices.Contains(strings.Fields(q.Get("scope")), "openid"):
		http.Error(w, "expected response_type=code and scope openid", http.StatusBadRequest)
		return
	case q.Get("state") == "" || q.Get("nonce") == "":
		http.Error(w, "state and nonce are required", http.StatusBadRequest)
		return
	case q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "":
		http.Error(w, "PKCE with S256 is required", http.StatusBadRequest)
		return
	}
	back := redirect.Query()
	back.Set("state", q.Get("state"))
	p.mu.Lock()
	if p.denyNext {
		p.denyNext = false
		back.Set("error", "access_denied")
		back.Set("error_description", "The user declined.")
	} else {
		code := rand.Text()
		p.codes[code] = &grant{user: p.user, nonce: q.Get("nonce"), challenge: q.Get("code_challenge"),
			redirectURI: q.Get("redirect_uri"), issued: time.Now()}
		back.Set("code", code)
	}
	p.mu.Unlock()
	redirect.RawQuery = back.Encode()
	http.Redirect(w, r, redirect.String(), http.StatusFound)
}

// token redeems a code once, for the client it was issued to, with the PKCE
// verifier matching its challenge and the same redirect_uri.
func (p *Provider) token(w http.ResponseWriter, r *http.Request) {
	id, secret, ok := r.BasicAuth()
	if !ok {
		id, secret = r.PostFormValue("client_id"), r.PostFormValue("client_secret")
	}
	if id != ClientID || secret != ClientSecret {
		oauthError(w, http.StatusUnauthorized, "invalid_client")
		return
	}
	if r.PostFormValue("grant_type") != "authorization_code" {
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type")
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	g := p.codes[r.PostFormValue("code")]
	if g == nil || g.used || time.Since(g.issued) > codeLifetime ||
		g.redirectURI != r.PostFormValue("redirect_uri") || !pkceMatches(g.challenge, r.PostFormValue("code_verifier")) {
		if g != nil {
			g.used = true // a failed or repeated attempt burns the code, as RFC 6749 §4.1.2 advises
		}
		oauthError(w, http.StatusBadRequest, "invalid_grant")
		return
	}
	g.used = true
	idToken, err := p.idToken(g)
	if err != nil {
		oauthError(w, http.StatusInternalServerError, "server_error")
		return
	}
	access := rand.Text()
	p.accessTokens[access] = g
	p.lastIDToken = idToken
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": access, "token_type": "Bearer", "expires_in": 300, "id_token": idToken,
	})
}

func pkceMatches(challenge, verifier string) bool {
	sum := sha256.Sum256([]byte(verifier))
	return verifier != "" && base64.RawURLEncoding.EncodeToString(sum[:]) == challenge
}

func (p *Provider) userinfo(w http.ResponseWriter, r *http.Request) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	p.mu.Lock()
	g := p.accessTokens[token]
	attack := p.takeAttack(UserinfoOtherSubject)
	p.mu.Unlock()
	if !ok || g == nil {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		oauthError(w, http.StatusUnauthorized, "invalid_token")
		return
	}
	claims := profileClaims(g.user)
	if attack {
		claims["sub"] = "someone-else"
	}
	writeJSON(w, http.StatusOK, claims)
}

// logout accepts only an id_token_hint this provider signed, records whose
// session ended and returns to post_logout_redirect_uri.
func (p *Provider) logout(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	subject, err := p.subjectOf(q.Get("id_token_hint"))
	if err != nil {
		http.Error(w, "invalid id_token_hint", http.StatusBadRequest)
		return
	}
	p.mu.Lock()
	p.signedOut = append(p.signedOut, subject)
	p.mu.Unlock()
	if back := q.Get("post_logout_redirect_uri"); back != "" {
		http.Redirect(w, r, back, http.StatusFound)
		return
	}
	_, _ = w.Write([]byte("Sie sind abgemeldet."))
}

func oauthError(w http.ResponseWriter, status int, code string) {
	writeJSON(w, status, map[string]string{"error": code})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
