package domain

// Actor is who asks for a use case: the signed-in user, or the system (the
// zero Actor) for imports and background jobs. Services take it explicitly so
// that every write names its author in the audit log.
type Actor struct {
	ID   int64
	Name string
}

// UserID is the user to record as the author of a write; nil for the system.
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
