package domain

import "time"

// MonitoringCounts are the figures of one cell of the KI's monitoring matrix
// (one organisation × one action field), or a sum of cells. Each is a count of
// implementations, by the same rules as the workspace filter, so that every
// figure names exactly the implementations a filtered workspace shows.
type MonitoringCounts struct {
	Relevant      int `db:"relevant"`       // relevance relevant, whatever the status
	InProgress    int `db:"in_progress"`    // relevant and in progress
	Completed     int `db:"completed"`      // relevant and completed
	OpenDecisions int `db:"open_decisions"` // relevance still open
	Overdue       int `db:"overdue"`        // due date or a milestone passed while open
	Stale         int `db:"stale"`          // open without a report within the plan's interval
	OpenSupport   int `db:"open_support"`   // support requested and not yet answered
}

// Add adds every figure of o to c.
func (c *MonitoringCounts) Add(o MonitoringCounts) {
	c.Relevant += o.Relevant
	c.InProgress += o.InProgress
	c.Completed += o.Completed
	c.OpenDecisions += o.OpenDecisions
	c.Overdue += o.Overdue
	c.Stale += o.Stale
	c.OpenSupport += o.OpenSupport
}

// Attention is how much a cell or row needs the KI: every implementation that
// is overdue, stale, waits for support or for a relevance decision counts
// once per reason. The matrix orders towns by it.
func (c MonitoringCounts) Attention() int {
	return c.Overdue + c.Stale + c.OpenSupport + c.OpenDecisions
}

// MonitoringDay is the day overdue and stale are judged on, as the thresholds
// a query compares dates with: due dates (and milestones) before Today have
// passed; a last report before StaleBefore is too old. They are the rules of
// Implementation.Overdue, WorkspaceEntry.OverdueMilestones and
// Implementation.Stale, stated once for a query.
type MonitoringDay struct {
	Today       time.Time
	StaleBefore time.Time
}

// MonitoringDayOf is the judging day at now for a plan's update interval.
func MonitoringDayOf(now time.Time, intervalDays int) MonitoringDay {
	d := dateOf(now)
	return MonitoringDay{Today: d, StaleBefore: d.AddDate(0, 0, -intervalDays)}
}

// MonitoringChange is how a cell changed since the baseline report: the
// difference in relevant and completed implementations. Only the kinds of
// measure the report covered are compared, and only organisations it covered
// have a change at all.
type MonitoringChange struct {
	Relevant  int `db:"relevant_change"`
	Completed int `db:"completed_change"`
}

// Any reports whether something changed.
func (c MonitoringChange) Any() bool { return c.Relevant != 0 || c.Completed != 0 }

// MonitoringBaseline is the report the matrix compares with: the plan's
// newest frozen report that no frozen correction replaces.
type MonitoringBaseline struct {
	ReportID int64
	Title    string
	FrozenAt time.Time
}

// MonitoringField is an action field, a column of the matrix.
type MonitoringField struct {
	ID    int64
	Code  string
	Title string
}

// MonitoringCell is what the store counts for one organisation and one action
// field; Change is nil when there is no baseline or it did not cover the
// organisation.
type MonitoringCell struct {
	OrgID, FieldID int64
	MonitoringCounts
	Change *MonitoringChange
}

// MonitoringData is what the store reads for a plan's matrix: the county
// office and its municipalities by name, the action fields in catalogue
// order, a cell for each pair, and the baseline report if there is one.
type MonitoringData struct {
	Orgs     []Organisation
	Fields   []MonitoringField
	Cells    []MonitoringCell
	Baseline *MonitoringBaseline
}

// MonitoringMetric is one figure of a cell: its name (Key, for messages and
// exports), how it is read from the counts, and the workspace filter that
// selects exactly the implementations it counts (Field still to be set to
// the cell's action field). The matrix links every figure through Filter, so
// the two must agree; the store test checks that they do.
type MonitoringMetric struct {
	Key    string
	Of     func(MonitoringCounts) int
	Filter WorkspaceFilter
}

// MonitoringMetrics are the figures of a cell in display order.
var MonitoringMetrics = []MonitoringMetric{
	{"relevant", func(c MonitoringCounts) int { return c.Relevant }, WorkspaceFilter{Relevance: RelevanceRelevant}},
	{"in_progress", func(c MonitoringCounts) int { return c.InProgress }, WorkspaceFilter{Status: StatusInProgress}},
	{"completed", func(c MonitoringCounts) int { return c.Completed }, WorkspaceFilter{Status: StatusCompleted}},
	{"open_decisions", func(c MonitoringCounts) int { return c.OpenDecisions }, WorkspaceFilter{Relevance: RelevanceOpen}},
	{"overdue", func(c MonitoringCounts) int { return c.Overdue }, WorkspaceFilter{Overdue: true}},
	{"stale", func(c MonitoringCounts) int { return c.Stale }, WorkspaceFilter{Stale: true}},
	{"open_support", func(c MonitoringCounts) int { return c.OpenSupport }, WorkspaceFilter{Support: SupportRequested}},
}
