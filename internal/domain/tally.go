package domain

// Tally counts implementations by their combined state (status while
// relevant, relevance otherwise).
type Tally struct {
	Open           int
	NotRelevant    int
	AlreadyInPlace int
	Planned        int
	InProgress     int
	OnHold         int
	Completed      int
	Cancelled      int
}

// Add counts n implementations with the given relevance and status.
func (t *Tally) Add(r Relevance, s Status, n int) {
	switch r {
	case RelevanceOpen:
		t.Open += n
	case RelevanceNotRelevant:
		t.NotRelevant += n
	case RelevanceAlreadyInPlace:
		t.AlreadyInPlace += n
	case RelevanceRelevant:
		t.addStatus(s, n)
	}
}

func (t *Tally) addStatus(s Status, n int) {
	switch s {
	case StatusPlanned:
		t.Planned += n
	case StatusInProgress:
		t.InProgress += n
	case StatusOnHold:
		t.OnHold += n
	case StatusCompleted:
		t.Completed += n
	case StatusCancelled:
		t.Cancelled += n
	}
}

// Merge adds every count of o to t.
func (t *Tally) Merge(o Tally) {
	t.Open += o.Open
	t.NotRelevant += o.NotRelevant
	t.AlreadyInPlace += o.AlreadyInPlace
	t.Planned += o.Planned
	t.InProgress += o.InProgress
	t.OnHold += o.OnHold
	t.Completed += o.Completed
	t.Cancelled += o.Cancelled
}

// Total is the number of implementations counted.
func (t Tally) Total() int {
	return t.Open + t.NotRelevant + t.AlreadyInPlace + t.Relevant()
}

// Relevant is the number of implementations judged relevant, whatever their status.
func (t Tally) Relevant() int {
	return t.Planned + t.InProgress + t.OnHold + t.Completed + t.Cancelled
}

// TallyEntry is one count, for display in a fixed order; the UI labels it
// by State (state.* in web/locales).
type TallyEntry struct {
	State string
	Count int
}

// Entries lists the counts in display order.
func (t Tally) Entries() []TallyEntry {
	return []TallyEntry{
		{string(RelevanceOpen), t.Open},
		{string(StatusPlanned), t.Planned},
		{string(StatusInProgress), t.InProgress},
		{string(StatusOnHold), t.OnHold},
		{string(StatusCompleted), t.Completed},
		{string(StatusCancelled), t.Cancelled},
		{string(RelevanceAlreadyInPlace), t.AlreadyInPlace},
		{string(RelevanceNotRelevant), t.NotRelevant},
	}
}
