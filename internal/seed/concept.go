package seed

import (
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// ConceptSlug is the slug of the demo plan; seeding is skipped when a plan
// with this slug exists.
const ConceptSlug = "integrationskonzept-kreis-coesfeld"

// CoesfeldConcept returns the integration concept of Kreis Coesfeld as the
// Kreistag adopted it: seven action fields with their goals and measures.
// The text was written for Planwerk's demo; it follows the structure of a
// county integration concept in North Rhine-Westphalia.
func CoesfeldConcept() Concept {
	return Concept{
		Slug:               ConceptSlug,
		Title:              "Integrationskonzept Kreis Coesfeld",
		Version:            "1.0",
		AdoptedOn:          time.Date(2025, time.March, 27, 0, 0, 0, 0, time.UTC),
		UpdateIntervalDays: 180,
		StatusColours: map[string]string{
			// Open decisions stand out from planned work; the label still says which.
			string(domain.RelevanceOpen):    "blue",
			string(domain.StatusPlanned):    "grey",
			string(domain.StatusInProgress): "yellow",
			string(domain.StatusOnHold):     "orange",
			string(domain.StatusCompleted):  "green",
			// Already in place is a success too, not "planned" grey.
			string(domain.RelevanceAlreadyInPlace): "green",
			string(domain.StatusCancelled):         "red",
		},
		Fields: []Field{
			fieldSprache(),
			fieldBildung(),
			fieldArbeit(),
			fieldWohnen(),
			fieldGesundheit(),
			fieldTeilhabe(),
			fieldOeffnung(),
		},
	}
}

// mun is a measure every town reviews for itself.
func mun(code, title, description string) Measure {
	return Measure{Code: code, Title: title, Description: description, Scope: domain.ScopeMunicipal}
}

// kreis is a measure the KI carries for the whole county.
func kreis(code, title, description string) Measure {
	return Measure{Code: code, Title: title, Description: description, Scope: domain.ScopeCounty}
}
