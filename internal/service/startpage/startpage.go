// Package startpage remembers where a user with several roles starts: their
// town's to-do view, the KI's monitoring, the committee's reports or the
// user administration (domain.StartOptions).
package startpage

import (
	"context"

	"github.com/planwerk/planwerk/internal/domain"
)

// Store saves a user's choice; *postgres.DB implements it.
type Store interface {
	SetStartPage(ctx context.Context, userID int64, key string) error
}

// Service runs the start page's use cases.
type Service struct{ store Store }

// New returns the service.
func New(store Store) *Service { return &Service{store: store} }

// Choose saves the start page named key for the account, provided one of
// the account's roles offers it; it returns the chosen option.
func (s *Service) Choose(ctx context.Context, acc domain.Account, key string) (domain.StartOption, error) {
	o, ok := domain.FindStartOption(domain.StartOptions(acc.Memberships), key)
	if !ok {
		return o, domain.Keyed(domain.CodeInvalid, "start", "start.err.unknown", "no role of the user offers this start page")
	}
	return o, s.store.SetStartPage(ctx, acc.ID, o.Key())
}
