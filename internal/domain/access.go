package domain

// AccessGrant is what an operator gives on the command line to restore
// access: a person, named as the identity provider names them (issuer and
// subject) or by the e-mail address of someone who signed in before, and the
// role and organisation to grant.
type AccessGrant struct {
	Issuer, Subject, Email string
	Role                   Role
	OrgSlug                string
}

// AccessResult says what GrantAccess did.
type AccessResult struct {
	User         User
	Organisation Organisation
	// UserCreated is true when the person was unknown and has been added; they
	// get the role when they first sign in.
	UserCreated bool
	// AlreadyHeld is true when the person had the role already: nothing changed.
	AlreadyHeld bool
}
