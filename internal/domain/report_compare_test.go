package domain

import (
	"testing"
	"time"
)

func frozenAt(id int64, plan int64, day int, rows ...ReportRow) FrozenReport {
	at := time.Date(2026, 1, day, 12, 0, 0, 0, time.UTC)
	return FrozenReport{Report: Report{ID: id, PlanID: plan, State: ReportFrozen, FrozenAt: &at}, Rows: rows}
}

func row(id int64, rel Relevance, st Status, progress int, overdue bool) ReportRow {
	return ReportRow{ImplementationID: id, Relevance: rel, Status: st, Progress: progress, Overdue: overdue}
}

func TestCompareReportsFindsEachKindOfChange(t *testing.T) {
	spring := frozenAt(1, 7, 10,
		row(1, RelevanceRelevant, StatusInProgress, 40, false), // → completed
		row(2, RelevanceOpen, "", 0, false),                    // → relevant, planned
		row(3, RelevanceRelevant, StatusPlanned, 0, false),     // → overdue, same status
		row(4, RelevanceRelevant, StatusInProgress, 50, true),  // unchanged
		row(5, RelevanceNotRelevant, "", 0, false),             // dropped from the later report
	)
	autumn := frozenAt(2, 7, 20,
		row(1, RelevanceRelevant, StatusCompleted, 100, false),
		row(2, RelevanceRelevant, StatusPlanned, 0, false),
		row(3, RelevanceRelevant, StatusPlanned, 10, true),
		row(4, RelevanceRelevant, StatusInProgress, 50, true),
		row(6, RelevanceAlreadyInPlace, "", 0, false), // new in the later report
	)
	cmp, err := CompareReports(spring, autumn)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		id                                          int64
		isNew, status, completed, overdue, relevant bool
		delta                                       int
	}
	wants := []want{
		{id: 1, status: true, completed: true, delta: 60},
		{id: 2, status: true, relevant: true},
		{id: 3, overdue: true, delta: 10},
		{id: 6, isNew: true, completed: true},
	}
	if len(cmp.Changes) != len(wants) {
		t.Fatalf("changes = %d, want %d: %+v", len(cmp.Changes), len(wants), cmp.Changes)
	}
	for i, w := range wants {
		c := cmp.Changes[i]
		got := want{c.Row.ImplementationID, c.Before == nil, c.StatusChanged, c.NewlyCompleted, c.NewlyOverdue, c.NewlyRelevant, c.ProgressDelta}
		if got != w {
			t.Errorf("change %d = %+v, want %+v", i, got, w)
		}
	}
	if len(cmp.Dropped) != 1 || cmp.Dropped[0].ImplementationID != 5 {
		t.Errorf("dropped = %+v, want implementation 5", cmp.Dropped)
	}
	if cmp.StatusChanged != 2 || cmp.NewlyCompleted != 2 || cmp.NewlyOverdue != 1 || cmp.NewlyRelevant != 1 {
		t.Errorf("counts = %d status, %d completed, %d overdue, %d relevant; want 2, 2, 1, 1",
			cmp.StatusChanged, cmp.NewlyCompleted, cmp.NewlyOverdue, cmp.NewlyRelevant)
	}
	if cmp.Before.Completed != 0 || cmp.Now.Completed != 1 || cmp.Now.AlreadyInPlace != 1 || cmp.Now.Overdue != 2 {
		t.Errorf("summaries before %+v now %+v", cmp.Before, cmp.Now)
	}
}

func TestCompareReportsRefusesWhatCannotBeCompared(t *testing.T) {
	spring, autumn := frozenAt(1, 7, 10), frozenAt(2, 7, 20)
	otherPlan := frozenAt(3, 8, 5)
	draft := FrozenReport{Report: Report{ID: 4, PlanID: 7, State: ReportDraft}}
	cases := []struct {
		name           string
		earlier, later FrozenReport
		key            string
	}{
		{"other plan", otherPlan, autumn, "error.report.compareOtherPlan"},
		{"later first", autumn, spring, "error.report.compareNotEarlier"},
		{"with itself", spring, spring, "error.report.compareNotEarlier"},
		{"a draft", draft, autumn, "error.report.compareDraft"},
	}
	for _, c := range cases {
		_, err := CompareReports(c.earlier, c.later)
		if ErrorKey(err) != c.key || ErrorCode(err) != CodeInvalid {
			t.Errorf("%s: err = %v, want %s", c.name, err, c.key)
		}
	}
}
