package seed

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// history writes the progress updates that led to the current state: dated
// over the last months, status and progress rising to the current values,
// the newest update recording the state as it is now.
func (g *generator) history(im *Implementation) {
	n := g.updateCount(im.Status)
	if n == 0 {
		return
	}
	days := g.updateDays(n)
	steps := g.progressSteps(im.Progress, im.Status, n)
	if im.Status == domain.StatusCancelled {
		// Cancelling stops the work where the last report left it: the
		// measure keeps that progress (none without an earlier report).
		final := 0
		if n >= 2 {
			final = steps[n-2]
		}
		steps[n-1], im.Progress = final, final
	}
	for i, day := range days {
		s := statusAt(steps[i], im.Status)
		if i == n-1 {
			s = im.Status
		}
		im.Updates = append(im.Updates, Update{
			ReportedOn: day,
			Body:       g.updateBody(s, im.StatusNote, day),
			Status:     s,
			Progress:   steps[i],
			CreatedAt:  day.Add(g.officeHours()),
		})
	}
	last := days[n-1]
	im.LastUpdateOn = &last
}

// updateCount is how many updates an implementation has: planned work has
// few, finished work at least the one that reported it finished.
func (g *generator) updateCount(s domain.Status) int {
	switch s {
	case domain.StatusPlanned:
		return g.r.IntN(4)
	case domain.StatusCompleted, domain.StatusCancelled:
		return 1 + g.r.IntN(8)
	}
	return g.r.IntN(9)
}

// updateDays spreads n report dates between the import and the newest
// update; about a third of the implementations were last reported on longer
// ago than the plan's update interval.
func (g *generator) updateDays(n int) []time.Time {
	ago := g.r.IntN(120)
	if g.chance(35) {
		ago = 120 + g.r.IntN(300)
	}
	first := dateOf(g.imported).AddDate(0, 0, 1)
	last := clampDate(g.daysFromToday(-ago), first, g.today)
	last = workday(last, first)
	days := append(g.sortedDays(first, last, n-1), last)
	return days
}

// progressSteps returns n progress values, rising to final; before the
// final update a completed implementation was not yet at 100 %.
func (g *generator) progressSteps(final int, s domain.Status, n int) []int {
	ceiling := final
	if s == domain.StatusCompleted {
		ceiling = 90
	}
	steps := make([]int, n)
	for i := 0; i < n-1; i++ {
		steps[i] = 5 * g.r.IntN(ceiling/5+1)
	}
	sort.Ints(steps[:n-1])
	steps[n-1] = final
	return steps
}

// statusAt is the status an earlier update recorded at a given progress.
func statusAt(progress int, final domain.Status) domain.Status {
	if final == domain.StatusPlanned || progress < 10 {
		return domain.StatusPlanned
	}
	return domain.StatusInProgress
}

func (g *generator) updateBody(s domain.Status, statusNote string, day time.Time) string {
	if s == domain.StatusCancelled {
		return "Die Maßnahme entfällt. " + statusNote
	}
	body := pick(g, updateBodies[s])
	if g.chance(45) {
		body += " " + pick(g, updateAddenda)
	}
	return g.fill(body, day)
}

var germanMonths = [...]string{"Januar", "Februar", "März", "April", "Mai", "Juni",
	"Juli", "August", "September", "Oktober", "November", "Dezember"}

// fill replaces the placeholders of a text template relative to day:
// {monat} a month ahead, {datum} a few days before, {jahr} a past year,
// {folgejahr} the year after.
func (g *generator) fill(text string, day time.Time) string {
	if !strings.Contains(text, "{") {
		return text
	}
	next := day.AddDate(0, 1+g.r.IntN(2), 0)
	r := strings.NewReplacer(
		"{monat}", fmt.Sprintf("%s %d", germanMonths[next.Month()-1], next.Year()),
		"{datum}", day.AddDate(0, 0, -(1+g.r.IntN(6))).Format("02.01.2006"),
		"{jahr}", fmt.Sprint(2016+g.r.IntN(9)),
		"{folgejahr}", fmt.Sprint(day.Year()+1),
	)
	return r.Replace(text)
}
