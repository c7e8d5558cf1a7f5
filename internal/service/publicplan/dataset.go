package publicplan

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// DatasetStore is what the open data of a plan's status reads besides Store.
type DatasetStore interface {
	FindPublishedPlans(ctx context.Context) ([]domain.PublishedPlan, error)
	FindCatalogue(ctx context.Context, planID int64) ([]domain.ActionField, error)
	TallyByMeasure(ctx context.Context, planID int64) (map[int64]domain.Tally, error)
	FindMeasureChanges(ctx context.Context, planID int64) (map[int64]time.Time, error)
	FindTownStates(ctx context.Context, planID int64, measureIDs []int64) ([]domain.TownState, error)
	FindStatesOfTown(ctx context.Context, planID, townID int64) ([]domain.TownState, error)
}

// Ref names an action field or goal by code and title.
type Ref struct{ Code, Title string }

// MeasureStatus is one measure of the dataset: its place in the catalogue,
// the counts over all implementations and, when published, each town's state.
type MeasureStatus struct {
	Measure    domain.Measure
	Field      Ref
	Goal       Ref
	Tally      domain.Tally
	ModifiedAt time.Time
	Towns      []domain.TownState // only when published per town
}

// Dataset is the public status of a plan as open data.
type Dataset struct {
	Plan    domain.Plan
	PerTown bool
	Total   domain.Tally
	// Towns are the plan's towns (only when published per town), by name.
	Towns    []domain.Organisation
	Measures []MeasureStatus
	// More: a page was asked for and further measures follow the last one.
	More bool
}

// Page asks for part of the dataset: measures by id after After, changed
// at or after Since (when set), at most Limit (all when 0).
type Page struct {
	After int64
	Since *time.Time
	Limit int
}

// Published lists the plans whose status is public.
func (s *Service) Published(ctx context.Context) ([]domain.PublishedPlan, error) {
	return s.store.FindPublishedPlans(ctx)
}

// Find is the published plan with the given slug; any other (unknown,
// unpublished, a draft) is not found.
func (s *Service) Find(ctx context.Context, slug string) (domain.PublishedPlan, error) {
	plans, err := s.store.FindPublishedPlans(ctx)
	if err != nil {
		return domain.PublishedPlan{}, err
	}
	for _, p := range plans {
		if p.Plan.Slug == slug {
			return p, nil
		}
	}
	return domain.PublishedPlan{}, domain.Keyed(domain.CodeNotFound, "", "error.msg.notFound", "plan not published")
}

// Dataset reads a plan's public status as open data: with a page, its
// measures by id (stable while the KI reorders the catalogue), else all of
// them in catalogue order. An unpublished plan is not found, as its page.
// Six statements, whatever the number of measures and towns.
func (s *Service) Dataset(ctx context.Context, plan domain.Plan, page Page) (Dataset, error) {
	set, err := s.publication(ctx, plan)
	if err != nil {
		return Dataset{}, err
	}
	d := Dataset{Plan: plan, PerTown: set.PerTown}
	all, err := s.measures(ctx, plan, &d)
	if err != nil {
		return Dataset{}, err
	}
	d.Measures = pick(all, page)
	if page.Limit > 0 && len(d.Measures) > page.Limit {
		d.Measures, d.More = d.Measures[:page.Limit], true
	}
	if !set.PerTown {
		return d, nil
	}
	if d.Towns, err = s.store.FindMunicipalities(ctx, plan.OwnerID); err != nil {
		return Dataset{}, err
	}
	return d, s.addTownStates(ctx, plan, d.Measures)
}

// measures reads every shared measure of the plan in catalogue order with
// its counts and change time, and sums the plan's total.
func (s *Service) measures(ctx context.Context, plan domain.Plan, d *Dataset) ([]MeasureStatus, error) {
	fields, err := s.store.FindCatalogue(ctx, plan.ID)
	if err != nil {
		return nil, err
	}
	tallies, err := s.store.TallyByMeasure(ctx, plan.ID)
	if err != nil {
		return nil, err
	}
	changes, err := s.store.FindMeasureChanges(ctx, plan.ID)
	if err != nil {
		return nil, err
	}
	var all []MeasureStatus
	for _, f := range fields {
		for _, g := range f.Goals {
			for _, m := range g.Measures {
				ms := MeasureStatus{Measure: m, Field: Ref{f.Code, f.Title}, Goal: Ref{g.Code, g.Title},
					Tally: tallies[m.ID], ModifiedAt: changes[m.ID]}
				d.Total.Merge(ms.Tally)
				all = append(all, ms)
			}
		}
	}
	return all, nil
}

// pick keeps the measures a page asks for; for a page, every one after the
// cursor by id (Dataset cuts it to Limit and so learns whether more follow).
func pick(all []MeasureStatus, page Page) []MeasureStatus {
	if page.Limit == 0 && page.Since == nil {
		return all
	}
	var out []MeasureStatus
	for _, m := range all {
		if m.Measure.ID > page.After && (page.Since == nil || !m.ModifiedAt.Before(*page.Since)) {
			out = append(out, m)
		}
	}
	if page.Limit > 0 {
		slices.SortFunc(out, func(a, b MeasureStatus) int { return cmp.Compare(a.Measure.ID, b.Measure.ID) })
	}
	return out
}

// addTownStates fills in each town's state of the given measures.
func (s *Service) addTownStates(ctx context.Context, plan domain.Plan, ms []MeasureStatus) error {
	if len(ms) == 0 {
		return nil
	}
	ids := make([]int64, len(ms))
	at := make(map[int64]int, len(ms))
	for i, m := range ms {
		ids[i], at[m.Measure.ID] = m.Measure.ID, i
	}
	states, err := s.store.FindTownStates(ctx, plan.ID, ids)
	if err != nil {
		return err
	}
	for _, st := range states {
		ms[at[st.MeasureID]].Towns = append(ms[at[st.MeasureID]].Towns, st)
	}
	return nil
}
