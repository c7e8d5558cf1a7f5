package domain

import (
	"errors"
	"time"
)

// Text limits of a need, in characters (runes); the database checks the same.
const (
	MaxNeedTitleLen       = 200
	MaxNeedDescriptionLen = 4000
)

// NeedStatus is how far the KI has come with a cross-municipal need.
type NeedStatus string

const (
	NeedOpen    NeedStatus = "open"     // reported, not yet looked at
	NeedTakenUp NeedStatus = "taken_up" // the KI takes it up county-wide
	NeedClosed  NeedStatus = "closed"   // settled or not pursued
)

// NeedStatuses lists every need status in display order.
var NeedStatuses = []NeedStatus{NeedOpen, NeedTakenUp, NeedClosed}

// Valid reports whether s is a known need status.
func (s NeedStatus) Valid() bool {
	for _, known := range NeedStatuses {
		if s == known {
			return true
		}
	}
	return false
}

// Need (Bedarf) is something a municipality asks the KI to take up for the
// whole county, such as a shortage of interpreters every town feels.
type Need struct {
	ID             int64      `db:"id"`
	OrganisationID int64      `db:"organisation_id"`
	OrgSlug        string     `db:"org_slug"`
	OrgName        string     `db:"org_name"`
	Title          string     `db:"title"`
	Description    string     `db:"description"`
	Status         NeedStatus `db:"status"`
	// MeasureID is the county-wide measure the KI linked the need to, if any.
	MeasureID     *int64     `db:"measure_id"`
	MeasureCode   string     `db:"measure_code"`
	MeasureTitle  string     `db:"measure_title"`
	LinkedAt      *time.Time `db:"linked_at"`
	LinkedByName  string     `db:"linked_by_name"`
	CreatedByName string     `db:"created_by_name"`
	CreatedAt     time.Time  `db:"created_at"`
	// Version counts saves, for optimistic locking: a change names the
	// version it was read at.
	Version int `db:"version"`
}

// NeedChange is what the KI sets on a need: its status and the county-wide
// measure it is linked to (nil: none).
type NeedChange struct {
	Status    NeedStatus
	MeasureID *int64
}

// CheckNeed trims a need's title and description and checks them: a title
// is required, both have a length limit. All refused fields are reported
// together (errors.Join), so the form can mark each.
func CheckNeed(title, description string) (string, string, error) {
	title, titleErr := requireText("title", title, MaxNeedTitleLen, "need.err.titleMissing", "need title missing")
	description, descErr := cleanText("description", description, MaxNeedDescriptionLen)
	return title, description, errors.Join(titleErr, descErr)
}
