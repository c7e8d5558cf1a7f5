package domain

// Actor is who performs a use case: a signed-in user, or the zero Actor for
// the system itself (the command line, a background job). Services take it
// explicitly, so that every audit event names who acted.
type Actor struct {
	ID   int64
	Name string
}

// UserID is the user to record in the audit log: nil for the system.
func (a Actor) UserID() *int64 {
	if a.ID == 0 {
		return nil
	}
	id := a.ID
	return &id
}

// ImplementationKey names one implementation as a plan-scoped address does:
// the plan of its measure, the organisation that carries it and its id.
// Reads and writes match all three, so an id of another plan or another
// town is not found rather than touched.
type ImplementationKey struct {
	PlanID int64
	OrgID  int64
	ID     int64
}
