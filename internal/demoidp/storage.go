package demoidp

import (
	"context"
	"crypto/rand"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// Lifetimes: a sign-in must be finished within authRequestLifetime, a code
// exchanged within codeLifetime; tokens live for tokenLifetime.
const (
	authRequestLifetime = 15 * time.Minute
	codeLifetime        = 2 * time.Minute
	tokenLifetime       = time.Hour
)

var (
	errUnknownRequest = errors.New("Anmeldeanfrage unbekannt oder abgelaufen")
	errUnknownClient  = errors.New("unbekannter Client")
)

// storage is our own op.Storage: everything lives in memory, guarded by mu,
// and is lost when the provider stops. Expired entries are swept on every
// write, so the maps stay small however long the demo runs.
type storage struct {
	mu        sync.Mutex
	now       func() time.Time
	key       *signingKey
	client    *client
	users     *directory
	requests  map[string]*authRequest
	codes     map[string]codeGrant // issued, not yet exchanged
	usedCodes map[string]codeGrant // exchanged, remembered until they would have expired
	tokens    map[string]*accessToken
}

var _ op.Storage = (*storage)(nil)

type codeGrant struct {
	requestID string
	expires   time.Time
}

func newStorage(key *signingKey, c *client, users *directory) *storage {
	return &storage{now: time.Now, key: key, client: c, users: users,
		requests: map[string]*authRequest{}, codes: map[string]codeGrant{},
		usedCodes: map[string]codeGrant{}, tokens: map[string]*accessToken{}}
}

// CreateAuthRequest stores a validated authorization request. PKCE with
// S256 is mandatory: the op package would accept a request without it.
func (s *storage) CreateAuthRequest(_ context.Context, req *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	if req.CodeChallenge == "" {
		return nil, oidc.ErrInvalidRequest().WithDescription("code_challenge is required (PKCE with S256)")
	}
	if req.CodeChallengeMethod != oidc.CodeChallengeMethodS256 {
		return nil, oidc.ErrInvalidRequest().WithDescription("code_challenge_method must be S256")
	}
	if slices.Contains(req.Prompt, oidc.PromptNone) {
		// There are no single sign-on sessions: every sign-in shows the form.
		return nil, oidc.ErrLoginRequired()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.sweep(now)
	ar := &authRequest{
		ID: rand.Text(), Created: now, ClientID: req.ClientID, RedirectURI: req.RedirectURI,
		State: req.State, Nonce: req.Nonce, Scopes: slices.Clone(req.Scopes),
		ResponseType: req.ResponseType, ResponseMode: req.ResponseMode,
		CodeChallenge: &oidc.CodeChallenge{Challenge: req.CodeChallenge, Method: req.CodeChallengeMethod},
	}
	s.requests[ar.ID] = ar
	return ar.snapshot(), nil
}

// AuthRequestByID returns a copy: the op package reads it while the login
// page may complete the original.
func (s *storage) AuthRequestByID(_ context.Context, id string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ar, ok := s.liveRequest(id)
	if !ok {
		return nil, errUnknownRequest
	}
	return ar.snapshot(), nil
}

// liveRequest finds an authorization request that has not expired.
func (s *storage) liveRequest(id string) (*authRequest, bool) {
	ar, ok := s.requests[id]
	if !ok || s.now().After(ar.Created.Add(authRequestLifetime)) {
		return nil, false
	}
	return ar, true
}

// pendingRequest returns a copy of a request that still waits for its user.
func (s *storage) pendingRequest(id string) (authRequest, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ar, ok := s.liveRequest(id)
	if !ok || ar.IsDone {
		return authRequest{}, false
	}
	return *ar, true
}

// completeLogin records that subject signed in for the request.
func (s *storage) completeLogin(id, subject string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ar, ok := s.liveRequest(id)
	if !ok || ar.IsDone {
		return errUnknownRequest
	}
	ar.Subject, ar.AuthTime, ar.IsDone = subject, s.now(), true
	return nil
}

// SaveAuthCode stores the code for a completed request. One request yields
// one code: replaying the callback URL must not mint a second.
func (s *storage) SaveAuthCode(_ context.Context, id, code string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ar, ok := s.liveRequest(id)
	if !ok || !ar.IsDone || ar.CodeIssued {
		return oidc.ErrInvalidRequest().WithDescription("authorization request unknown, incomplete or already used")
	}
	ar.CodeIssued = true
	s.codes[code] = codeGrant{requestID: id, expires: s.now().Add(codeLifetime)}
	return nil
}

// AuthRequestByCode redeems a code: it works once. A code presented again
// means it leaked, so the tokens issued for it are revoked (RFC 6749 §4.1.2).
func (s *storage) AuthRequestByCode(_ context.Context, code string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	grant, ok := s.codes[code]
	if !ok {
		if used, reused := s.usedCodes[code]; reused {
			s.revokeRequestTokens(used.requestID)
			delete(s.requests, used.requestID)
			return nil, errors.New("code already used")
		}
		return nil, errors.New("code unknown")
	}
	delete(s.codes, code)
	s.usedCodes[code] = grant
	ar, live := s.liveRequest(grant.requestID)
	if !live || now.After(grant.expires) {
		return nil, errors.New("code expired")
	}
	return ar.snapshot(), nil
}

// DeleteAuthRequest is called once the tokens are issued.
func (s *storage) DeleteAuthRequest(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.requests, id)
	for code, g := range s.codes {
		if g.requestID == id {
			delete(s.codes, code)
		}
	}
	return nil
}

// sweep drops every expired entry; callers hold mu.
func (s *storage) sweep(now time.Time) {
	for id, ar := range s.requests {
		if now.After(ar.Created.Add(authRequestLifetime)) {
			delete(s.requests, id)
		}
	}
	for _, m := range []map[string]codeGrant{s.codes, s.usedCodes} {
		for code, g := range m {
			if now.After(g.expires) {
				delete(m, code)
			}
		}
	}
	for id, t := range s.tokens {
		if now.After(t.expires) {
			delete(s.tokens, id)
		}
	}
}

// Health tells the op package's readiness probe that storage works; in
// memory it always does.
func (s *storage) Health(context.Context) error { return nil }
