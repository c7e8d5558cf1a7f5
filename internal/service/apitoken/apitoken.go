// Package apitoken is the use case of personal API tokens: a signed-in user
// creates and revokes their own; a request to the API presents one and is
// served as that user. The secret is shown once and only its hash is kept.
package apitoken

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"slices"
	"strings"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// Prefix starts every token, so that a leaked one is recognisable (secret
// scanners, logs) as a Planwerk token.
const Prefix = "pw_"

// Store is what the use case needs; *postgres.DB satisfies it.
type Store interface {
	CreateAPIToken(ctx context.Context, userID int64, name string, hash []byte, expiresAt time.Time) (domain.APIToken, error)
	FindAPITokens(ctx context.Context, userID int64) ([]domain.APIToken, error)
	RevokeAPIToken(ctx context.Context, userID, id int64, at time.Time) error
	UseAPIToken(ctx context.Context, hash []byte, now, dayStart time.Time) (domain.APIToken, error)
}

// Service creates, lists, revokes and checks tokens.
type Service struct {
	store Store
	now   func() time.Time
	// day is the time zone in which "one use event per day" is counted.
	day *time.Location
}

// New builds the service; now is the clock (tests fix it).
func New(store Store, now func() time.Time) *Service {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		loc = time.UTC
	}
	return &Service{store: store, now: now, day: loc}
}

// Create makes a token for userID, valid for days (one of
// domain.APITokenValidity), and returns it with its secret, which is never
// available again.
func (s *Service) Create(ctx context.Context, userID int64, name string, days int) (string, domain.APIToken, error) {
	name, err := domain.CheckAPITokenName(name)
	if err != nil {
		return "", domain.APIToken{}, err
	}
	if !slices.Contains(domain.APITokenValidity, days) {
		return "", domain.APIToken{}, domain.Keyed(domain.CodeInvalid, "days", "error.token.validity",
			"Bitte wählen Sie eine Gültigkeitsdauer aus.")
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", domain.APIToken{}, &domain.Error{Code: domain.CodeInternal, Err: err}
	}
	secret := Prefix + base64.RawURLEncoding.EncodeToString(b)
	tok, err := s.store.CreateAPIToken(ctx, userID, name, hash(secret), s.now().AddDate(0, 0, days))
	return secret, tok, err
}

// List returns userID's tokens, newest first.
func (s *Service) List(ctx context.Context, userID int64) ([]domain.APIToken, error) {
	return s.store.FindAPITokens(ctx, userID)
}

// Revoke ends one of userID's tokens at once.
func (s *Service) Revoke(ctx context.Context, userID, id int64) error {
	return s.store.RevokeAPIToken(ctx, userID, id, s.now())
}

// ErrUnknown is the answer for a secret that authenticates nothing: unknown,
// malformed, expired or revoked alike, so a caller learns nothing about
// which tokens exist.
var ErrUnknown = domain.Keyed(domain.CodeNotFound, "", "error.token.unknown",
	"Der API-Zugang fehlt, ist unbekannt, abgelaufen oder widerrufen.")

// Authenticate returns the usable token with this secret and records its use.
func (s *Service) Authenticate(ctx context.Context, secret string) (domain.APIToken, error) {
	if !strings.HasPrefix(secret, Prefix) || len(secret) > 200 {
		return domain.APIToken{}, ErrUnknown
	}
	now := s.now()
	y, m, d := now.In(s.day).Date()
	tok, err := s.store.UseAPIToken(ctx, hash(secret), now, time.Date(y, m, d, 0, 0, 0, 0, s.day))
	if domain.ErrorCode(err) == domain.CodeNotFound || (err == nil && !tok.Usable(now)) {
		return domain.APIToken{}, ErrUnknown
	}
	return tok, err
}

func hash(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}
