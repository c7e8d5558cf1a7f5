package implementation

import (
	"context"
	"slices"

	"github.com/planwerk/planwerk/internal/domain"
)

// RequestSupport records a municipality's request for KI support with its
// text, provided the support state allows a request and nobody saved since
// expectedVersion (see Update for a stale version).
func (s *Service) RequestSupport(ctx context.Context, actor domain.Actor, key domain.ImplementationKey,
	expectedVersion int, text string) (domain.Implementation, error) {
	return s.step(ctx, actor, key, expectedVersion, func(w domain.Workflow) (domain.Workflow, error) {
		return w.RequestSupport(text)
	})
}

// AnswerSupport records the KI's answer to a support request: accepted,
// declined (a reason is required) or done, as the support state allows.
func (s *Service) AnswerSupport(ctx context.Context, actor domain.Actor, key domain.ImplementationKey,
	expectedVersion int, answer domain.Support, response string) (domain.Implementation, error) {
	return s.step(ctx, actor, key, expectedVersion, func(w domain.Workflow) (domain.Workflow, error) {
		return w.AnswerSupport(answer, response)
	})
}

// step applies one workflow step to the implementation as stored, in the
// transaction that writes it with its audit event.
func (s *Service) step(ctx context.Context, actor domain.Actor, key domain.ImplementationKey, expectedVersion int,
	step func(domain.Workflow) (domain.Workflow, error)) (domain.Implementation, error) {
	return s.store.UpdateImplementation(ctx, key, expectedVersion, actor.UserID(),
		func(cur domain.Implementation) (domain.Implementation, error) {
			w, err := step(cur.Workflow())
			if err != nil {
				return cur, err
			}
			return cur.WithWorkflow(w), nil
		})
}

// TakeSupport makes actor the KI staff member who works on an open support
// request; someone who took it before is replaced (the audit log keeps both).
func (s *Service) TakeSupport(ctx context.Context, actor domain.Actor, key domain.ImplementationKey) error {
	return s.store.TakeSupportRequest(ctx, key, actor.UserID())
}

// SupportQueue lists one tab of the KI's support queue of a plan.
func (s *Service) SupportQueue(ctx context.Context, f domain.SupportQueueFilter) ([]domain.SupportRequest, error) {
	if !slices.Contains(domain.SupportTabs, f.Tab) {
		f.Tab = domain.SupportTabNew
	}
	return s.store.FindSupportQueue(ctx, f)
}
