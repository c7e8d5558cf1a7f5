package domain

import (
	"strings"
	"testing"
	"time"
)

func TestMovingADueDateLaterNeedsAReasonAndKeepsTheOriginal(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	d := func(s string) *time.Time {
		v, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return &v
	}
	str := func(s string) *string { return &s }
	relevant := Implementation{Relevance: RelevanceRelevant, Status: StatusInProgress, Progress: 20, DueOn: d("2025-12-20"), Version: 3}
	cases := []struct {
		name      string
		cur       Implementation
		due       *time.Time
		reason    *string
		wantKey   string
		wantCount int
		original  string
	}{
		{"later without reason", relevant, d("2027-03-31"), nil, "implementation.error.dueReasonMissing", 0, ""},
		{"later with blank reason", relevant, d("2027-03-31"), str("  "), "implementation.error.dueReasonMissing", 0, ""},
		{"later with reason", relevant, d("2027-03-31"), str(" Förderbescheid kam verspätet "), "", 1, "2025-12-20"},
		{"earlier needs none", relevant, d("2025-10-01"), nil, "", 0, ""},
		{"same day needs none", relevant, d("2025-12-20"), nil, "", 0, ""},
		{"first due date needs none", Implementation{Relevance: RelevanceRelevant, Status: StatusPlanned}, d("2027-01-01"), nil, "", 0, ""},
		{"removing it is no postponement", relevant, nil, nil, "", 0, ""},
		{"second move keeps the first original", Implementation{Relevance: RelevanceRelevant, Status: StatusInProgress,
			DueOn: d("2026-06-30"), OriginalDueOn: d("2025-12-20"), Postponements: 1, LastPostponedOn: d("2025-12-01"),
			PostponementReason: "alt"}, d("2026-12-31"), str("Personalwechsel"), "", 2, "2025-12-20"},
		{"reason too long", relevant, d("2027-03-31"), str(strings.Repeat("x", MaxPostponementReasonLen+1)), "error.workflow.textTooLong", 0, ""},
	}
	for _, c := range cases {
		u := ImplementationUpdate{DueOn: &DateChange{On: c.due}, DueReason: c.reason}
		next, err := u.Apply(c.cur, now)
		if c.wantKey != "" {
			if !hasKey(err, c.wantKey) {
				t.Errorf("%s: err = %v, want %s", c.name, err, c.wantKey)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if next.Postponements != c.wantCount || dateString(next.OriginalDueOn) != c.original {
			t.Errorf("%s: %d postponements, original %q; want %d, %q", c.name, next.Postponements, dateString(next.OriginalDueOn), c.wantCount, c.original)
		}
		if c.wantCount > c.cur.Postponements {
			if next.PostponementReason != strings.TrimSpace(*c.reason) || dateString(next.LastPostponedOn) != "2026-11-25" {
				t.Errorf("%s: reason %q on %s", c.name, next.PostponementReason, dateString(next.LastPostponedOn))
			}
			if ch := DiffImplementations(c.cur, next)["postponement_reason"]; ch.New != next.PostponementReason {
				t.Errorf("%s: the audit log lacks the reason: %+v", c.name, ch)
			}
		}
	}
}

func hasKey(err error, key string) bool {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range joined.Unwrap() {
			if ErrorKey(e) == key {
				return true
			}
		}
	}
	return ErrorKey(err) == key
}
