// Package localmeasure owns the use case of a town adding a measure of its
// own under a goal of the current plan.
package localmeasure

import (
	"context"

	"github.com/planwerk/planwerk/internal/domain"
)

// Store is what the use case reads and writes; *postgres.DB implements it.
// CreateLocalMeasure is one transaction: the measure, the town's
// implementation of it and an audit event for each.
type Store interface {
	FindCatalogue(ctx context.Context, planID int64) ([]domain.ActionField, error)
	CreateLocalMeasure(ctx context.Context, orgID, planID int64, actorID *int64,
		m domain.NewLocalMeasure) (domain.Implementation, error)
}

// Service runs the use case.
type Service struct{ store Store }

// New returns the service on store.
func New(store Store) *Service { return &Service{store: store} }

// Goals lists the plan's action fields with their goals, for the form. Only
// a municipality adds local measures: the county office carries county-wide
// ones, so for it the form does not exist.
func (s *Service) Goals(ctx context.Context, town domain.Organisation, plan domain.Plan) ([]domain.ActionField, error) {
	if err := checkTown(town); err != nil {
		return nil, err
	}
	return s.store.FindCatalogue(ctx, plan.ID)
}

// Create adds town's measure m under a goal of plan, with town's
// implementation of it (relevant, planned), and returns the implementation.
// A goal of another plan is refused on field goal_id.
func (s *Service) Create(ctx context.Context, actor domain.Actor, town domain.Organisation, plan domain.Plan,
	m domain.NewLocalMeasure) (domain.Implementation, error) {
	if err := checkTown(town); err != nil {
		return domain.Implementation{}, err
	}
	m, err := m.Check()
	if err != nil {
		return domain.Implementation{}, err
	}
	return s.store.CreateLocalMeasure(ctx, town.ID, plan.ID, actor.UserID(), m)
}

func checkTown(town domain.Organisation) error {
	if town.Kind != domain.OrgMunicipality {
		return domain.Keyed(domain.CodeNotFound, "", "error.msg.notFound", "local measures belong to municipalities")
	}
	return nil
}
