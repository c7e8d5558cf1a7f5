package domain

import "time"

// NoticeKind is the event a notification ("Neu für Sie") tells of. The
// kinds are stored (notifications.kind) and will name e-mail templates, so
// they are stable identifiers, not texts.
type NoticeKind string

const (
	// NoticeSupportAnswered: the KI accepted, declined or closed a town's
	// support request; to the town's coordinators.
	NoticeSupportAnswered NoticeKind = "support_answered"
	// NoticeComment: a new comment on an implementation, to the other side:
	// a comment by the KI goes to the town's coordinators; a comment by the
	// town goes to the KI staff member who took its support request (the
	// one person working with the town on it). The KI reads every town's
	// threads anyway, so a town's comment with nobody assigned tells nobody
	// rather than every KI member of the county.
	NoticeComment NoticeKind = "comment"
	// NoticeRoundOpened: the KI opened a reporting round; to the coordinators
	// of every town of the plan's county.
	NoticeRoundOpened NoticeKind = "round_opened"
	// NoticeRoundNudge: the KI reminded one town in an open round; to that
	// town's coordinators.
	NoticeRoundNudge NoticeKind = "round_nudge"
	// NoticeRoundDeadline: an open round's deadline is 14, 7 or 1 days away
	// (params.days_left); to the coordinators of towns not yet complete.
	NoticeRoundDeadline NoticeKind = "round_deadline"
	// NoticeRoundMissed: the deadline passed without the town's report.
	NoticeRoundMissed NoticeKind = "round_missed"
	// NoticeStale: implementations of a town have had no progress report
	// within the plan's interval (params.items); to its coordinators.
	NoticeStale NoticeKind = "stale"
	// NoticeDue: due dates and milestones of a town within 7 days or passed.
	NoticeDue NoticeKind = "due"
)

// NoticeKinds lists every kind.
var NoticeKinds = []NoticeKind{NoticeSupportAnswered, NoticeComment, NoticeRoundOpened, NoticeRoundNudge,
	NoticeRoundDeadline, NoticeRoundMissed, NoticeStale, NoticeDue, NoticeOfferUnconfirmed}

// NoticeParams is what a notification's text needs, as it was when the
// event happened (stored as JSON; empty fields are left out).
type NoticeParams struct {
	MeasureCode  string  `json:"measure_code,omitempty"`
	MeasureTitle string  `json:"measure_title,omitempty"`
	Answer       Support `json:"answer,omitempty"`   // support_answered
	Response     string  `json:"response,omitempty"` // support_answered: the KI's reason or note
	CommentID    int64   `json:"comment_id,omitempty"`
	RoundID      int64   `json:"round_id,omitempty"`
	RoundTitle   string  `json:"round_title,omitempty"`
	Deadline     string  `json:"deadline,omitempty"`  // round_opened, YYYY-MM-DD
	Body         string  `json:"body,omitempty"`      // round_nudge: the KI's reminder
	DaysLeft     int     `json:"days_left,omitempty"` // round_deadline: 14, 7 or 1
	// Items are a reminder's implementations (stale, due), at most
	// MaxReminderItems; Total counts them all.
	Items []ReminderItem `json:"items,omitempty"`
	Total int            `json:"total,omitempty"`
}

// ReminderItem is one implementation (or one of its milestones) a reminder
// names: what is due when, or since when it has had no report.
type ReminderItem struct {
	ImplementationID int64  `json:"impl_id"`
	MeasureCode      string `json:"code"`
	MeasureTitle     string `json:"title"`
	Milestone        string `json:"milestone,omitempty"`
	// What: "soon" (due within 7 days), "past" (due date passed), "stale".
	What string `json:"what"`
	On   string `json:"on"` // YYYY-MM-DD: the due date, or the last report's clock
}

// MaxReminderItems bounds the items one reminder carries; the mail names
// the rest as a number and links the workspace.
const MaxReminderItems = 20

// Notification is one entry of a user's inbox with what its link needs.
type Notification struct {
	ID               int64        `db:"id"`
	Kind             NoticeKind   `db:"kind"`
	PlanSlug         string       `db:"plan_slug"`
	OrgSlug          string       `db:"org_slug"`
	OrgName          string       `db:"org_name"`
	ImplementationID *int64       `db:"implementation_id"`
	ActorName        string       `db:"actor_name"`
	Params           NoticeParams `db:"params"`
	CreatedAt        time.Time    `db:"created_at"`
	ReadAt           *time.Time   `db:"read_at"`
}

// Unread reports whether the recipient has not marked the entry read.
func (n Notification) Unread() bool { return n.ReadAt == nil }

// SupportAnswerNotice is the notification a change of an implementation's
// support state sends: one when the KI answers a request (accepted,
// declined) or closes it (done), none for anything else, including the
// town's own request and a save that leaves the state as it was.
func SupportAnswerNotice(before, after Implementation) (NoticeParams, bool) {
	if before.Support == after.Support {
		return NoticeParams{}, false
	}
	switch after.Support {
	case SupportAccepted, SupportDeclined, SupportDone:
		return NoticeParams{Answer: after.Support, Response: after.SupportResponse}, true
	}
	return NoticeParams{}, false
}

// MaxUnreadShown is where the header's count stops counting ("99+"): the
// count runs on every page, so it reads at most this many rows.
const MaxUnreadShown = 99
