// Package version owns the Fortschreibung of a plan: the KI starts the next
// version from the current one, maps every measure onto it (continued,
// merged, split or dropped), and adopts it, which carries every
// implementation with a link to its history and makes the old version
// read-only.
package version

import (
	"context"

	"github.com/planwerk/planwerk/internal/domain"
)

// Store is what the use cases read and write; *postgres.DB implements it.
// Each write is one transaction with its audit event.
type Store interface {
	StartPlanVersion(ctx context.Context, oldID int64, actorID *int64, v domain.VersionStart) (domain.Plan, error)
	FindVersionDraft(ctx context.Context, oldID int64) (domain.VersionDraft, error)
	SaveVersionMapping(ctx context.Context, oldID int64, actorID *int64, m domain.MappingEdit) error
	AdoptPlanVersion(ctx context.Context, oldID int64, actorID *int64) (domain.VersionDraft, error)
	DiscardPlanVersion(ctx context.Context, oldID int64, actorID *int64) error
	FindLineage(ctx context.Context, implID int64) ([]domain.LineageLink, error)
}

// Service runs the use cases.
type Service struct{ store Store }

// New returns the service on store.
func New(store Store) *Service { return &Service{store: store} }

// Start starts the next version of plan: a draft with a copy of its
// catalogue, every measure mapped as continued.
func (s *Service) Start(ctx context.Context, actor domain.Actor, plan domain.Plan, v domain.VersionStart) (domain.Plan, error) {
	v, err := v.Check()
	if err != nil {
		return domain.Plan{}, err
	}
	return s.store.StartPlanVersion(ctx, plan.ID, actor.UserID(), v)
}

// Draft returns the mapping of plan onto its next version; not found when
// none was started.
func (s *Service) Draft(ctx context.Context, plan domain.Plan) (domain.VersionDraft, error) {
	return s.store.FindVersionDraft(ctx, plan.ID)
}

// Row returns the mapping of one old measure of plan, with the draft.
func (s *Service) Row(ctx context.Context, plan domain.Plan, oldMeasureID int64) (domain.VersionDraft, domain.MappingRow, error) {
	d, err := s.store.FindVersionDraft(ctx, plan.ID)
	if err != nil {
		return d, domain.MappingRow{}, err
	}
	for _, r := range d.Rows {
		if r.Old.ID == oldMeasureID {
			return d, r, nil
		}
	}
	return d, domain.MappingRow{}, domain.Keyed(domain.CodeNotFound, "", "error.msg.notFound", "no such measure in the old version")
}

// Map saves the mapping of one measure of plan's old version.
func (s *Service) Map(ctx context.Context, actor domain.Actor, plan domain.Plan, m domain.MappingEdit) error {
	m, err := m.Check()
	if err != nil {
		return err
	}
	return s.store.SaveVersionMapping(ctx, plan.ID, actor.UserID(), m)
}

// Adopt adopts the next version of plan. A mapping that is not complete is
// refused with every problem (domain.VersionDraft.Problems).
func (s *Service) Adopt(ctx context.Context, actor domain.Actor, plan domain.Plan) (domain.VersionDraft, []error, error) {
	d, err := s.store.FindVersionDraft(ctx, plan.ID)
	if err != nil {
		return d, nil, err
	}
	if problems := d.Problems(); len(problems) > 0 {
		return d, problems, domain.Keyed(domain.CodeInvalid, "", "versions.err.problems", "the mapping is incomplete",
			"Count", len(problems))
	}
	d, err = s.store.AdoptPlanVersion(ctx, plan.ID, actor.UserID())
	return d, nil, err
}

// Lineage lists the implementations of other versions an implementation
// was carried from or into.
func (s *Service) Lineage(ctx context.Context, implID int64) ([]domain.LineageLink, error) {
	return s.store.FindLineage(ctx, implID)
}

// Discard deletes the draft next version of plan with its catalogue and
// mapping, once the KI has confirmed it; plan may then be continued afresh.
func (s *Service) Discard(ctx context.Context, actor domain.Actor, plan domain.Plan, confirmed bool) error {
	if !confirmed {
		return domain.Keyed(domain.CodeInvalid, "confirm", "versions.err.discardConfirm", "discarding not confirmed")
	}
	return s.store.DiscardPlanVersion(ctx, plan.ID, actor.UserID())
}
