package implementation

import (
	"context"

	"github.com/planwerk/planwerk/internal/domain"
)

// AddMilestone adds a milestone (title, optional due date) to the
// implementation key names, with its audit event.
func (s *Service) AddMilestone(ctx context.Context, actor domain.Actor, key domain.ImplementationKey,
	m domain.NewMilestone) (domain.Milestone, error) {
	m, err := m.Check()
	if err != nil {
		return domain.Milestone{}, err
	}
	return s.store.AddMilestone(ctx, key, m.Title, m.DueOn, actor.UserID())
}

// SetMilestoneDone marks a milestone done today (where the users live) or
// open again; setting the state it already has changes nothing.
func (s *Service) SetMilestoneDone(ctx context.Context, actor domain.Actor, key domain.MilestoneKey,
	done bool) (domain.Milestone, error) {
	return s.store.SetMilestoneDone(ctx, key, done, domain.Today(s.now()), actor.UserID())
}

// DeleteMilestone removes a milestone; the audit log keeps what it was.
func (s *Service) DeleteMilestone(ctx context.Context, actor domain.Actor, key domain.MilestoneKey) error {
	return s.store.DeleteMilestone(ctx, key, actor.UserID())
}

// AddComment adds a message to the internal discussion of the
// implementation key names.
func (s *Service) AddComment(ctx context.Context, actor domain.Actor, key domain.ImplementationKey,
	body string) (domain.Comment, error) {
	body, err := domain.CheckComment(body)
	if err != nil {
		return domain.Comment{}, err
	}
	return s.store.AddComment(ctx, key, body, actor.UserID())
}
