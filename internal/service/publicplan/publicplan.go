// Package publicplan owns the public status page of a plan: what the KI
// chose to publish, built only from counts, frozen reports and the
// catalogue – never comments, contacts or drafts.
package publicplan

import (
	"context"

	"github.com/planwerk/planwerk/internal/domain"
)

// Store is what the public status page reads and the setting writes.
type Store interface {
	FindPlanPublication(ctx context.Context, planID int64) (domain.PlanPublication, error)
	SavePlanPublication(ctx context.Context, actorID *int64, ownerID int64, p domain.PlanPublication) error
	TallyByTown(ctx context.Context, planID int64) (map[int64]domain.Tally, error)
	FindMunicipalities(ctx context.Context, countyID int64) ([]domain.Organisation, error)
	FindReports(ctx context.Context, planID int64, withDrafts bool) ([]domain.Report, error)
	DatasetStore
}

// Service runs the public plan page's use cases.
type Service struct{ store Store }

// New returns the service on store.
func New(store Store) *Service { return &Service{store: store} }

// Setting reads what the plan shows the public.
func (s *Service) Setting(ctx context.Context, plan domain.Plan) (domain.PlanPublication, error) {
	return s.store.FindPlanPublication(ctx, plan.ID)
}

// Save sets what the plan shows the public.
func (s *Service) Save(ctx context.Context, actor domain.Actor, plan domain.Plan, p domain.PlanPublication) error {
	p.PlanID = plan.ID
	p.PerTown = p.PerTown && p.Published
	return s.store.SavePlanPublication(ctx, actor.UserID(), plan.OwnerID, p)
}

// Town is one town's state over the plan.
type Town struct {
	Org   domain.Organisation
	Tally domain.Tally
}

// Status is what the public sees of a plan besides its catalogue.
type Status struct {
	Setting domain.PlanPublication
	Towns   []Town          // only when published per town
	Reports []domain.Report // frozen reports only
}

// Public reads the plan's public status; an unpublished plan is not found,
// so that nobody learns more than that the address does not exist.
func (s *Service) Public(ctx context.Context, plan domain.Plan) (Status, error) {
	set, err := s.publication(ctx, plan)
	if err != nil {
		return Status{}, err
	}
	st := Status{Setting: set}
	if st.Reports, err = s.store.FindReports(ctx, plan.ID, false); err != nil {
		return Status{}, err
	}
	if !set.PerTown {
		return st, nil
	}
	towns, err := s.store.FindMunicipalities(ctx, plan.OwnerID)
	if err != nil {
		return Status{}, err
	}
	tallies, err := s.store.TallyByTown(ctx, plan.ID)
	if err != nil {
		return Status{}, err
	}
	for _, t := range towns {
		st.Towns = append(st.Towns, Town{Org: t, Tally: tallies[t.ID]})
	}
	return st, nil
}

// publication is what plan shows the public; a plan that is not published,
// or a draft version (the KI's alone, whatever its setting), is not found.
func (s *Service) publication(ctx context.Context, plan domain.Plan) (domain.PlanPublication, error) {
	set, err := s.store.FindPlanPublication(ctx, plan.ID)
	if err != nil {
		return set, err
	}
	if !set.Published || plan.State == domain.PlanDraft {
		return domain.PlanPublication{}, domain.Keyed(domain.CodeNotFound, "", "error.msg.notFound", "plan not published")
	}
	return set, nil
}
