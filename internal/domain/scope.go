package domain

// PlanScope is what a plan-scoped request concerns: the plan, the county office
// that owns it and, on a municipality's routes, the organisation whose
// workspace it is (the county office itself for its county-wide measures).
// The HTTP layer resolves it once, where access is checked, and hands it on.
type PlanScope struct {
	Plan   Plan
	County Organisation
	// Org is zero on routes that concern the whole plan.
	Org Organisation
	// CountyPlans are the county office's plans, current first, with id,
	// slug and title only: what switching between plans needs.
	CountyPlans []Plan
	// Successor is the version that continues the plan (a draft or the
	// adopted one), Predecessor the one it continues; nil when none.
	Successor   *Plan
	Predecessor *Plan
}

// HasOrg reports whether the scope names an organisation.
func (s PlanScope) HasOrg() bool { return s.Org.ID != 0 }
