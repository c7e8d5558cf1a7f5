package server

import (
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/planwerk/planwerk/internal/domain"
)

// The workspace's query string, in German since users see (and bookmark) it:
//
//	?handlungsfeld=3&ziel=3.2&relevanz=offen&status=in_progress
//	&unterstuetzung=requested&ueberfaellig=1&ohne_meldung=1&sortierung=faellig
//	?ansicht=aufgaben (the to-do view)
const (
	paramView      = "ansicht"
	paramField     = "handlungsfeld"
	paramGoal      = "ziel"
	paramRelevance = "relevanz"
	paramStatus    = "status"
	paramSupport   = "unterstuetzung"
	paramOverdue   = "ueberfaellig"
	paramStale     = "ohne_meldung"
	paramSort      = "sortierung"

	viewTodo = "aufgaben"

	sortNumber     = "nummer"
	sortDue        = "faellig"
	sortState      = "stand"
	sortProgress   = "fortschritt"
	sortLastUpdate = "letzte_meldung"
)

// sortKeys lists the orders the workspace offers, the default first.
var sortKeys = []string{sortNumber, sortDue, sortState, sortProgress, sortLastUpdate}

// relevanceParams are the German values of ?relevanz=, in display order.
var relevanceParams = []struct {
	Param string
	Value domain.Relevance
}{
	{"offen", domain.RelevanceOpen},
	{"relevant", domain.RelevanceRelevant},
	{"nicht_relevant", domain.RelevanceNotRelevant},
	{"bereits_umgesetzt", domain.RelevanceAlreadyInPlace},
}

// workspaceFilter is one view of a workspace as its query string describes
// it. Only valid values get here; the zero value shows everything in
// catalogue order.
type workspaceFilter struct {
	View      string
	Field     string // action field code
	Goal      string // goal code
	Relevance domain.Relevance
	Status    domain.Status
	Support   domain.Support
	Overdue   bool
	Stale     bool
	Sort      string
}

// filterNotice is a query parameter whose value was not understood and so was
// not applied; the page says so instead of failing or silently showing all.
type filterNotice struct {
	Param string
	Value string // as given, shortened for display
}

// catalogueCodes are the action field and goal codes that exist in a workspace.
type catalogueCodes struct {
	fields, goals map[string]bool
}

func codesOf(items []domain.WorkspaceEntry) catalogueCodes {
	c := catalogueCodes{fields: map[string]bool{}, goals: map[string]bool{}}
	for _, it := range items {
		c.fields[it.FieldCode] = true
		c.goals[it.GoalCode] = true
	}
	return c
}

// parseWorkspaceFilter reads the query string. Unknown parameters are
// ignored (links may carry their own); a known parameter with a value it
// cannot take is reported and left out.
func parseWorkspaceFilter(q url.Values, codes catalogueCodes) (workspaceFilter, []filterNotice) {
	f := workspaceFilter{Sort: sortNumber}
	readers := []struct {
		param string
		set   func(v string) bool // false: the value is not understood and not applied
	}{
		{paramView, func(v string) bool { return setIf(v == viewTodo, &f.View, v) }},
		{paramField, func(v string) bool { return setIf(codes.fields[v], &f.Field, v) }},
		{paramGoal, func(v string) bool { return setIf(codes.goals[v], &f.Goal, v) }},
		{paramRelevance, func(v string) bool { r, ok := relevanceOfParam(v); return setIf(ok, &f.Relevance, r) }},
		{paramStatus, func(v string) bool {
			return setIf(slices.Contains(domain.Statuses, domain.Status(v)), &f.Status, domain.Status(v))
		}},
		{paramSupport, func(v string) bool {
			return setIf(slices.Contains(domain.Supports, domain.Support(v)), &f.Support, domain.Support(v))
		}},
		{paramOverdue, func(v string) bool { on, ok := flag(v); return setIf(ok, &f.Overdue, on) }},
		{paramStale, func(v string) bool { on, ok := flag(v); return setIf(ok, &f.Stale, on) }},
		{paramSort, func(v string) bool { return setIf(slices.Contains(sortKeys, v), &f.Sort, v) }},
	}
	var notices []filterNotice
	for _, r := range readers {
		if v := q.Get(r.param); v != "" && !r.set(v) {
			notices = append(notices, filterNotice{Param: r.param, Value: shorten(v)})
		}
	}
	return f, notices
}

// setIf stores v in dst when ok, and reports ok.
func setIf[T any](ok bool, dst *T, v T) bool {
	if ok {
		*dst = v
	}
	return ok
}

// relevanceOfParam accepts the German value of ?relevanz= and, for links
// built from the stored values, the stored value itself.
func relevanceOfParam(v string) (domain.Relevance, bool) {
	for _, rp := range relevanceParams {
		if v == rp.Param || v == string(rp.Value) {
			return rp.Value, true
		}
	}
	return "", false
}

func paramOfRelevance(r domain.Relevance) string {
	for _, rp := range relevanceParams {
		if r == rp.Value {
			return rp.Param
		}
	}
	return ""
}

