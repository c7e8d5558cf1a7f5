package server

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// workspaceGroup is one table of results: an action field when the list is in
// catalogue order, otherwise all results in one table.
type workspaceGroup struct {
	Code, Title string
	Items       []domain.WorkspaceEntry
}

// fieldOption is an action field with its goals, for the filter form.
type fieldOption struct {
	Code, Title string
	Goals       []goalOption
}

type goalOption struct{ Code, Title string }

// todoEntry is one implementation of the to-do view that needs attention,
// with every reason why: its due date has passed (DueSince), milestones
// have passed, no progress report within the plan's interval (Stale).
// An implementation appears once, however many reasons it has.
type todoEntry struct {
	domain.WorkspaceEntry
	DueSince   *time.Time
	Milestones []domain.MilestoneDue
	Stale      bool
}

// overdue reports whether the due date or a milestone of e has passed.
func (e todoEntry) overdue() bool { return e.DueSince != nil || len(e.Milestones) > 0 }

// overdueSince is the earliest passed date of e, zero when nothing is overdue.
func (e todoEntry) overdueSince() time.Time {
	var first time.Time
	if e.DueSince != nil {
		first = *e.DueSince
	}
	for _, m := range e.Milestones {
		if first.IsZero() || m.DueOn.Before(first) {
			first = m.DueOn
		}
	}
	return first
}

// todoLists are what the to-do view lists.
type todoLists struct {
	Open      []domain.WorkspaceEntry // waiting for a relevance decision
	Attention []todoEntry             // overdue or without a recent report
}

// Count is the number of implementations the to-do view lists; an open
// decision is never overdue or stale (both need a relevant implementation),
// so no implementation is in both lists.
func (t todoLists) Count() int { return len(t.Open) + len(t.Attention) }

type workspaceData struct {
	Org  domain.Organisation
	Plan domain.Plan
	// Plans are every plan the organisation takes part in, for switching.
	Plans  []domain.Plan
	Today  time.Time
	Filter workspaceFilter
	// Query is the canonical query string of the view, for the bulk review
	// to come back to.
	Query   string
	Notices []string // query parameters not applied, translated
	Fields  []fieldOption
	// RelevanceOptions … SortOptions fill the filter form's selects.
	RelevanceOptions, StatusOptions, SupportOptions, SortOptions []selectOption
	// Whole workspace: counts per state and of what needs attention.
	Tally                             domain.Tally
	Total                             int
	Overdue, OverdueMilestones, Stale int
	// Results of the filter.
	Shown  int
	Groups []workspaceGroup
	Todo   todoLists
	// CanReview offers the bulk relevance review (coordinator of this town, KI).
	CanReview    bool
	Review       reviewState
	Confirmation []string
	// Round is the open reporting round for this town, nil when none is
	// open or the visitor takes no part in it (handler_round_town.go).
	Round   *roundBanner
	entries []domain.WorkspaceEntry
}

// IsTodo reports whether the to-do view is shown.
func (d workspaceData) IsTodo() bool { return d.Filter.View == viewTodo }

// workspace shows a municipality's implementations, filtered and sorted as
// the query string says, or its to-do lists.
func (s *Server) workspace(c *gin.Context) {
	tr := s.translatorFor(c.Request)
	ws, filter, notices, ok := s.loadWorkspace(c, c.Request.URL.Query())
	if !ok {
		return
	}
	data := s.buildWorkspace(c, ws, filter)
	data.Notices = noticeTexts(tr, notices)
	data.Confirmation = confirmationOf(tr, c.Request.URL.Query())
	s.renderWorkspace(c, http.StatusOK, data)
}

// loadWorkspace reads the query string q and the municipality's
// implementations of the plan, filtered as it says: one query, whatever the
// size of the workspace. The action field and goal codes a filter may name
// are those of the workspace, so the filter is read after the list.
func (s *Server) loadWorkspace(c *gin.Context, q url.Values) (domain.Workspace, workspaceFilter, []filterNotice, bool) {
	sc := scopeOf(c)
	ws, err := s.impls.List(c.Request.Context(), sc.Plan, sc.Org.ID, domain.WorkspaceFilter{})
	if err != nil {
		s.fail(c, err)
		return ws, workspaceFilter{}, nil, false
	}
	filter, notices := parseWorkspaceFilter(q, codesOf(ws.Entries))
	ws.Shown = filter.Select(ws.Entries, ws.Today, sc.Plan.UpdateIntervalDays)
	return ws, filter, notices, true
}

func (s *Server) renderWorkspace(c *gin.Context, status int, d workspaceData) {
	d.Plans = scopeOf(c).CountyPlans
	var err error
	if d.Round, err = s.roundBannerOf(c, d.entries); err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, status, "workspace", view{
		Title: d.Org.Name, Nav: townNav(c, d.Org.Slug),
		Crumbs: []crumb{{Label: "layout.municipalities", Href: planPath(scopeOf(c).Plan.Slug) + "/kommunen"}, {Label: d.Org.Name}},
		Data:   d,
	})
}

