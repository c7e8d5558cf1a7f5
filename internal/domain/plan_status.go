package domain

import "time"

// TownState is one town's state of a measure as the public sees it:
// relevance and status, nothing else of the implementation.
type TownState struct {
	MeasureID int64
	Town      Organisation
	Relevance Relevance
	Status    Status // empty unless relevant
}

// State is the town's state of the measure as the tallies count it: the
// status when relevant, else the relevance.
func (s TownState) State() string {
	if s.Relevance == RelevanceRelevant {
		return string(s.Status)
	}
	return string(s.Relevance)
}

// PublishedPlan is a plan whose status is public, with the published
// version that replaced it (nil when none or when that one is not public).
type PublishedPlan struct {
	Plan         Plan
	PerTown      bool
	SupersededBy *Plan
	// ModifiedAt is the newest change of what the plan's status shows: its
	// catalogue, a town's state, the publication setting or the plan itself.
	ModifiedAt time.Time
}
