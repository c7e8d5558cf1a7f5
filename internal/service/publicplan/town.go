package publicplan

import (
	"context"
	"slices"

	"github.com/planwerk/planwerk/internal/domain"
)

// TownStatus is one town's state of every measure it implements in a plan
// published per town.
type TownStatus struct {
	Town   domain.Organisation
	Tally  domain.Tally
	Fields []TownField
}

// TownField is an action field with the town's measures in it.
type TownField struct {
	Field    Ref
	Measures []TownMeasure
}

// TownMeasure is a measure with the town's state of it.
type TownMeasure struct {
	Measure domain.Measure
	State   domain.TownState
}

// Town reads the public status of one town of plan: the catalogue and that
// town's states only (four statements); not found unless the plan is
// published per town and the town is one of its county's.
func (s *Service) Town(ctx context.Context, plan domain.Plan, slug string) (TownStatus, error) {
	notFound := domain.Keyed(domain.CodeNotFound, "", "error.msg.notFound", "town not published")
	set, err := s.publication(ctx, plan)
	if err != nil {
		return TownStatus{}, err
	}
	if !set.PerTown {
		return TownStatus{}, notFound
	}
	towns, err := s.store.FindMunicipalities(ctx, plan.OwnerID)
	if err != nil {
		return TownStatus{}, err
	}
	i := slices.IndexFunc(towns, func(t domain.Organisation) bool { return t.Slug == slug })
	if i < 0 {
		return TownStatus{}, notFound
	}
	out := TownStatus{Town: towns[i]}
	fields, err := s.store.FindCatalogue(ctx, plan.ID)
	if err != nil {
		return TownStatus{}, err
	}
	states, err := s.store.FindStatesOfTown(ctx, plan.ID, out.Town.ID)
	if err != nil {
		return TownStatus{}, err
	}
	byMeasure := make(map[int64]domain.TownState, len(states))
	for _, st := range states {
		byMeasure[st.MeasureID] = st
	}
	for _, f := range fields {
		tf := TownField{Field: Ref{f.Code, f.Title}}
		for _, g := range f.Goals {
			for _, m := range g.Measures {
				if st, ok := byMeasure[m.ID]; ok {
					tf.Measures = append(tf.Measures, TownMeasure{Measure: m, State: st})
					out.Tally.Add(st.Relevance, st.Status, 1)
				}
			}
		}
		if len(tf.Measures) > 0 {
			out.Fields = append(out.Fields, tf)
		}
	}
	return out, nil
}