// buildWorkspace counts the whole workspace and prepares the filter form
// and the to-do lists.
func (s *Server) buildWorkspace(c *gin.Context, ws domain.Workspace, f workspaceFilter) workspaceData {
	sc := scopeOf(c)
	org, plan, today, items := sc.Org, sc.Plan, ws.Today, ws.Entries
	d := workspaceData{Org: org, Plan: plan, Today: today, Filter: f, Query: f.Query().Encode(),
		Total: len(items), Fields: fieldOptions(items), entries: items,
		RelevanceOptions: relevanceOptions(f.Relevance), StatusOptions: statusOptions(f.Status),
		SupportOptions: supportOptions(f.Support), SortOptions: sortOptions(f.Sort),
		CanReview: permissions(c).Can(scopeDomain(sc), "implementation", "edit")}
	for _, it := range items {
		d.Tally.Add(it.Relevance, it.Status, 1)
		if it.Overdue(today) {
			d.Overdue++
		}
		d.OverdueMilestones += len(it.OverdueMilestones(today))
		if it.Stale(today, plan.UpdateIntervalDays) {
			d.Stale++
		}
	}
	d.Shown = len(ws.Shown)
	d.Groups = groupEntries(ws.Shown, f.Sort)
	d.Todo = todoOf(items, today, plan.UpdateIntervalDays)
	return d
}

// groupEntries splits results in catalogue order by action field; any other
// order is one list, which grouping would break up.
func groupEntries(items []domain.WorkspaceEntry, sortKey domain.WorkspaceSort) []workspaceGroup {
	if sortKey != domain.SortByNumber {
		if len(items) == 0 {
			return nil
		}
		return []workspaceGroup{{Items: items}}
	}
	var groups []workspaceGroup
	for _, it := range items {
		if len(groups) == 0 || groups[len(groups)-1].Code != it.FieldCode {
			groups = append(groups, workspaceGroup{Code: it.FieldCode, Title: it.FieldTitle})
		}
		g := &groups[len(groups)-1]
		g.Items = append(g.Items, it)
	}
	return groups
}

// fieldOptions lists the action fields and goals of the workspace in
// catalogue order.
func fieldOptions(items []domain.WorkspaceEntry) []fieldOption {
	var out []fieldOption
	for _, it := range items {
		if len(out) == 0 || out[len(out)-1].Code != it.FieldCode {
			out = append(out, fieldOption{Code: it.FieldCode, Title: it.FieldTitle})
		}
		f := &out[len(out)-1]
		if len(f.Goals) == 0 || f.Goals[len(f.Goals)-1].Code != it.GoalCode {
			f.Goals = append(f.Goals, goalOption{Code: it.GoalCode, Title: it.GoalTitle})
		}
	}
	return out
}

// todoOf collects the to-do lists: open decisions in catalogue order, then
// the implementations needing attention, the longest overdue first and after
// them those only without a report, the longest silent first.
func todoOf(items []domain.WorkspaceEntry, today time.Time, intervalDays int) todoLists {
	var t todoLists
	for _, it := range items {
		if it.Relevance == domain.RelevanceOpen {
			t.Open = append(t.Open, it)
			continue
		}
		e := todoEntry{WorkspaceEntry: it, Milestones: it.OverdueMilestones(today), Stale: it.Stale(today, intervalDays)}
		if it.Overdue(today) {
			e.DueSince = it.DueOn
		}
		if e.overdue() || e.Stale {
			t.Attention = append(t.Attention, e)
		}
	}
	// Sorted through an index: the entries are large, and a Land-scale town
	// may have hundreds of them.
	order := make([]int, len(t.Attention))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return compareAttention(t.Attention[i], t.Attention[j]) })
	sorted := make([]todoEntry, len(order))
	for k, i := range order {
		sorted[k] = t.Attention[i]
	}
	t.Attention = sorted
	return t
}

// compareAttention orders the to-do view's second list: overdue first, the
// longest overdue first; then those without a recent report; within each,
// never reported or longest silent first, then in catalogue order (the
// stable sort keeps it).
func compareAttention(a, b todoEntry) int {
	if a.overdue() != b.overdue() {
		if a.overdue() {
			return -1
		}
		return 1
	}
	if a.overdue() {
		if c := a.overdueSince().Compare(b.overdueSince()); c != 0 {
			return c
		}
	}
	switch x, y := a.LastUpdateOn, b.LastUpdateOn; {
	case x == nil && y == nil:
		return 0
	case x == nil:
		return -1
	case y == nil:
		return 1
	default:
		return x.Compare(*y)
	}
}

// noticeTexts says which parameters were not applied, in the page's language.
func noticeTexts(tr translator, notices []filterNotice) []string {
	var out []string
	for _, n := range notices {
		out = append(out, tr.T("workspace.notice.ignored", "Param", tr.T(paramLabel(n.Param)), "Value", n.Value))
	}
	return out
}

// Parameters of the confirmation after a bulk review (see reviewRelevance).
const (
	paramSaved     = "gespeichert"
	paramUnchanged = "unveraendert"
	paramDecision  = "einstufung"
)

// confirmationOf reads the confirmation the bulk review redirected with.
// Only counts and a known decision are shown, so a crafted link can at most
// show a wrong number, never text of its own.
func confirmationOf(tr translator, q url.Values) []string {
	rel := domain.Relevance(q.Get(paramDecision))
	if rel == domain.RelevanceOpen || !slices.Contains(domain.Relevances, rel) {
		return nil
	}
	saved, err1 := strconv.Atoi(q.Get(paramSaved))
	unchanged, err2 := strconv.Atoi(q.Get(paramUnchanged))
	if err1 != nil || err2 != nil || saved < 0 || unchanged < 0 || saved+unchanged == 0 || saved+unchanged > 10000 {
		return nil
	}
	var out []string
	if saved > 0 {
		out = append(out, tr.N("workspace.review.saved."+string(rel), saved))
	}
	if unchanged > 0 {
		out = append(out, tr.N("workspace.review.unchanged", unchanged))
	}
	return out
}
