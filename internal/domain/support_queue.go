package domain

import "time"

// SupportRequest is an open request for KI support as the KI's queue lists
// it: the implementation with its municipality and measure.
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
}

// SupportQueueFilter narrows the KI's support queue; empty fields match all.
type SupportQueueFilter struct {
	PlanID  int64 // required: the queue of one plan
	OrgSlug string
	Support Support // SupportRequested or SupportAccepted
}
