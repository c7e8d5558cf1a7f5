package domain

import "time"

// SupportRequest is a request for KI support as the KI's queue lists it:
// the implementation with its municipality and measure, who of the KI took
// it and when it was answered.
type SupportRequest struct {
	ImplementationID int64      `db:"implementation_id"`
	OrgSlug          string     `db:"org_slug"`
	OrgName          string     `db:"org_name"`
	MeasureID        int64      `db:"measure_id"`
	MeasureCode      string     `db:"measure_code"`
	MeasureTitle     string     `db:"measure_title"`
	Support          Support    `db:"support"`
	Request          string     `db:"support_request"`
	Response         string     `db:"support_response"`
	RequestedAt      *time.Time `db:"support_requested_at"`
	AnsweredAt       *time.Time `db:"support_answered_at"`
	AssigneeID       *int64     `db:"support_assignee_id"`
	AssigneeName     string     `db:"assignee_name"`
	// Version is the implementation's, for answering from the queue.
	Version int `db:"version"`
}

// Answers are the answers the KI may give to the request as it stands.
func (r SupportRequest) Answers() []Support {
	return ChoicesOf(Implementation{Support: r.Support}, false, true).Answers
}

// SupportTab is one tab of the KI's support queue.
type SupportTab string

const (
	SupportTabNew      SupportTab = "neu"           // requested, not answered yet; oldest first
	SupportTabAccepted SupportTab = "angenommen"    // accepted, being worked on; oldest answer first
	SupportTabClosed   SupportTab = "abgeschlossen" // done or declined; newest answer first
)

// SupportTabs lists the queue's tabs in order, the default first.
var SupportTabs = []SupportTab{SupportTabNew, SupportTabAccepted, SupportTabClosed}

// States are the support states a tab lists.
func (t SupportTab) States() []Support {
	switch t {
	case SupportTabAccepted:
		return []Support{SupportAccepted}
	case SupportTabClosed:
		return []Support{SupportDone, SupportDeclined}
	}
	return []Support{SupportRequested}
}

// SupportQueueFilter narrows the KI's support queue; an empty OrgSlug
// matches every town.
type SupportQueueFilter struct {
	PlanID  int64 // required: the queue of one plan
	OrgSlug string
	Tab     SupportTab
}

// MaxClosedSupportRequests bounds the closed tab: the newest answers only.
const MaxClosedSupportRequests = 200
