package seed

import "time"

// PreviousConceptSlug is the slug of the integration concept that the
// current one replaced (Fortschreibung); the demo keeps it so that a
// municipality's workspace can switch between the plans it takes part in.
const PreviousConceptSlug = "integrationskonzept-kreis-coesfeld-2018"

// PreviousCoesfeldConcept is the county's first integration concept of 2018.
// Its successor of 2025 kept its seven action fields and goals and carried
// most of its measures forward, adding new ones; the 2018 concept held the
// first two measures of every goal. It asked for a yearly report.
func PreviousCoesfeldConcept() Concept {
	c := CoesfeldConcept()
	c.Slug = PreviousConceptSlug
	c.Title = "Integrationskonzept Kreis Coesfeld 2018"
	c.Version = "2018"
	c.AdoptedOn = time.Date(2018, time.June, 21, 0, 0, 0, 0, time.UTC)
	c.UpdateIntervalDays = 365
	fields := make([]Field, len(c.Fields))
	for fi, f := range c.Fields {
		goals := make([]Goal, len(f.Goals))
		for gi, g := range f.Goals {
			g.Measures = g.Measures[:min(2, len(g.Measures))]
			goals[gi] = g
		}
		f.Goals = goals
		fields[fi] = f
	}
	c.Fields = fields
	return c
}
