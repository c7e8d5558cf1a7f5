package jobs

import (
	"time"

	"github.com/riverqueue/river"
)

// dispatchEvery is how soon a notification's mail is queued after the
// event: the event's own transaction writes the notification, the next
// dispatch mails it.
const dispatchEvery = 15 * time.Second

// The scan runs daily at 06:00 and at start (idempotent per day); the
// digest on Mondays at 07:00, in the county's time zone. River's periodic
// jobs are inserted by the elected leader only, so with several instances
// each runs once; the SQL slots make a second run harmless anyway.
func periodicJobs(opts Options) []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(dispatchEvery),
			func() (river.JobArgs, *river.InsertOpts) { return DispatchMail{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true}),
		river.NewPeriodicJob(dailyAt{hour: 6, loc: opts.Location},
			func() (river.JobArgs, *river.InsertOpts) { return ReminderScan{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true}),
		river.NewPeriodicJob(weeklyAt{day: time.Monday, hour: 7, loc: opts.Location},
			func() (river.JobArgs, *river.InsertOpts) { return WeeklyDigest{}, nil },
			&river.PeriodicJobOpts{RunOnStart: opts.DigestOnStart}),
	}
}

// dailyAt is the next full hour `hour` after t.
type dailyAt struct {
	hour int
	loc  *time.Location
}

func (s dailyAt) Next(t time.Time) time.Time {
	l := t.In(s.loc)
	next := time.Date(l.Year(), l.Month(), l.Day(), s.hour, 0, 0, 0, s.loc)
	if !next.After(t) {
		next = next.AddDate(0, 0, 1)
	}
	return next
}

// weeklyAt is the next `day` at full hour `hour` after t.
type weeklyAt struct {
	day  time.Weekday
	hour int
	loc  *time.Location
}

func (s weeklyAt) Next(t time.Time) time.Time {
	next := dailyAt{hour: s.hour, loc: s.loc}.Next(t)
	for next.Weekday() != s.day {
		next = dailyAt{hour: s.hour, loc: s.loc}.Next(next)
	}
	return next
}
