package server

import ()

// filterChip is one active filter of the workspace, shown above the results
// as a link to the same view without that filter: removable without
// JavaScript, and visible on a phone where the filter panel is collapsed.
type filterChip struct {
	Label string // "Relevanz: offen", translated
	Href  string // the view without this filter
}

// FilterChips lists the active filters in the order of the filter form.
// The sort order is not a filter and has no chip.
func (d workspaceData) FilterChips(v view) []filterChip {
	f, base := d.Filter, v.TownPath()
	var chips []filterChip
	// add offers param's removal; its label names the parameter and, for a
	// select, the chosen value.
	add := func(param, value string) {
		q := f.Query()
		q.Del(param)
		href := base
		if enc := q.Encode(); enc != "" {
			href += "?" + enc
		}
		label := v.T(paramLabel(param))
		if value != "" {
			label = v.T("workspace.chip", "Param", label, "Value", value)
		}
		chips = append(chips, filterChip{Label: label, Href: href})
	}
	if f.Field != "" {
		add(paramField, f.Field+" "+d.titleOfField(f.Field))
	}
	if f.Goal != "" {
		add(paramGoal, f.Goal)
	}
	if f.Relevance != "" {
		add(paramRelevance, v.T("state."+string(f.Relevance)))
	}
	if f.Status != "" {
		add(paramStatus, v.T("state."+string(f.Status)))
	}
	if f.Support != "" {
		add(paramSupport, v.T("support."+string(f.Support)))
	}
	for _, flag := range []struct {
		on    bool
		param string
	}{{f.Overdue, paramOverdue}, {f.Stale, paramStale}, {f.Postponed, paramPostponed}} {
		if flag.on {
			add(flag.param, "")
		}
	}
	return chips
}

// FiltersActive reports whether any filter narrows the list (the sort order
// does not): the collapsed filter panel then opens.
func (d workspaceData) FiltersActive() bool {
	f := d.Filter
	return f.Field != "" || f.Goal != "" || f.Relevance != "" || f.Status != "" || f.Support != "" ||
		f.Overdue || f.Stale || f.Postponed
}

func (d workspaceData) titleOfField(code string) string {
	for _, fo := range d.Fields {
		if fo.Code == code {
			return fo.Title
		}
	}
	return ""
}
