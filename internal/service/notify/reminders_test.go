package notify_test

import (
	"context"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/service/round"
)

// openRound opens a round on day0 with its deadline `days` later.
func (f *fixture) openRound(t *testing.T, days int) domain.Round {
	t.Helper()
	f.at(0)
	deadline := day0.AddDate(0, 0, days)
	r, err := f.rounds.Open(context.Background(), f.ki, f.scope,
		round.Open{RoundDraft: domain.RoundDraft{Title: "Winter", Deadline: &deadline}})
	if err != nil {
		t.Fatal(err)
	}
	// The database dates the opening by its own clock; the test's is day0.
	if _, err := f.pool.Exec(context.Background(), `UPDATE reporting_rounds SET opened_at = $2 WHERE id = $1`, r.ID, day0); err != nil {
		t.Fatal(err)
	}
	return r
}

// Every step of a round's deadline (14, 7, 1 days ahead, missed) reaches
// each town not yet complete once, on its day, however often the scan runs.
func TestRoundDeadlineRemindsAtEachStepOnceAndWhenMissed(t *testing.T) {
	f := newFixture(t)
	r := f.openRound(t, 20)
	steps := map[int][]int{} // day → days_left of Anna's reminders written that day
	for day := 0; day <= 23; day++ {
		before := len(f.reminders(t, f.anna, domain.NoticeRoundDeadline))
		f.scan(t, day)
		f.scan(t, day) // a second run the same day, as on a second instance
		got := f.reminders(t, f.anna, domain.NoticeRoundDeadline)
		for _, p := range got[before:] {
			steps[day] = append(steps[day], p.DaysLeft)
		}
		if day == 10 { // Nottuln completes its reporting: no more reminders for Bert
			if _, err := f.pool.Exec(context.Background(), `INSERT INTO round_completions (round_id, organisation_id) VALUES ($1, $2)`,
				r.ID, f.nottuln); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := map[int][]int{6: {14}, 13: {7}, 19: {1}}
	if len(steps) != len(want) {
		t.Errorf("Anna's deadline reminders by day: %v, want %v", steps, want)
	}
	for day, w := range want {
		if len(steps[day]) != 1 || steps[day][0] != w[0] {
			t.Errorf("day %d: %v, want %v", day, steps[day], w)
		}
	}
	if missed := f.reminders(t, f.anna, domain.NoticeRoundMissed); len(missed) != 1 || missed[0].RoundID != r.ID {
		t.Errorf("Anna's missed deadline: %+v, want one", missed)
	}
	if got := f.reminders(t, f.bert, domain.NoticeRoundDeadline); len(got) != 1 || got[0].DaysLeft != 14 {
		t.Errorf("Bert, complete since day 10: %+v, want only the 14-day reminder", got)
	}
	if got := f.reminders(t, f.bert, domain.NoticeRoundMissed); len(got) != 0 {
		t.Errorf("Bert, complete: missed %+v", got)
	}
}

// A round opened 10 days before its deadline skips the 14-day step (the
// opening said it) and reminds at 7 and 1.
func TestRoundOpenedLateSkipsStepsAlreadyBehind(t *testing.T) {
	f := newFixture(t)
	f.openRound(t, 10)
	for day := 0; day <= 10; day++ {
		f.scan(t, day)
	}
	var left []int
	for _, p := range f.reminders(t, f.anna, domain.NoticeRoundDeadline) {
		left = append(left, p.DaysLeft)
	}
	if len(left) != 2 || left[0] != 7 || left[1] != 1 {
		t.Errorf("days left of the reminders: %v, want [7 1]", left)
	}
}

// Due dates and milestones: 7 days ahead and once passed, each once; a
// town's reminders come at most once a day, staleness at most once a week.
func TestDueAndStaleRemindersStepsAndMinimumGap(t *testing.T) {
	f := newFixture(t)
	items := func(kind domain.NoticeKind) [][]string {
		var out [][]string
		for _, p := range f.reminders(t, f.anna, kind) {
			var one []string
			for _, it := range p.Items {
				one = append(one, it.What+":"+it.On+":"+it.Milestone)
			}
			out = append(out, one)
		}
		return out
	}
	// Day 0 (1 Dec): the implementation is due on 8 Dec (7 days), the
	// milestone on 4 Dec: one reminder listing both.
	f.scan(t, 0)
	f.scan(t, 0)
	due := items(domain.NoticeDue)
	if len(due) != 1 || len(due[0]) != 2 || due[0][0] != "soon:2026-12-04:Raum gefunden" || due[0][1] != "soon:2026-12-08:" {
		t.Fatalf("day 0: %v", due)
	}
	for day := 1; day <= 3; day++ { // up to 4 Dec, the milestone's day
		f.scan(t, day)
	}
	if due := items(domain.NoticeDue); len(due) != 1 {
		t.Errorf("days 1–3 repeated a reminder: %v", due)
	}
	// Day 4 (5 Dec): the milestone has passed; days 5–7 nothing new; day 8
	// (9 Dec): the due date has passed.
	for day := 4; day <= 8; day++ {
		f.scan(t, day)
	}
	due = items(domain.NoticeDue)
	if len(due) != 3 || due[1][0] != "past:2026-12-04:Raum gefunden" || due[2][0] != "past:2026-12-08:" {
		t.Errorf("passed dates: %v", due)
	}
	// Staleness: the clock started on 20 Nov, 30 days → stale from 21 Dec
	// (day 20, a Monday).
	for day := 10; day <= 19; day++ {
		f.scan(t, day)
	}
	if s := items(domain.NoticeStale); len(s) != 0 {
		t.Errorf("stale too early: %v", s)
	}
	f.scan(t, 20)
	if s := items(domain.NoticeStale); len(s) != 1 || s[0][0] != "stale:2026-11-20:" {
		t.Errorf("day 20: %v", s)
	}
	// The start moves to 22 Nov: a new
	// staleness episode from 23 Dec (day 22, a Wednesday of the same week):
	// the weekly gap holds its reminder back until Monday 28 Dec (day 27).
	if _, err := f.pool.Exec(context.Background(), `UPDATE implementations SET start_on = '2026-11-22', due_on = NULL
		WHERE id = $1`, f.impl.ID); err != nil {
		t.Fatal(err)
	}
	for day := 21; day <= 26; day++ {
		f.scan(t, day)
	}
	if s := items(domain.NoticeStale); len(s) != 1 {
		t.Errorf("days 21–26 (same week): %v", s)
	}
	f.scan(t, 27)
	f.scan(t, 28)
	if s := items(domain.NoticeStale); len(s) != 2 || len(s[1]) != 1 || s[1][0] != "stale:2026-11-22:" {
		t.Errorf("next week: %v, want the new episode once", s)
	}
}
