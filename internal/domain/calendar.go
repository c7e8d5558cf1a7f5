package domain

import "time"

// Berlin is the time zone the users live in; UTC if the zone database is missing.
var Berlin = func() *time.Location {
	if loc, err := time.LoadLocation("Europe/Berlin"); err == nil {
		return loc
	}
	return time.UTC
}()

// Today is the calendar day at now where the users live, as a UTC midnight
// (the form dates are compared in).
func Today(now time.Time) time.Time {
	return dateOf(now.In(Berlin))
}
