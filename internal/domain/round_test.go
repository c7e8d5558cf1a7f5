package domain

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

// errorKeys lists the message keys of err and of everything joined in it.
func errorKeys(err error) []string {
	if err == nil {
		return nil
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var keys []string
		for _, e := range joined.Unwrap() {
			keys = append(keys, errorKeys(e)...)
		}
		return keys
	}
	var de *Error
	if errors.As(err, &de) {
		return []string{de.Key}
	}
	return []string{"?"}
}

func TestCheckRoundDraft(t *testing.T) {
	today := time.Date(2026, 12, 1, 23, 30, 0, 0, time.UTC) // late on the 1st
	cases := []struct {
		name string
		d    RoundDraft
		want []string
	}{
		{"complete", RoundDraft{Title: " Winter 2026/27 ", Deadline: day(2027, 1, 15), MeetingOn: day(2027, 2, 3)}, nil},
		{"deadline today is allowed", RoundDraft{Title: "x", Deadline: day(2026, 12, 1)}, nil},
		{"meeting on the deadline", RoundDraft{Title: "x", Deadline: day(2027, 1, 15), MeetingOn: day(2027, 1, 15)}, nil},
		{"no title", RoundDraft{Title: "  ", Deadline: day(2027, 1, 15)}, []string{"round.err.titleMissing"}},
		{"no deadline", RoundDraft{Title: "x"}, []string{"round.err.deadlineMissing"}},
		{"deadline yesterday", RoundDraft{Title: "x", Deadline: day(2026, 11, 30)}, []string{"round.err.deadlinePast"}},
		{"meeting before deadline", RoundDraft{Title: "x", Deadline: day(2027, 1, 15), MeetingOn: day(2027, 1, 14)},
			[]string{"round.err.meetingBeforeDeadline"}},
		{"title too long", RoundDraft{Title: strings.Repeat("a", MaxRoundTitleLen+1), Deadline: day(2027, 1, 15)},
			[]string{"error.workflow.textTooLong"}},
		{"all at once", RoundDraft{Committee: strings.Repeat("a", MaxReportCommitteeLen+1)},
			[]string{"round.err.titleMissing", "error.workflow.textTooLong", "round.err.deadlineMissing"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := CheckRoundDraft(c.d, today)
			if keys := errorKeys(err); !slices.Equal(keys, c.want) {
				t.Fatalf("keys %v, want %v", keys, c.want)
			}
			if err == nil && got.Title != strings.TrimSpace(c.d.Title) {
				t.Errorf("title %q not cleaned", got.Title)
			}
		})
	}
}

func TestCheckRoundClose(t *testing.T) {
	open, closed := Round{State: RoundOpen}, Round{State: RoundClosed}
	cases := []struct {
		name      string
		r         Round
		missing   int
		confirmed bool
		want      []string
	}{
		{"all complete", open, 0, false, nil},
		{"missing, confirmed", open, 3, true, nil},
		{"missing, not confirmed", open, 3, false, []string{"round.err.confirmMissing"}},
		{"closed already", closed, 0, true, []string{"round.err.closed"}},
	}
	for _, c := range cases {
		if keys := errorKeys(CheckRoundClose(c.r, c.missing, c.confirmed)); !slices.Equal(keys, c.want) {
			t.Errorf("%s: %v, want %v", c.name, keys, c.want)
		}
	}
	if ErrorCode(CheckRoundOpen(closed)) != CodeConflict || CheckRoundOpen(open) != nil {
		t.Error("CheckRoundOpen: a closed round is a conflict, an open one fine")
	}
}

func TestNeedsRoundUpdate(t *testing.T) {
	opened := time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		i    Implementation
		want bool
	}{
		{"relevance open", Implementation{Relevance: RelevanceOpen}, true},
		{"never reported", Implementation{Relevance: RelevanceRelevant, Status: StatusPlanned}, true},
		{"reported before the round", Implementation{Relevance: RelevanceRelevant, Status: StatusInProgress, LastUpdateOn: day(2026, 11, 15)}, true},
		{"reported on the opening day", Implementation{Relevance: RelevanceRelevant, Status: StatusInProgress, LastUpdateOn: day(2026, 11, 16)}, false},
		{"completed", Implementation{Relevance: RelevanceRelevant, Status: StatusCompleted}, false},
		{"cancelled", Implementation{Relevance: RelevanceRelevant, Status: StatusCancelled}, false},
		{"not relevant", Implementation{Relevance: RelevanceNotRelevant}, false},
		{"already in place", Implementation{Relevance: RelevanceAlreadyInPlace}, false},
	}
	for _, c := range cases {
		if got := NeedsRoundUpdate(c.i, opened); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestRoundReportPeriod(t *testing.T) {
	deadline := *day(2027, 1, 15)
	cases := []struct {
		name            string
		lastTo, adopted *time.Time
		wantFrom        time.Time
	}{
		{"after the last frozen report", day(2026, 10, 15), day(2024, 12, 1), *day(2026, 10, 16)},
		{"from adoption", nil, day(2024, 12, 1), *day(2024, 12, 1)},
		{"nothing known", nil, nil, deadline},
		{"last report ends after the deadline", day(2027, 3, 1), nil, deadline},
	}
	for _, c := range cases {
		from, to := RoundReportPeriod(c.lastTo, c.adopted, deadline)
		if !from.Equal(c.wantFrom) || !to.Equal(deadline) {
			t.Errorf("%s: %s–%s, want %s–%s", c.name, from, to, c.wantFrom, deadline)
		}
	}
}

func TestRoundDaysLeft(t *testing.T) {
	r := Round{Deadline: *day(2027, 1, 15)}
	for _, c := range []struct {
		today time.Time
		want  int
	}{{*day(2026, 12, 1), 45}, {time.Date(2027, 1, 15, 18, 0, 0, 0, time.UTC), 0}, {*day(2027, 1, 16), -1}} {
		if got := r.DaysLeft(c.today); got != c.want {
			t.Errorf("%s: %d, want %d", c.today, got, c.want)
		}
	}
}

func TestCheckNudge(t *testing.T) {
	if body, err := CheckNudge("  Bitte bis Freitag melden. "); err != nil || body != "Bitte bis Freitag melden." {
		t.Errorf("got %q, %v", body, err)
	}
	// The reminder is the message; its text is optional.
	if body, err := CheckNudge(" "); err != nil || body != "" {
		t.Errorf("empty: %q, %v", body, err)
	}
}
