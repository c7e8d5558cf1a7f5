package seed

import (
	"strconv"
	"time"
)

// DemoReport is a committee status report of the demo plan, frozen on
// FrozenOn as the plan stood that day.
type DemoReport struct {
	Title        string
	Committee    string
	MeetingOn    time.Time
	PeriodFrom   time.Time
	PeriodTo     time.Time
	FrozenOn     time.Time
	Introduction string
	// Narratives holds the KI's text per action field code.
	Narratives map[string]string
}

// DemoRound is the demo plan's open reporting round: some towns have
// completed, one was reminded.
type DemoRound struct {
	Title       string
	Committee   string
	Deadline    time.Time
	MeetingOn   time.Time
	OpenedOn    time.Time
	ReportTitle string
	// Completed lists the towns (by slug) that completed, with the day each did.
	Completed []DemoCompletion
	Nudge     DemoNudge
}

// DemoCompletion is one town's "Meldung abgeschlossen".
type DemoCompletion struct {
	OrgSlug string
	On      time.Time
}

// DemoNudge is the KI's reminder to one town.
type DemoNudge struct {
	OrgSlug string
	Body    string
	On      time.Time
}

const demoCommittee = "Integrationsausschuss"

// DemoReporting returns two frozen status reports of the current plan – the
// spring and the autumn report of the last year whose autumn report lies a
// month or more before now (for now = 1 December 2026: 20 April and
// 15 October 2026) – and an open reporting round whose deadline lies six
// weeks after now. The dates follow now, as the generated history does.
func DemoReporting(c Concept, now time.Time) ([]DemoReport, DemoRound) {
	today := dateOf(now)
	year := today.Year()
	if today.Before(time.Date(year, time.November, 15, 0, 0, 0, 0, time.UTC)) {
		year--
	}
	spring := time.Date(year, time.April, 20, 0, 0, 0, 0, time.UTC)
	autumn := time.Date(year, time.October, 15, 0, 0, 0, 0, time.UTC)
	adopted := dateOf(c.AdoptedOn)
	if adopted.After(spring) {
		adopted = spring
	}
	reports := []DemoReport{
		{Title: "Sachstandsbericht Frühjahr " + itoa(year), Committee: demoCommittee,
			MeetingOn: spring.AddDate(0, 0, 17), PeriodFrom: adopted, PeriodTo: spring, FrozenOn: spring,
			Introduction: springIntroduction, Narratives: springNarratives},
		{Title: "Sachstandsbericht Herbst " + itoa(year), Committee: demoCommittee,
			MeetingOn: autumn.AddDate(0, 0, 21), PeriodFrom: spring.AddDate(0, 0, 1), PeriodTo: autumn, FrozenOn: autumn,
			Introduction: autumnIntroduction, Narratives: autumnNarratives},
	}
	deadline := today.AddDate(0, 0, 45)
	title := seasonTitle(deadline)
	round := DemoRound{Title: title, Committee: demoCommittee, Deadline: deadline,
		MeetingOn: deadline.AddDate(0, 0, 19), OpenedOn: today.AddDate(0, 0, -14),
		ReportTitle: "Sachstandsbericht " + title,
		Completed: []DemoCompletion{
			{OrgSlug: "billerbeck", On: today.AddDate(0, 0, -9)},
			{OrgSlug: "havixbeck", On: today.AddDate(0, 0, -6)},
			{OrgSlug: "olfen", On: today.AddDate(0, 0, -3)},
			{OrgSlug: "rosendahl", On: today.AddDate(0, 0, -1)},
		},
		Nudge: DemoNudge{OrgSlug: "duelmen", On: today.AddDate(0, 0, -2),
			Body: "Guten Tag, für den Sachstandsbericht fehlen uns aus Dülmen noch die Entscheidungen zur Relevanz " +
				"im Handlungsfeld Sprache und einige aktuelle Sachstände. Wir wären dankbar, wenn Sie diese bis zum " +
				"Stichtag nachtragen könnten. Bei Fragen melden Sie sich gern."},
	}
	return reports, round
}

func itoa(n int) string { return strconv.Itoa(n) }

// seasonTitle names a round after the season of its deadline, as the
// committee's agenda would: "Winter 2026/27", "Frühjahr 2027".
func seasonTitle(deadline time.Time) string {
	y := deadline.Year()
	switch m := deadline.Month(); {
	case m <= time.February:
		return "Winter " + itoa(y-1) + "/" + itoa(y%100)
	case m == time.December:
		return "Winter " + itoa(y) + "/" + itoa((y+1)%100)
	case m <= time.May:
		return "Frühjahr " + itoa(y)
	case m <= time.August:
		return "Sommer " + itoa(y)
	}
	return "Herbst " + itoa(y)
}
