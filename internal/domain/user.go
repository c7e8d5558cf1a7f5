package domain

import "time"

// Role is what a membership allows; the policy in policies/ says what each may do.
type Role string

const (
	RoleAdmin       Role = "admin"       // users, memberships, settings
	RoleKI          Role = "ki"          // the county's integration office: every municipality
	RoleCoordinator Role = "coordinator" // one municipality's coordinator
	RoleCommittee   Role = "committee"   // reads status overviews and reports
)

// Roles lists every role in display order.
var Roles = []Role{RoleAdmin, RoleKI, RoleCoordinator, RoleCommittee}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, known := range Roles {
		if r == known {
			return true
		}
	}
	return false
}

// User is a person known from the identity provider, identified by the
// provider's issuer and the subject it assigns.
type User struct {
	ID          int64      `db:"id"`
	Issuer      string     `db:"issuer"`
	Subject     string     `db:"subject"`
	Name        string     `db:"name"`
	Email       string     `db:"email"`
	CreatedAt   time.Time  `db:"created_at"`
	LastLoginAt *time.Time `db:"last_login_at"`
}

// Membership grants a user a role in one organisation.
type Membership struct {
	ID             int64  `db:"id"`
	UserID         int64  `db:"user_id"`
	OrganisationID int64  `db:"organisation_id"`
	OrgSlug        string `db:"org_slug"`
	OrgName        string `db:"org_name"`
	// CountySlug is the county office the organisation belongs to (its own
	// slug for the county office): roles reach no further than that county.
	CountySlug string `db:"county_slug"`
	Role       Role   `db:"role"`
}

// Account is a user with every membership they hold.
type Account struct {
	User
	Memberships []Membership
	// Unread is the number of unread entries of the user's inbox ("Neu für
	// Sie"), counted up to MaxUnreadShown+1; StartPage is the start page the
	// user chose (a StartOption key, "" if none). Both are read with the
	// account on every signed-in request.
	Unread    int
	StartPage string
}
