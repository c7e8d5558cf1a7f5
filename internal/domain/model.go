package domain

import "time"

// Organisation is the county office or one of its municipalities.
type Organisation struct {
	ID   int64   `db:"id"`
	Slug string  `db:"slug"`
	Name string  `db:"name"`
	Kind OrgKind `db:"kind"`
}

// Plan is an adopted action plan such as a county's integration concept.
type Plan struct {
	ID                 int64             `db:"id"`
	Slug               string            `db:"slug"`
	Title              string            `db:"title"`
	Version            string            `db:"version"`
	AdoptedOn          *time.Time        `db:"adopted_on"`
	UpdateIntervalDays int               `db:"update_interval_days"`
	StatusColours      map[string]string `db:"status_colours"`
	// OwnerID is the county office that adopted the plan; OwnerSlug and
	// OwnerName name it. The plan's municipalities are the office's towns.
	OwnerID   int64  `db:"owner_id"`
	OwnerSlug string `db:"owner_slug"`
	OwnerName string `db:"owner_name"`
	// State: draft, adopted (current) or superseded by its next version.
	State PlanState `db:"state"`
}

// ActionField (Handlungsfeld) groups the goals of a plan.
type ActionField struct {
	ID          int64
	Code        string
	Title       string
	Description string
	Goals       []Goal
	Tally       Tally
}

// Goal (Ziel) groups measures within an action field.
type Goal struct {
	ID          int64
	Code        string
	Title       string
	Description string
	Measures    []Measure
	Tally       Tally
}

// Measure (Maßnahme) is the unit every municipality reviews.
type Measure struct {
	ID          int64  `db:"id"`
	PlanID      int64  `db:"plan_id"`
	GoalID      int64  `db:"goal_id"`
	Code        string `db:"code"`
	Title       string `db:"title"`
	Description string `db:"description"`
	Scope       Scope  `db:"scope"`
	// RetiredAt: when the measure left the catalogue ("entfallen im Katalog").
	RetiredAt *time.Time `db:"retired_at"`
	Tally     Tally      `db:"-"`
}

// MeasureContext is a measure with the goal, action field and plan it belongs to.
type MeasureContext struct {
	Measure
	GoalCode   string `db:"goal_code"`
	GoalTitle  string `db:"goal_title"`
	FieldCode  string `db:"field_code"`
	FieldTitle string `db:"field_title"`
	PlanSlug   string `db:"plan_slug"`
	PlanTitle  string `db:"plan_title"`
	// PlanColours is the plan's mapping of states to colours.
	PlanColours map[string]string `db:"plan_colours"`
}
