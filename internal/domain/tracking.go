package domain

import "time"

// Text limits of the tracking records, in characters (runes). The database
// holds the same limits as CHECK constraints.
const (
	MaxResponsibleOrgLen = 200
	MaxContactLen        = 320
	MaxProgressReportLen = 5000
	MaxMilestoneTitleLen = 300
	MaxCommentLen        = 5000
)

// Milestone is a step on the way to implementing a measure, with an optional
// due date; DoneOn is set exactly when it is done.
type Milestone struct {
	ID               int64      `db:"id" json:"id"`
	ImplementationID int64      `db:"implementation_id" json:"implementation_id"`
	Title            string     `db:"title" json:"title"`
	DueOn            *time.Time `db:"due_on" json:"due_on"`
	Done             bool       `db:"done" json:"done"`
	DoneOn           *time.Time `db:"done_on" json:"done_on"`
	CreatedAt        time.Time  `db:"created_at" json:"created_at"`
}

// Overdue reports whether the milestone is open past its due date.
func (m Milestone) Overdue(today time.Time) bool {
	return !m.Done && m.DueOn != nil && m.DueOn.Before(dateOf(today))
}

// Comment is one message of the internal discussion on an implementation
// between the municipality and the KI. Never shown to the committee or the public.
type Comment struct {
	ID               int64     `db:"id" json:"id"`
	ImplementationID int64     `db:"implementation_id" json:"implementation_id"`
	AuthorName       string    `db:"author_name" json:"author_name"`
	Body             string    `db:"body" json:"body"`
	CreatedAt        time.Time `db:"created_at" json:"created_at"`
}

// ProgressReport is a progress update with the name of whoever wrote it, as
// the implementation's timeline shows it.
type ProgressReport struct {
	ProgressUpdate
	AuthorName string `db:"author_name"`
}

// RecordScope says which of an implementation's internal records a reader
// may see: the history (audit trail) and the comment thread.
type RecordScope struct {
	History  bool
	Comments bool
}

// ImplementationRecords is everything recorded about one implementation:
// progress reports (newest first), milestones (by due date), comments
// (oldest first) and the audit trail (newest first). Comments and history
// are empty unless the RecordScope asked for them.
type ImplementationRecords struct {
	Reports    []ProgressReport
	Milestones []Milestone
	Comments   []Comment
	History    []AuditEvent
	// Offers are the public offers that implement the measure for this
	// organisation (issue 13), read with the records in the same statement.
	Offers []OfferLink
}
