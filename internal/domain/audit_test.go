package domain

import (
	"testing"
	"time"
)

func TestDiffImplementationsListsOnlyChangedFields(t *testing.T) {
	due := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	old := Implementation{Relevance: RelevanceRelevant, Status: StatusPlanned, Progress: 0, Support: SupportNone}
	changed := old
	changed.Status = StatusInProgress
	changed.Progress = 40
	changed.DueOn = &due

	got := DiffImplementations(old, changed)
	want := map[string]Change{
		"status":   {Old: StatusPlanned, New: StatusInProgress},
		"progress": {Old: 0, New: 40},
		"due_on":   {Old: "", New: "2026-12-31"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d changes %v, want %d", len(got), got, len(want))
	}
	for field, w := range want {
		if g, ok := got[field]; !ok || g != w {
			t.Errorf("%s: got %v, want %v", field, g, w)
		}
	}
	if n := len(DiffImplementations(old, old)); n != 0 {
		t.Errorf("identical versions: got %d changes, want 0", n)
	}
}
