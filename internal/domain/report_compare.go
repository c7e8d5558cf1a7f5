package domain

// ReportSummary counts a frozen report's rows by where they stood.
type ReportSummary struct {
	Rows           int // implementations covered
	OpenDecision   int // relevance not decided yet
	NotRelevant    int
	AlreadyInPlace int
	Relevant       int // relevant, whatever their status
	Planned        int
	InProgress     int
	OnHold         int
	Completed      int // relevant and completed
	Cancelled      int
	Overdue        int
	Stale          int
}

// Summarize counts rows.
func Summarize(rows []ReportRow) ReportSummary {
	var s ReportSummary
	for _, r := range rows {
		s.Rows++
		switch r.Relevance {
		case RelevanceOpen:
			s.OpenDecision++
		case RelevanceNotRelevant:
			s.NotRelevant++
		case RelevanceAlreadyInPlace:
			s.AlreadyInPlace++
		case RelevanceRelevant:
			s.Relevant++
			switch r.Status {
			case StatusPlanned:
				s.Planned++
			case StatusInProgress:
				s.InProgress++
			case StatusOnHold:
				s.OnHold++
			case StatusCompleted:
				s.Completed++
			case StatusCancelled:
				s.Cancelled++
			}
		}
		if r.Overdue {
			s.Overdue++
		}
		if r.Stale {
			s.Stale++
		}
	}
	return s
}

// RowChange is one implementation of the later report set against the
// earlier one.
type RowChange struct {
	Row    ReportRow
	Before *ReportRow // nil when the earlier report did not cover it
	// StatusChanged: relevance or status differ.
	StatusChanged  bool
	NewlyCompleted bool // completed now, not before
	NewlyOverdue   bool // overdue now, not before
	NewlyRelevant  bool // relevant now, not before
	ProgressDelta  int  // percentage points, now minus before (0 when new)
}

// Changed reports whether anything the comparison shows differs.
func (c RowChange) Changed() bool {
	return c.Before == nil || c.StatusChanged || c.NewlyCompleted || c.NewlyOverdue ||
		c.NewlyRelevant || c.ProgressDelta != 0
}

// ReportComparison sets a frozen report against an earlier frozen report of
// the same plan.
type ReportComparison struct {
	Earlier Report
	// Before and Now summarise the earlier and the later report.
	Before, Now ReportSummary
	// Changes lists, in the later report's order, every row that changed or
	// is new; Dropped lists rows only the earlier report covered.
	Changes []RowChange
	Dropped []ReportRow
	// Counts of the changes by kind.
	StatusChanged, NewlyCompleted, NewlyOverdue, NewlyRelevant int
}

// CompareReports compares later with earlier. Both must be frozen reports of
// the same plan, earlier frozen before later.
func CompareReports(earlier, later FrozenReport) (ReportComparison, error) {
	e, l := earlier.Report, later.Report
	switch {
	case !e.Frozen() || !l.Frozen():
		return ReportComparison{}, Keyed(CodeInvalid, "", "error.report.compareDraft", "only frozen reports can be compared")
	case e.PlanID != l.PlanID:
		return ReportComparison{}, Keyed(CodeInvalid, "", "error.report.compareOtherPlan", "reports of different plans")
	case e.ID == l.ID || !e.FrozenAt.Before(*l.FrozenAt):
		return ReportComparison{}, Keyed(CodeInvalid, "", "error.report.compareNotEarlier", "the report to compare with must be an earlier one")
	}
	before := make(map[int64]ReportRow, len(earlier.Rows))
	for _, r := range earlier.Rows {
		before[r.ImplementationID] = r
	}
	cmp := ReportComparison{Earlier: e, Before: Summarize(earlier.Rows), Now: Summarize(later.Rows)}
	seen := make(map[int64]bool, len(later.Rows))
	for _, r := range later.Rows {
		seen[r.ImplementationID] = true
		c := compareRow(r, before)
		if !c.Changed() {
			continue
		}
		cmp.Changes = append(cmp.Changes, c)
		cmp.count(c)
	}
	for _, r := range earlier.Rows {
		if !seen[r.ImplementationID] {
			cmp.Dropped = append(cmp.Dropped, r)
		}
	}
	return cmp, nil
}

func compareRow(r ReportRow, before map[int64]ReportRow) RowChange {
	b, ok := before[r.ImplementationID]
	if !ok {
		return RowChange{Row: r, NewlyCompleted: r.Completed(), NewlyOverdue: r.Overdue,
			NewlyRelevant: r.Relevance == RelevanceRelevant}
	}
	return RowChange{
		Row:            r,
		Before:         &b,
		StatusChanged:  r.Relevance != b.Relevance || r.Status != b.Status,
		NewlyCompleted: r.Completed() && !b.Completed(),
		NewlyOverdue:   r.Overdue && !b.Overdue,
		NewlyRelevant:  r.Relevance == RelevanceRelevant && b.Relevance != RelevanceRelevant,
		ProgressDelta:  r.Progress - b.Progress,
	}
}

func (c *ReportComparison) count(r RowChange) {
	if r.StatusChanged {
		c.StatusChanged++
	}
	if r.NewlyCompleted {
		c.NewlyCompleted++
	}
	if r.NewlyOverdue {
		c.NewlyOverdue++
	}
	if r.NewlyRelevant {
		c.NewlyRelevant++
	}
}
