// Package need owns the use cases of cross-municipal needs: a town reports
// one, the KI of the county lists them and links each to a county-wide
// measure with a status.
package need

import (
	"context"
	"errors"

	"github.com/planwerk/planwerk/internal/domain"
)

// Store is what the needs read and write; *postgres.DB implements it. Each
// write is one transaction with its audit event.
type Store interface {
	CreateNeed(ctx context.Context, orgID int64, actorID *int64, title, description string) (domain.Need, error)
	FindNeeds(ctx context.Context, orgID int64) ([]domain.Need, error)
	FindAllNeeds(ctx context.Context, countyID int64, status domain.NeedStatus) ([]domain.Need, error)
	FindCountyMeasures(ctx context.Context, planID int64) ([]domain.Measure, error)
	UpdateNeed(ctx context.Context, actorID *int64, id, planID int64, expectedVersion int,
		change domain.NeedChange) (domain.Need, error)
}

// Service runs the needs' use cases.
type Service struct{ store Store }

// New returns the service on store.
func New(store Store) *Service { return &Service{store: store} }

// Report is a need a town reports, as typed.
type Report struct {
	Title, Description string
}

// Report records a need of town, reported by actor. Title and description
// are trimmed and checked first (domain.CheckNeed): every refused field is
// reported at once.
func (s *Service) Report(ctx context.Context, actor domain.Actor, town domain.Organisation, r Report) (domain.Need, error) {
	title, description, err := domain.CheckNeed(r.Title, r.Description)
	if err != nil {
		return domain.Need{}, err
	}
	return s.store.CreateNeed(ctx, town.ID, actor.UserID(), title, description)
}

// OfTown lists the needs town reported, newest first.
func (s *Service) OfTown(ctx context.Context, town domain.Organisation) ([]domain.Need, error) {
	return s.store.FindNeeds(ctx, town.ID)
}

// CountyNeeds are the needs of a county's towns with the county-wide
// measures of the plan they can be linked to.
type CountyNeeds struct {
	Needs    []domain.Need
	Measures []domain.Measure
}

// OfCounty lists the needs of every town of plan's county, oldest first;
// filter "" lists every status, an unknown filter too.
func (s *Service) OfCounty(ctx context.Context, plan domain.Plan, filter domain.NeedStatus) (CountyNeeds, error) {
	if !filter.Valid() {
		filter = ""
	}
	needs, err := s.store.FindAllNeeds(ctx, plan.OwnerID, filter)
	if err != nil {
		return CountyNeeds{}, err
	}
	measures, err := s.store.FindCountyMeasures(ctx, plan.ID)
	return CountyNeeds{Needs: needs, Measures: measures}, err
}

// Update is the KI's change of one need, saved from Version.
type Update struct {
	NeedID  int64
	Version int
	Status  domain.NeedStatus
	// MeasureID is the county-wide measure to link, nil for none.
	MeasureID *int64
}

// Update sets a need's status and county-wide measure of plan, provided
// nobody saved since u.Version (else a conflict wrapping
// domain.ErrStaleVersion). A measure that is not county-wide or of another
// plan is refused on field measure_id.
func (s *Service) Update(ctx context.Context, actor domain.Actor, plan domain.Plan, u Update) (domain.Need, error) {
	var errs []error
	if !u.Status.Valid() {
		errs = append(errs, domain.Keyed(domain.CodeInvalid, "status", "need.err.status", "unknown need status"))
	}
	if u.MeasureID != nil && *u.MeasureID <= 0 {
		errs = append(errs, domain.Keyed(domain.CodeInvalid, "measure_id", "need.err.measure", "no measure id"))
	}
	if len(errs) > 0 {
		return domain.Need{}, errors.Join(errs...)
	}
	return s.store.UpdateNeed(ctx, actor.UserID(), u.NeedID, plan.ID, u.Version,
		domain.NeedChange{Status: u.Status, MeasureID: u.MeasureID})
}
