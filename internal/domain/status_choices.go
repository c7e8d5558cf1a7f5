package domain

// StatusChoices are the statuses an implementation in status cur may be
// given: cur itself first (planned for one not yet relevant, where deciding
// "relevant" starts it as planned), then those the workflow allows from cur.
func StatusChoices(cur Status) []Status {
	if cur == "" {
		return append([]Status{StatusPlanned}, AllowedStatusTransitions(cur)...)
	}
	return append([]Status{cur}, AllowedStatusTransitions(cur)...)
}
