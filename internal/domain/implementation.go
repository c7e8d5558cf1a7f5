package domain

import "time"

// Implementation (Umsetzung) is one municipality's handling of one measure:
// the unit that is reviewed, reported on and audited.
type Implementation struct {
	ID             int64     `db:"id"`
	MeasureID      int64     `db:"measure_id"`
	OrganisationID int64     `db:"organisation_id"`
	Relevance      Relevance `db:"relevance"`
	RelevanceNote  string    `db:"relevance_note"`
	// RelevanceDecidedOn is the day relevance was last decided (nil while open).
	RelevanceDecidedOn *time.Time `db:"relevance_decided_on"`
	Status             Status     `db:"status"` // empty unless relevant
	StatusNote         string     `db:"status_note"`
	Continuous         bool       `db:"continuous"`
	Progress           int        `db:"progress"`
	ResponsibleOrg     string     `db:"responsible_org"`
	Contact            string     `db:"contact"`
	ContactIsPerson    bool       `db:"contact_is_person"`  // a person's name, not a role mailbox
	ContactConsentAt   *time.Time `db:"contact_consent_at"` // when that person's consent was recorded
	StartOn            *time.Time `db:"start_on"`
	DueOn              *time.Time `db:"due_on"`
	// OriginalDueOn is the due date before it was first moved later (nil
	// while it never moved); Postponements counts the moves, the latest on
	// LastPostponedOn for PostponementReason.
	OriginalDueOn      *time.Time `db:"original_due_on"`
	Postponements      int        `db:"postponements"`
	LastPostponedOn    *time.Time `db:"last_postponed_on"`
	PostponementReason string     `db:"postponement_reason"`
	Support            Support    `db:"support"`
	SupportRequest     string     `db:"support_request"`
	SupportResponse    string     `db:"support_response"`
	SupportRequestedAt *time.Time `db:"support_requested_at"`
	LastUpdateOn       *time.Time `db:"last_update_on"`
	Version            int        `db:"version"`
	UpdatedAt          time.Time  `db:"updated_at"`
}

// IsOpen reports whether work on the implementation is still expected.
func (i Implementation) IsOpen() bool {
	return i.Relevance == RelevanceRelevant && i.Status != StatusCompleted && i.Status != StatusCancelled
}

// Overdue reports whether the due date has passed while work is still open.
// Continuous tasks have no due date and are never overdue.
func (i Implementation) Overdue(today time.Time) bool {
	return i.IsOpen() && !i.Continuous && i.DueOn != nil && i.DueOn.Before(dateOf(today))
}

// Stale reports whether an open implementation lacks a progress report within
// the plan's update interval. The clock starts at the latest of the relevance
// decision, the start date and the last progress report (StaleClock), so a
// measure decided or started recently is not stale; continuous tasks are
// judged the same way, by their regular reports. The database keeps the same
// day as implementations.stale_clock.
func (i Implementation) Stale(today time.Time, intervalDays int) bool {
	clock := i.StaleClock()
	if !i.IsOpen() || clock == nil {
		return false
	}
	return clock.Before(dateOf(today).AddDate(0, 0, -intervalDays))
}

// StaleClock is the day the staleness clock starts: the latest of the
// relevance decision, the start date and the last progress report.
func (i Implementation) StaleClock() *time.Time {
	var latest *time.Time
	for _, d := range []*time.Time{i.RelevanceDecidedOn, i.StartOn, i.LastUpdateOn} {
		if d != nil && (latest == nil || d.After(*latest)) {
			latest = d
		}
	}
	return latest
}

// decidedOn dates next's relevance decision today when it differs from cur's.
func decidedOn(cur, next Implementation, now time.Time) Implementation {
	switch {
	case next.Relevance == cur.Relevance:
	case next.Relevance == RelevanceOpen:
		next.RelevanceDecidedOn = nil
	default:
		day := Today(now)
		next.RelevanceDecidedOn = &day
	}
	return next
}

// State is the single state shown for an implementation: its status while
// relevant, otherwise its relevance.
func (i Implementation) State() string {
	if i.Relevance == RelevanceRelevant {
		return string(i.Status)
	}
	return string(i.Relevance)
}

func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// WorkspaceItem is an implementation with its measure, goal and action field,
// as a municipality's workspace lists it.
type WorkspaceItem struct {
	Implementation
	MeasureCode  string `db:"measure_code"`
	MeasureTitle string `db:"measure_title"`
	Scope        Scope  `db:"scope"`
	// MeasureRetired: the measure was retired from the catalogue (shown as "entfallen im Katalog").
	MeasureRetired bool   `db:"measure_retired"`
	GoalID         int64  `db:"goal_id"`
	GoalCode       string `db:"goal_code"`
	GoalTitle      string `db:"goal_title"`
	FieldID        int64  `db:"field_id"`
	FieldCode      string `db:"field_code"`
	FieldTitle     string `db:"field_title"`
}

// MunicipalImplementation is an implementation with the organisation that carries it,
// as the measure page lists it.
type MunicipalImplementation struct {
	Implementation
	OrgSlug string `db:"org_slug"`
	OrgName string `db:"org_name"`
}

// ProgressUpdate (Sachstandsmeldung) is a dated report on an implementation,
// recording its status and progress at that time.
type ProgressUpdate struct {
	ID               int64     `db:"id"`
	ImplementationID int64     `db:"implementation_id"`
	ReportedOn       time.Time `db:"reported_on"`
	Body             string    `db:"body"`
	Status           Status    `db:"status"`
	Progress         int       `db:"progress"`
	CreatedAt        time.Time `db:"created_at"`
}

// ImplementationDetail is one implementation with everything its page shows
// about the measure it implements.
type ImplementationDetail struct {
	WorkspaceItem
	MeasureDescription string            `db:"measure_description"`
	PlanTitle          string            `db:"plan_title"`
	UpdateIntervalDays int               `db:"update_interval_days"`
	StatusColours      map[string]string `db:"status_colours"`
	// Lineage: the implementations of other plan versions this one was
	// carried from or into (read in the same statement).
	Lineage []LineageLink `db:"lineage"`
}
