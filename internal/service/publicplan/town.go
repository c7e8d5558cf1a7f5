package publicplan

import (
	"context"

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

// Town reads the public status of one town of plan, from the same dataset
// as the open data; not found unless the plan is published per town and
// the town is one of its county's.
func (s *Service) Town(ctx context.Context, plan domain.Plan, slug string) (TownStatus, error) {
	d, err := s.Dataset(ctx, plan, Page{})
	if err != nil {
		return TownStatus{}, err
	}
	notFound := domain.Keyed(domain.CodeNotFound, "", "error.msg.notFound", "town not published")
	if !d.PerTown {
		return TownStatus{}, notFound
	}
	var out TownStatus
	for _, t := range d.Towns {
		if t.Slug == slug {
			out.Town = t
		}
	}
	if out.Town.ID == 0 {
		return TownStatus{}, notFound
	}
	for _, m := range d.Measures {
		for _, st := range m.Towns {
			if st.Town.ID != out.Town.ID {
				continue
			}
			if n := len(out.Fields); n == 0 || out.Fields[n-1].Field != m.Field {
				out.Fields = append(out.Fields, TownField{Field: m.Field})
			}
			f := &out.Fields[len(out.Fields)-1]
			f.Measures = append(f.Measures, TownMeasure{Measure: m.Measure, State: st})
			out.Tally.Add(st.Relevance, st.Status, 1)
		}
	}
	return out, nil
}
