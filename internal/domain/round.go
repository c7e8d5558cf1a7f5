package domain

import (
	"errors"
	"time"
)

// RoundState is where a reporting round (Berichtsrunde) stands: open while
// the towns report, closed once its report is frozen.
type RoundState string

const (
	RoundOpen   RoundState = "open"
	RoundClosed RoundState = "closed"
)

// Lengths of a round's texts. A round's title goes into its report's title
// with a prefix, so it is shorter than a report title may be.
const (
	MaxRoundTitleLen = 250
	MaxNudgeLen      = 2000
)

// Round is a reporting round of one plan: the towns bring their
// implementations up to date by the deadline (Stichtag) for the committee
// meeting it feeds; closing it freezes its report (ReportID).
type Round struct {
	ID           int64
	PlanID       int64
	Title        string
	Deadline     time.Time
	Committee    string
	MeetingOn    *time.Time
	State        RoundState
	ReportID     int64
	OpenedAt     time.Time
	OpenedByName string
	ClosedAt     *time.Time
	ClosedByName string
}

// IsOpen reports whether the towns still report in the round.
func (r Round) IsOpen() bool { return r.State == RoundOpen }

// OpenedOn is the day the round opened where the users live: progress
// reports from that day on count as reported in the round.
func (r Round) OpenedOn() time.Time { return Today(r.OpenedAt) }

// DaysLeft is the number of days from today to the deadline; 0 on the
// deadline itself, negative once it has passed.
func (r Round) DaysLeft(today time.Time) int {
	return int(dateOf(r.Deadline).Sub(dateOf(today)).Hours() / 24)
}

// RoundCompletion is a town's "Meldung abgeschlossen" in a round.
type RoundCompletion struct {
	CompletedAt     time.Time
	CompletedByName string
}

// RoundNudge is the KI's reminder to one town in a round.
type RoundNudge struct {
	Body          string
	CreatedAt     time.Time
	CreatedByName string
}

// RoundTown is one town's state in a round, as the KI sees it: whether it
// completed, how many implementations it still has to confirm or update
// (NeedsRoundUpdate) and the KI's latest reminder.
type RoundTown struct {
	Org        Organisation
	Completion *RoundCompletion
	ToUpdate   int
	LastNudge  *RoundNudge
}

// TownRound is the open round as one town sees it: only its own completion
// and the latest reminder to it, never the other towns'.
type TownRound struct {
	Round      Round
	Completion *RoundCompletion
	LastNudge  *RoundNudge
}

// RoundDraft is what the KI enters to open a round.
type RoundDraft struct {
	Title     string
	Committee string
	Deadline  *time.Time
	MeetingOn *time.Time
}

// CheckRoundDraft cleans and checks a new round: a title, a deadline that is
// not in the past (today is allowed: the towns still have the whole day),
// and a meeting, if given, not before the deadline. Every refused field is
// reported at once.
func CheckRoundDraft(d RoundDraft, today time.Time) (RoundDraft, error) {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	var err error
	d.Title, err = requireText("title", d.Title, MaxRoundTitleLen, "round.err.titleMissing", "round title missing")
	add(err)
	d.Committee, err = cleanText("committee", d.Committee, MaxReportCommitteeLen)
	add(err)
	switch {
	case d.Deadline == nil:
		add(Keyed(CodeInvalid, "deadline", "round.err.deadlineMissing", "deadline missing"))
	case dateOf(*d.Deadline).Before(dateOf(today)):
		add(Keyed(CodeInvalid, "deadline", "round.err.deadlinePast", "deadline in the past"))
	case d.MeetingOn != nil && dateOf(*d.MeetingOn).Before(dateOf(*d.Deadline)):
		add(Keyed(CodeInvalid, "meeting_on", "round.err.meetingBeforeDeadline", "meeting before the deadline"))
	}
	return d, errors.Join(errs...)
}

// CheckRoundOpen refuses changing a round that is closed: completions,
// revocations and reminders belong to an open round.
func CheckRoundOpen(r Round) error {
	if !r.IsOpen() {
		return Keyed(CodeConflict, "", "round.err.closed", "the reporting round is closed")
	}
	return nil
}

// CheckRoundClose decides whether a round may close with missing towns
// still to complete: only when the KI confirmed closing without them.
func CheckRoundClose(r Round, missing int, confirmed bool) error {
	if err := CheckRoundOpen(r); err != nil {
		return err
	}
	if missing > 0 && !confirmed {
		return Keyed(CodeInvalid, "confirm", "round.err.confirmMissing", "towns missing, not confirmed",
			"Count", missing)
	}
	return nil
}

// CheckNudge cleans the KI's reminder to a town; it must say something.
func CheckNudge(body string) (string, error) {
	return cleanText("body", body, MaxNudgeLen)
}

// NeedsRoundUpdate reports whether a town still has to confirm or update an
// implementation in a round opened on openedOn: its relevance is still open,
// or work on it is open and no progress report was made since the round
// opened.
func NeedsRoundUpdate(i Implementation, openedOn time.Time) bool {
	if i.Relevance == RelevanceOpen {
		return true
	}
	return i.IsOpen() && (i.LastUpdateOn == nil || i.LastUpdateOn.Before(dateOf(openedOn)))
}

// RoundReportPeriod is the period a round's report covers: from the day
// after the last frozen report's period ended (or the plan's adoption when
// there is none; or the deadline when neither is known or both lie after it)
// to the deadline.
func RoundReportPeriod(lastFrozenTo, adoptedOn *time.Time, deadline time.Time) (from, to time.Time) {
	to = dateOf(deadline)
	from = to
	switch {
	case lastFrozenTo != nil:
		from = dateOf(*lastFrozenTo).AddDate(0, 0, 1)
	case adoptedOn != nil:
		from = dateOf(*adoptedOn)
	}
	if from.After(to) {
		from = to
	}
	return from, to
}
