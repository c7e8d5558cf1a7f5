package seed

import (
	"sort"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// schedule sets start and due dates that fit the status: planned work starts
// soon, running work started in the past and some of it is overdue, finished
// work mostly lies behind us.
func (g *generator) schedule(im *Implementation) {
	var start, due time.Time
	switch im.Status {
	case domain.StatusPlanned:
		if g.chance(8) {
			return // not scheduled yet
		}
		start = g.daysFromToday(-60 + g.r.IntN(300))
		due = start.AddDate(0, 0, 120+g.r.IntN(420))
	case domain.StatusInProgress, domain.StatusOnHold:
		start, due = g.runningSchedule()
	case domain.StatusCompleted:
		start = g.daysFromToday(-(180 + g.r.IntN(420)))
		due = start.AddDate(0, 0, 90+g.r.IntN(330))
	default: // cancelled
		start = g.daysFromToday(-(90 + g.r.IntN(410)))
		due = start.AddDate(0, 0, 180+g.r.IntN(360))
	}
	im.StartOn = &start
	if !im.Continuous {
		im.DueOn = &due
	}
}

// runningSchedule gives a start in the past and a due date that has passed
// for about a quarter of the running implementations.
func (g *generator) runningSchedule() (start, due time.Time) {
	startAgo := 60 + g.r.IntN(480)
	start = g.daysFromToday(-startAgo)
	if g.chance(25) {
		return start, g.daysFromToday(-(7 + g.r.IntN(startAgo-30)))
	}
	return start, g.daysFromToday(30 + g.r.IntN(570))
}

// milestones gives about a third of the scheduled implementations two to
// four steps between start and due date; finished ones are all done.
func (g *generator) milestones(im *Implementation) {
	if im.StartOn == nil || im.DueOn == nil || !g.chance(35) {
		return
	}
	n := 2 + g.r.IntN(3)
	titles := g.orderedSubset(milestoneTitles, n)
	span := im.DueOn.Sub(*im.StartOn)
	for i, title := range titles {
		due := dateOf(im.StartOn.Add(span * time.Duration(i+1) / time.Duration(n)))
		ms := Milestone{Title: title, DueOn: &due}
		if g.milestoneDone(im.Status, due) {
			done := clampDate(due.AddDate(0, 0, -10+g.r.IntN(31)), *im.StartOn, g.today)
			ms.DoneOn = &done
		}
		im.Milestones = append(im.Milestones, ms)
	}
}

// settleMilestones reopens a milestone marked done that the progress does
// not reach yet: the i-th of n steps needs i/(n+1) of the work (a final
// report is not done at 10 %). It runs after the history, which settles a
// cancelled measure's progress, and draws no random numbers.
func settleMilestones(im *Implementation) {
	n := len(im.Milestones)
	for i := range im.Milestones {
		if im.Milestones[i].DoneOn != nil && im.Progress < MilestoneShare(i, n) {
			im.Milestones[i].DoneOn = nil
		}
	}
}

// MilestoneShare is the progress (percent) the i-th (from 0) of n
// milestones needs before it can be done.
func MilestoneShare(i, n int) int {
	return 100 * (i + 1) / (n + 1)
}

func (g *generator) milestoneDone(s domain.Status, due time.Time) bool {
	if s == domain.StatusCompleted {
		return true
	}
	return due.Before(g.today) && g.chance(75)
}

// orderedSubset picks n of xs, keeping their order.
func (g *generator) orderedSubset(xs []string, n int) []string {
	idx := g.r.Perm(len(xs))[:n]
	sort.Ints(idx)
	out := make([]string, n)
	for i, j := range idx {
		out[i] = xs[j]
	}
	return out
}

// weighted returns an index drawn with the given weights.
func (g *generator) weighted(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	x := g.r.IntN(total)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

func (g *generator) chance(percent int) bool { return g.r.IntN(100) < percent }

func pick[T any](g *generator, xs []T) T { return xs[g.r.IntN(len(xs))] }

func (g *generator) daysFromToday(n int) time.Time { return g.today.AddDate(0, 0, n) }

// dayBetween returns a working day in [from, to] (dates only).
func (g *generator) dayBetween(from, to time.Time) time.Time {
	from, to = dateOf(from), dateOf(to)
	n := int(to.Sub(from).Hours() / 24)
	if n <= 0 {
		return from
	}
	return workday(from.AddDate(0, 0, g.r.IntN(n+1)), from)
}

// sortedDays returns n working days in [from, to], oldest first.
func (g *generator) sortedDays(from, to time.Time, n int) []time.Time {
	days := make([]time.Time, n)
	for i := range days {
		days[i] = g.dayBetween(from, to)
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })
	return days
}

// officeHours is a time of day between 8:00 and 17:00.
func (g *generator) officeHours() time.Duration {
	return time.Duration(8*60+g.r.IntN(9*60)) * time.Minute
}

// workday moves a weekend day back to Friday, but not before floor.
func workday(d, floor time.Time) time.Time {
	switch d.Weekday() {
	case time.Saturday:
		d = d.AddDate(0, 0, -1)
	case time.Sunday:
		d = d.AddDate(0, 0, -2)
	}
	if d.Before(floor) {
		return floor
	}
	return d
}

func clampDate(d, lo, hi time.Time) time.Time {
	if d.Before(lo) {
		return lo
	}
	if d.After(hi) {
		return hi
	}
	return d
}

func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
