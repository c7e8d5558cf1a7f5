package domain_test

import (
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// The staleness clock starts at the latest of relevance decision, start date
// and last progress report; an implementation is stale when that day lies
// more than the interval back. Each case sits at an edge of that rule.
func TestStaleCountsFromTheLatestOfDecisionStartAndReport(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	day := func(offset int) *time.Time {
		d := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC).AddDate(0, 0, offset)
		return &d
	}
	const interval = 180
	cases := []struct {
		name                     string
		decided, start, reported *time.Time
		status                   domain.Status
		continuous               bool
		want                     bool
	}{
		{name: "decided today, never reported", decided: day(0), want: false},
		{name: "decided exactly an interval ago, never reported", decided: day(-interval), want: false},
		{name: "decided a day longer ago, never reported", decided: day(-interval - 1), want: true},
		{name: "old decision, started within the interval", decided: day(-400), start: day(-interval), want: false},
		{name: "old decision, starts next month", decided: day(-400), start: day(30), want: false},
		{name: "old decision and start, reported within the interval", decided: day(-400), start: day(-300), reported: day(-10), want: false},
		{name: "old decision, start and report", decided: day(-400), start: day(-300), reported: day(-interval - 1), want: true},
		{name: "continuous task judged by its reports", decided: day(-400), reported: day(-interval - 1), continuous: true, want: true},
		{name: "continuous task reported recently", decided: day(-400), reported: day(-20), continuous: true, want: false},
		{name: "completed is never stale", decided: day(-400), status: domain.StatusCompleted, want: false},
		{name: "no day known at all", want: false},
	}
	for _, c := range cases {
		status := c.status
		if status == "" {
			status = domain.StatusInProgress
		}
		im := domain.Implementation{Relevance: domain.RelevanceRelevant, Status: status, Continuous: c.continuous,
			RelevanceDecidedOn: c.decided, StartOn: c.start, LastUpdateOn: c.reported}
		if got := im.Stale(now, interval); got != c.want {
			t.Errorf("%s: Stale = %v, want %v", c.name, got, c.want)
		}
	}
}

// Deciding relevance dates the decision with the application's clock; a
// change that leaves relevance alone keeps the day; reopening clears it.
func TestRelevanceDecisionIsDated(t *testing.T) {
	now := time.Date(2026, 11, 25, 23, 30, 0, 0, time.UTC) // already the 26th in Berlin
	berlinDay := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	relevant := domain.RelevanceRelevant
	open := domain.Implementation{Relevance: domain.RelevanceOpen}

	decided, err := domain.ImplementationUpdate{Relevance: &relevant}.Apply(open, now)
	if err != nil {
		t.Fatal(err)
	}
	if decided.RelevanceDecidedOn == nil || !decided.RelevanceDecidedOn.Equal(berlinDay) {
		t.Fatalf("decided on %v, want %s", decided.RelevanceDecidedOn, berlinDay)
	}

	progress := 40
	later, err := domain.ImplementationUpdate{Progress: &progress}.Apply(decided, now.AddDate(0, 0, 30))
	if err != nil {
		t.Fatal(err)
	}
	if !later.RelevanceDecidedOn.Equal(berlinDay) {
		t.Errorf("a progress change moved the decision day to %v", later.RelevanceDecidedOn)
	}

	bulk, err := domain.RelevanceDecision{Relevance: domain.RelevanceNotRelevant, Note: "Keine Zielgruppe vor Ort."}.Apply(decided, now.AddDate(0, 0, 3))
	if err != nil {
		t.Fatal(err)
	}
	if want := berlinDay.AddDate(0, 0, 3); bulk.RelevanceDecidedOn == nil || !bulk.RelevanceDecidedOn.Equal(want) {
		t.Errorf("bulk decision dated %v, want %s", bulk.RelevanceDecidedOn, want)
	}
}
