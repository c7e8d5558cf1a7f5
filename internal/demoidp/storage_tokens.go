package demoidp

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"slices"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// accessToken is an opaque bearer token; the op package hands the client
// its id, encrypted together with the subject.
type accessToken struct {
	subject, clientID, requestID string
	scopes                       []string
	expires                      time.Time
}

var errNotSupported = errors.New("vom Demo-Anmeldedienst nicht unterstützt")

// CreateAccessToken issues the access token for an exchanged code.
func (s *storage) CreateAccessToken(_ context.Context, req op.TokenRequest) (string, time.Time, error) {
	ar, ok := req.(*authRequest)
	if !ok {
		return "", time.Time{}, oidc.ErrUnsupportedGrantType()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.sweep(now)
	id := rand.Text()
	t := &accessToken{subject: ar.Subject, clientID: ar.ClientID, requestID: ar.ID,
		scopes: slices.Clone(ar.Scopes), expires: now.Add(tokenLifetime)}
	s.tokens[id] = t
	return id, t.expires, nil
}

// validToken returns a copy of an unexpired token issued to subject.
func (s *storage) validToken(id, subject string) (accessToken, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tokens[id]
	if !ok || t.subject != subject || s.now().After(t.expires) {
		return accessToken{}, false
	}
	return *t, true
}

// revokeRequestTokens drops the tokens issued for one authorization
// request; callers hold mu.
func (s *storage) revokeRequestTokens(requestID string) {
	for id, t := range s.tokens {
		if t.requestID == requestID {
			delete(s.tokens, id)
		}
	}
}

// CreateAccessAndRefreshTokens is never called: the client may not use the
// refresh_token grant.
func (s *storage) CreateAccessAndRefreshTokens(context.Context, op.TokenRequest, string) (string, string, time.Time, error) {
	return "", "", time.Time{}, oidc.ErrUnsupportedGrantType()
}

func (s *storage) TokenRequestByRefreshToken(context.Context, string) (op.RefreshTokenRequest, error) {
	return nil, op.ErrInvalidRefreshToken
}

func (s *storage) GetRefreshTokenInfo(context.Context, string, string) (string, string, error) {
	return "", "", op.ErrInvalidRefreshToken
}

// TerminateSession (end_session) revokes the user's tokens for the client;
// there is no browser session to end.
func (s *storage) TerminateSession(_ context.Context, userID, clientID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, t := range s.tokens {
		if t.subject == userID && (clientID == "" || t.clientID == clientID) {
			delete(s.tokens, id)
		}
	}
	return nil
}

// RevokeToken answers success for unknown tokens too, as RFC 7009 asks.
func (s *storage) RevokeToken(_ context.Context, tokenID, _, clientID string) *oidc.Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.tokens[tokenID]; ok && t.clientID == clientID {
		delete(s.tokens, tokenID)
	}
	return nil
}

func (s *storage) SigningKey(context.Context) (op.SigningKey, error) { return s.key, nil }

func (s *storage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{jose.RS256}, nil
}

func (s *storage) KeySet(context.Context) ([]op.Key, error) {
	return []op.Key{publicKey{s.key}}, nil
}

func (s *storage) GetClientByClientID(_ context.Context, id string) (op.Client, error) {
	if id != s.client.id {
		return nil, errUnknownClient
	}
	return s.client, nil
}

func (s *storage) AuthorizeClientIDSecret(_ context.Context, id, secret string) error {
	if id != s.client.id || subtle.ConstantTimeCompare([]byte(secret), []byte(s.client.secret)) != 1 {
		return errUnknownClient
	}
	return nil
}

// SetUserinfoFromScopes is deprecated in the op package; the claims are set
// in SetUserinfoFromRequest.
func (s *storage) SetUserinfoFromScopes(context.Context, *oidc.UserInfo, string, string, []string) error {
	return nil
}

// SetUserinfoFromRequest fills the ID token's claims.
func (s *storage) SetUserinfoFromRequest(_ context.Context, info *oidc.UserInfo, req op.IDTokenRequest, scopes []string) error {
	return s.fillUserinfo(info, req.GetSubject(), scopes)
}

// SetUserinfoFromToken answers the userinfo endpoint.
func (s *storage) SetUserinfoFromToken(_ context.Context, info *oidc.UserInfo, tokenID, subject, _ string) error {
	t, ok := s.validToken(tokenID, subject)
	if !ok {
		return errors.New("access token invalid")
	}
	return s.fillUserinfo(info, subject, t.scopes)
}

func (s *storage) SetIntrospectionFromToken(_ context.Context, resp *oidc.IntrospectionResponse, tokenID, subject, clientID string) error {
	t, ok := s.validToken(tokenID, subject)
	if !ok || t.clientID != clientID {
		return errors.New("access token invalid")
	}
	info := new(oidc.UserInfo)
	if err := s.fillUserinfo(info, subject, t.scopes); err != nil {
		return err
	}
	resp.SetUserInfo(info)
	resp.Active, resp.ClientID, resp.Scope = true, t.clientID, t.scopes
	resp.Expiration = oidc.FromTime(t.expires)
	return nil
}

// fillUserinfo sets the claims the scopes ask for: profile gives name and
// username, email the (verified) role mailbox.
func (s *storage) fillUserinfo(info *oidc.UserInfo, subject string, scopes []string) error {
	a, ok := s.users.bySubject[subject]
	if !ok {
		return errors.New("unknown subject")
	}
	info.Subject = a.Subject
	if slices.Contains(scopes, oidc.ScopeProfile) {
		info.Name, info.PreferredUsername = a.Name, a.Username
	}
	if slices.Contains(scopes, oidc.ScopeEmail) {
		info.Email, info.EmailVerified = a.Email, true
	}
	return nil
}

func (s *storage) GetPrivateClaimsFromScopes(context.Context, string, string, []string) (map[string]any, error) {
	return nil, nil
}

func (s *storage) GetKeyByIDAndClientID(context.Context, string, string) (*jose.JSONWebKey, error) {
	return nil, errNotSupported
}

func (s *storage) ValidateJWTProfileScopes(context.Context, string, []string) ([]string, error) {
	return nil, errNotSupported
}
