package auth

import "time"

// SetClock replaces the clock that ages sign-ins and sessions; call it before
// the authenticator serves its first request.
func SetClock(a *Authenticator, now func() time.Time) { a.now = now }
