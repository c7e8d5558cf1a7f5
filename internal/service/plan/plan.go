// Package plan owns the reading of action plans: which plans a user may
// read, a plan's catalogue with the state of every measure, one measure
// across the municipalities, and the municipalities of a county.
package plan

import (
	"context"

	"github.com/planwerk/planwerk/internal/domain"
)

// Store is what the plan pages read; *postgres.DB implements it.
type Store interface {
	FindPlans(ctx context.Context) ([]domain.Plan, error)
	FindCatalogue(ctx context.Context, planID int64) ([]domain.ActionField, error)
	TallyByMeasure(ctx context.Context, planID int64) (map[int64]domain.Tally, error)
	FindMeasurePage(ctx context.Context, planID, measureID int64) (domain.MeasureContext, []domain.MunicipalImplementation, error)
	FindMunicipalities(ctx context.Context, countyID int64) ([]domain.Organisation, error)
}

// Service runs the plans' read use cases.
type Service struct{ store Store }

// New returns the service on store.
func New(store Store) *Service { return &Service{store: store} }

// Readable lists the plans of the counties whose plans canRead allows
// (it is given a county office's slug), grouped by county office and current
// first within it.
func (s *Service) Readable(ctx context.Context, canRead func(countySlug string) bool) ([]domain.Plan, error) {
	all, err := s.store.FindPlans(ctx)
	if err != nil {
		return nil, err
	}
	byCounty := map[string][]domain.Plan{}
	var order []string
	for _, p := range all {
		if !canRead(p.OwnerSlug) {
			continue
		}
		if _, seen := byCounty[p.OwnerSlug]; !seen {
			order = append(order, p.OwnerSlug)
		}
		byCounty[p.OwnerSlug] = append(byCounty[p.OwnerSlug], p)
	}
	var out []domain.Plan
	for _, county := range order {
		out = append(out, byCounty[county]...)
	}
	return out, nil
}

// Catalogue is a plan's action fields → goals → measures, each with the
// state counts over all municipalities, and their sums.
type Catalogue struct {
	Plan     domain.Plan
	Fields   []domain.ActionField
	Total    domain.Tally
	Measures int
}

// Catalogue reads the plan's catalogue and tallies (one catalogue query and
// one aggregate query) and sums them up per goal, field and plan.
func (s *Service) Catalogue(ctx context.Context, plan domain.Plan) (Catalogue, error) {
	fields, err := s.store.FindCatalogue(ctx, plan.ID)
	if err != nil {
		return Catalogue{}, err
	}
	tallies, err := s.store.TallyByMeasure(ctx, plan.ID)
	if err != nil {
		return Catalogue{}, err
	}
	c := Catalogue{Plan: plan, Fields: fields}
	for fi := range c.Fields {
		f := &c.Fields[fi]
		for gi := range f.Goals {
			g := &f.Goals[gi]
			for mi := range g.Measures {
				m := &g.Measures[mi]
				m.Tally = tallies[m.ID]
				g.Tally.Merge(m.Tally)
				c.Measures++
			}
			f.Tally.Merge(g.Tally)
		}
		c.Total.Merge(f.Tally)
	}
	return c, nil
}

// Measure is one measure with every organisation's implementation of it.
type Measure struct {
	Measure         domain.MeasureContext
	Implementations []domain.MunicipalImplementation
	Tally           domain.Tally
}

// Measure reads measure measureID of plan. A measure of another plan
// (perhaps another county's) does not exist within this one: not found.
func (s *Service) Measure(ctx context.Context, plan domain.Plan, measureID int64) (Measure, error) {
	// A measure of another plan (perhaps another county's) is not found.
	m, impls, err := s.store.FindMeasurePage(ctx, plan.ID, measureID)
	if err != nil {
		return Measure{}, err
	}
	out := Measure{Measure: m, Implementations: impls}
	for _, i := range impls {
		out.Tally.Add(i.Relevance, i.Status, 1)
	}
	return out, nil
}

// Municipalities lists the municipalities of county.
func (s *Service) Municipalities(ctx context.Context, county domain.Organisation) ([]domain.Organisation, error) {
	return s.store.FindMunicipalities(ctx, county.ID)
}
