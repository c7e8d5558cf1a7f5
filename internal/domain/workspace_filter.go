package domain

import (
	"sort"
	"time"
)

// WorkspaceSort is an order of a workspace's implementations.
type WorkspaceSort string

const (
	SortByNumber     WorkspaceSort = "number"      // catalogue order, the default
	SortByDue        WorkspaceSort = "due"         // earliest due date first
	SortByState      WorkspaceSort = "state"       // in the order of the tally
	SortByProgress   WorkspaceSort = "progress"    // least progress first
	SortByLastUpdate WorkspaceSort = "last_update" // longest without a report first
)

// WorkspaceSorts lists the orders the workspace offers, the default first.
var WorkspaceSorts = []WorkspaceSort{SortByNumber, SortByDue, SortByState, SortByProgress, SortByLastUpdate}

// WorkspaceFilter selects and orders a municipality's implementations. Every
// field that is set must match; the zero value shows everything in
// catalogue order.
type WorkspaceFilter struct {
	Field     string // action field code
	Goal      string // goal code
	Relevance Relevance
	Status    Status // matches relevant implementations only
	Support   Support
	Overdue   bool // due date or a milestone passed while open
	Stale     bool // open without a report within the plan's interval
	Postponed bool // the due date was moved later at least once
	Sort      WorkspaceSort
}

// Workspace is a municipality's implementations of one plan: all of them in
// catalogue order, and those the filter selects, in its order.
type Workspace struct {
	Entries []WorkspaceEntry
	Shown   []WorkspaceEntry
	// Today is the day overdue and stale were judged on.
	Today time.Time
}

// Select returns the entries that match f, ordered as f says; entries are in
// catalogue order, ties keep it.
func (f WorkspaceFilter) Select(entries []WorkspaceEntry, today time.Time, intervalDays int) []WorkspaceEntry {
	var out []WorkspaceEntry
	for _, e := range entries {
		if f.Match(e, today, intervalDays) {
			out = append(out, e)
		}
	}
	SortWorkspace(out, f.Sort)
	return out
}

// Match reports whether an implementation passes every filter that is set.
func (f WorkspaceFilter) Match(e WorkspaceEntry, today time.Time, intervalDays int) bool {
	switch {
	case f.Field != "" && e.FieldCode != f.Field,
		f.Goal != "" && e.GoalCode != f.Goal,
		f.Relevance != "" && e.Relevance != f.Relevance,
		f.Status != "" && (e.Relevance != RelevanceRelevant || e.Status != f.Status),
		f.Support != "" && e.Support != f.Support,
		f.Overdue && !e.Overdue(today) && len(e.OverdueMilestones(today)) == 0,
		f.Stale && !e.Stale(today, intervalDays),
		f.Postponed && e.Postponements == 0:
		return false
	}
	return true
}

// SortWorkspace orders entries (given in catalogue order) by key; ties keep
// the catalogue order. Every order puts what needs attention first.
func SortWorkspace(entries []WorkspaceEntry, key WorkspaceSort) {
	var less func(a, b WorkspaceEntry) bool
	switch key {
	case SortByDue: // earliest due date first; without one (or continuous) last
		less = func(a, b WorkspaceEntry) bool { return dateBefore(dueOf(a), dueOf(b), false) }
	case SortByState: // in the order of the tally: open first
		less = func(a, b WorkspaceEntry) bool { return stateRank(a) < stateRank(b) }
	case SortByProgress: // least progress first; measures without progress (not relevant) last
		less = func(a, b WorkspaceEntry) bool { return progressKey(a) < progressKey(b) }
	case SortByLastUpdate: // open work first, never or longest not reported first
		less = func(a, b WorkspaceEntry) bool {
			if a.IsOpen() != b.IsOpen() {
				return a.IsOpen()
			}
			return dateBefore(a.LastUpdateOn, b.LastUpdateOn, true)
		}
	default:
		return
	}
	sort.SliceStable(entries, func(i, j int) bool { return less(entries[i], entries[j]) })
}

func dueOf(e WorkspaceEntry) *time.Time {
	if e.Continuous {
		return nil
	}
	return e.DueOn
}

// dateBefore orders optional dates; nilFirst says where missing ones go.
func dateBefore(a, b *time.Time, nilFirst bool) bool {
	switch {
	case a == nil && b == nil:
		return false
	case a == nil:
		return nilFirst
	case b == nil:
		return !nilFirst
	}
	return a.Before(*b)
}

var stateOrder = func() map[string]int {
	m := map[string]int{}
	for i, e := range (Tally{}).Entries() {
		m[e.State] = i
	}
	return m
}()

func stateRank(e WorkspaceEntry) int { return stateOrder[e.State()] }

func progressKey(e WorkspaceEntry) int {
	if e.Relevance != RelevanceRelevant {
		return 1000
	}
	return e.Progress
}