// flag reads a checkbox: "0" is off, "1" (what the form sends) or "on" is
// on; anything else is not understood.
func flag(v string) (on, ok bool) {
	switch v {
	case "0":
		return false, true
	case "1", "on":
		return true, true
	}
	return false, false
}

// shorten keeps a reported value readable; the template escapes it.
func shorten(v string) string {
	const max = 40
	if utf8.RuneCountInString(v) <= max {
		return v
	}
	return string([]rune(v)[:max]) + "…"
}

// Query is the filter's canonical query string: what the form would send.
// It is what links and the return address of the bulk review carry, so a
// view survives a round trip without repeating any of the user's raw input.
func (f workspaceFilter) Query() url.Values {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set(paramView, f.View)
	set(paramField, f.Field)
	set(paramGoal, f.Goal)
	set(paramRelevance, paramOfRelevance(f.Relevance))
	set(paramStatus, string(f.Status))
	set(paramSupport, string(f.Support))
	if f.Overdue {
		q.Set(paramOverdue, "1")
	}
	if f.Stale {
		q.Set(paramStale, "1")
	}
	if f.Sort != sortNumber {
		set(paramSort, f.Sort)
	}
	return q
}

// match reports whether an implementation passes every filter that is set.
func (f workspaceFilter) match(e domain.WorkspaceEntry, today time.Time, intervalDays int) bool {
	switch {
	case f.Field != "" && e.FieldCode != f.Field,
		f.Goal != "" && e.GoalCode != f.Goal,
		f.Relevance != "" && e.Relevance != f.Relevance,
		f.Status != "" && (e.Relevance != domain.RelevanceRelevant || e.Status != f.Status),
		f.Support != "" && e.Support != f.Support,
		f.Overdue && !e.Overdue(today) && len(e.OverdueMilestones(today)) == 0,
		f.Stale && !e.Stale(today, intervalDays):
		return false
	}
	return true
}

// sortEntries orders items (given in catalogue order) by key; ties keep the
// catalogue order. Every order puts what needs attention first.
func sortEntries(items []domain.WorkspaceEntry, key string) {
	var less func(a, b domain.WorkspaceEntry) bool
	switch key {
	case sortDue: // earliest due date first; without one (or continuous) last
		less = func(a, b domain.WorkspaceEntry) bool { return dateBefore(dueOf(a), dueOf(b), false) }
	case sortState: // in the order of the tally: open first
		less = func(a, b domain.WorkspaceEntry) bool { return stateRank(a) < stateRank(b) }
	case sortProgress: // least progress first; measures without progress (not relevant) last
		less = func(a, b domain.WorkspaceEntry) bool { return progressKey(a) < progressKey(b) }
	case sortLastUpdate: // open work first, never or longest not reported first
		less = func(a, b domain.WorkspaceEntry) bool {
			if a.IsOpen() != b.IsOpen() {
				return a.IsOpen()
			}
			return dateBefore(a.LastUpdateOn, b.LastUpdateOn, true)
		}
	default:
		return
	}
	sort.SliceStable(items, func(i, j int) bool { return less(items[i], items[j]) })
}

func dueOf(e domain.WorkspaceEntry) *time.Time {
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
	for i, e := range (domain.Tally{}).Entries() {
		m[e.State] = i
	}
	return m
}()

func stateRank(e domain.WorkspaceEntry) int { return stateOrder[e.State()] }

func progressKey(e domain.WorkspaceEntry) int {
	if e.Relevance != domain.RelevanceRelevant {
		return 1000
	}
	return e.Progress
}

// filterSelectView is one select of the workspace filter form: the query
// parameter it sets, its options, and the message id of its "any" choice
// (empty when a value is always chosen, as for the sort order).
type filterSelectView struct {
	V       view
	Name    string
	Options []selectOption
	Any     string
}

func filterSelect(v view, name string, options []selectOption, anyID string) filterSelectView {
	return filterSelectView{V: v, Name: name, Options: options, Any: anyID}
}

// selectOption is one <option> of a filter: its value, the message id of its
// label and whether it is the current choice.
type selectOption struct {
	Value, Label string
	Selected     bool
}

func relevanceOptions(cur domain.Relevance) []selectOption {
	var out []selectOption
	for _, rp := range relevanceParams {
		out = append(out, selectOption{Value: rp.Param, Label: "state." + string(rp.Value), Selected: rp.Value == cur})
	}
	return out
}

func statusOptions(cur domain.Status) []selectOption {
	var out []selectOption
	for _, s := range domain.Statuses {
		out = append(out, selectOption{Value: string(s), Label: "state." + string(s), Selected: s == cur})
	}
	return out
}

func supportOptions(cur domain.Support) []selectOption {
	var out []selectOption
	for _, s := range domain.Supports {
		out = append(out, selectOption{Value: string(s), Label: "support." + string(s), Selected: s == cur})
	}
	return out
}

func sortOptions(cur string) []selectOption {
	var out []selectOption
	for _, k := range sortKeys {
		out = append(out, selectOption{Value: k, Label: "workspace.sort." + k, Selected: k == cur})
	}
	return out
}

// paramLabel is the message id naming a query parameter in a notice.
func paramLabel(param string) string { return "workspace.param." + strings.ReplaceAll(param, "_", "") }
