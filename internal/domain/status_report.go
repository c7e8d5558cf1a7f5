package domain

// StatusReport is a "Sachstand" as the one-step form sends it: the change of
// status and progress (Update; the fields it leaves nil stay as they are),
// the written progress report, and optionally the next milestone. It is
// saved as a whole or not at all.
type StatusReport struct {
	Update    ImplementationUpdate
	Report    NewProgressReport
	Milestone *NewMilestone // nil: no milestone this time
}
