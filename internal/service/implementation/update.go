package implementation

import (
	"context"

	"github.com/planwerk/planwerk/internal/domain"
)

// Update applies upd to the implementation key names, provided nobody saved
// since expectedVersion was read: the workflow rules decide in the same
// transaction that writes the change and its audit event, on the values
// stored at that moment.
//
// A refusal is a domain error at its field (several joined when the tracking
// fields have more than one problem). When someone saved in between, Update
// returns the implementation as stored now with an error wrapping
// domain.ErrStaleVersion, so the caller can show both side by side.
func (s *Service) Update(ctx context.Context, actor domain.Actor, key domain.ImplementationKey,
	expectedVersion int, upd domain.ImplementationUpdate) (domain.Implementation, error) {
	now := s.now()
	return s.store.UpdateImplementation(ctx, key, expectedVersion, actor.UserID(),
		func(cur domain.Implementation) (domain.Implementation, error) { return upd.Apply(cur, now) })
}
