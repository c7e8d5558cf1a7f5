package server

import (
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/planwerk/planwerk/internal/domain"
)

// The workspace's query string, in German since users see (and bookmark) it:
//
//	?handlungsfeld=3&ziel=3.2&relevanz=offen&status=in_progress
//	&unterstuetzung=requested&ueberfaellig=1&ohne_meldung=1&verschoben=1&sortierung=faellig
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
	paramPostponed = "verschoben"
	paramSort      = "sortierung"

	viewTodo = "aufgaben"
)

// viewParams are every parameter that describes a view of the workspace:
// what the bulk review carries back (returnQuery) and the filter reads.
var viewParams = []string{paramView, paramField, paramGoal, paramRelevance, paramStatus, paramSupport,
	paramOverdue, paramStale, paramPostponed, paramSort}

// sortParams are the German values of ?sortierung=, the default first.
var sortParams = []struct {
	Param string
	Value domain.WorkspaceSort
}{
	{"nummer", domain.SortByNumber},
	{"faellig", domain.SortByDue},
	{"stand", domain.SortByState},
	{"fortschritt", domain.SortByProgress},
	{"letzte_meldung", domain.SortByLastUpdate},
}

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
// it: the list or the to-do view, and the selection the use case applies.
// Only valid values get here.
type workspaceFilter struct {
	View string
	domain.WorkspaceFilter
}

// SortParam is the order as the query string and the messages name it.
func (f workspaceFilter) SortParam() string {
	for _, sp := range sortParams {
		if sp.Value == f.Sort {
			return sp.Param
		}
	}
	return sortParams[0].Param
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
	f := workspaceFilter{WorkspaceFilter: domain.WorkspaceFilter{Sort: domain.SortByNumber}}
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
		{paramPostponed, func(v string) bool { on, ok := flag(v); return setIf(ok, &f.Postponed, on) }},
		{paramSort, func(v string) bool { s, ok := sortOfParam(v); return setIf(ok, &f.Sort, s) }},
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

func sortOfParam(v string) (domain.WorkspaceSort, bool) {
	for _, sp := range sortParams {
		if v == sp.Param {
			return sp.Value, true
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
	if f.Postponed {
		q.Set(paramPostponed, "1")
	}
	if f.Sort != domain.SortByNumber {
		set(paramSort, f.SortParam())
	}
	return q
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

func sortOptions(cur domain.WorkspaceSort) []selectOption {
	var out []selectOption
	for _, sp := range sortParams {
		out = append(out, selectOption{Value: sp.Param, Label: "workspace.sort." + sp.Param, Selected: sp.Value == cur})
	}
	return out
}

// paramLabel is the message id naming a query parameter in a notice.
func paramLabel(param string) string { return "workspace.param." + strings.ReplaceAll(param, "_", "") }
