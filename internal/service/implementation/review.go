package implementation

import (
	"context"

	"github.com/planwerk/planwerk/internal/domain"
)

// ReviewRelevance applies one relevance decision to every implementation
// named in versions (id → the version the caller saw) of the workspace ws,
// all or nothing, each with its own audit event. The decision is checked once
// before anything is read; an implementation already relevant stays as it is
// when the decision is "relevant". It returns the implementations as saved:
// a version unchanged means nothing needed to change.
//
// An id outside the workspace is CodeNotFound; a version someone else has
// replaced is a conflict wrapping domain.ErrStaleVersion.
func (s *Service) ReviewRelevance(ctx context.Context, actor domain.Actor, ws domain.WorkspaceKey,
	versions map[int64]int, d domain.RelevanceDecision) ([]domain.Implementation, error) {
	if err := d.Check(); err != nil {
		return nil, err
	}
	now := s.now()
	return s.store.UpdateImplementations(ctx, ws, versions, actor.UserID(),
		func(cur domain.Implementation) (domain.Implementation, error) { return d.Apply(cur, now) })
}
