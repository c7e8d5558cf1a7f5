package domain

import "time"

// ReportState is where a committee report (Sachstandsbericht) stands: the KI
// drafts it, then freezes it; a frozen report never changes.
type ReportState string

const (
	ReportDraft  ReportState = "draft"
	ReportFrozen ReportState = "frozen"
)

// Report is a committee status report of one plan. Its rows (ReportRow) exist
// only once it is frozen: they are the snapshot taken at that moment.
type Report struct {
	ID           int64
	PlanID       int64
	Title        string
	Committee    string // e.g. "Ausschuss für Soziales, Integration und Gleichstellung"
	MeetingOn    *time.Time
	PeriodFrom   time.Time
	PeriodTo     time.Time
	Introduction string
	// Narratives holds the KI's text per action field id.
	Narratives map[int64]string
	// IncludedOrgIDs are the organisations (towns and the county office) and
	// IncludedScopes the kinds of measure the report covers.
	IncludedOrgIDs []int64
	IncludedScopes []Scope
	State          ReportState
	FrozenAt       *time.Time
	FrozenByName   string
	// ReplacesID names the frozen report a correction replaces, with the reason.
	ReplacesID       *int64
	CorrectionReason string
	// ReplacedByID is set on a frozen report that a later correction replaces.
	ReplacedByID *int64
	// RoundID is the reporting round that feeds this report, if any.
	RoundID   *int64
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Frozen reports whether the report is frozen (immutable).
func (r Report) Frozen() bool { return r.State == ReportFrozen }

// ReportRow is one implementation as it stood when its report was frozen.
// Names and codes are copies, so later catalogue changes do not alter it.
// It never carries comments, support texts or contact data.
type ReportRow struct {
	ImplementationID int64
	OrgID            int64
	OrgName          string
	OrgKind          OrgKind
	FieldID          int64
	FieldCode        string
	FieldTitle       string
	FieldPosition    int
	GoalCode         string
	GoalTitle        string
	GoalPosition     int
	MeasureID        int64
	MeasureCode      string
	MeasureTitle     string
	MeasureScope     Scope
	MeasurePosition  int
	Relevance        Relevance
	Status           Status // empty unless relevant
	Progress         int
	Continuous       bool
	StartOn          *time.Time
	DueOn            *time.Time
	// FirstDueOn is the due date before it first moved later (nil while it
	// never moved); Postponements counts the moves, the latest on
	// LastPostponedOn for PostponementReason.
	FirstDueOn         *time.Time
	Postponements      int
	LastPostponedOn    *time.Time
	PostponementReason string
	Overdue            bool // due date or a milestone passed while open, on the day of freezing
	Stale              bool // open without a progress report within the plan's interval
	LastReportOn       *time.Time
	LastReportText     string
	Milestones         []ReportMilestone
}

// ReportMilestone is a milestone as it stood when the report was frozen.
type ReportMilestone struct {
	Title  string
	DueOn  *time.Time
	Done   bool
	DoneOn *time.Time
}

// Completed reports whether the row counts as done (completed, or already in place).
func (r ReportRow) Completed() bool {
	return r.Relevance == RelevanceAlreadyInPlace ||
		(r.Relevance == RelevanceRelevant && r.Status == StatusCompleted)
}

// FrozenReport is a frozen report with its snapshot, in catalogue order
// (action field, measure, organisation).
type FrozenReport struct {
	Report Report
	Plan   Plan
	// Fields are the plan's action fields in order, with the narrative of
	// each in Report.Narratives.
	Fields []ActionField
	Rows   []ReportRow
}
