package server

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

type implementationData struct {
	Org     domain.Organisation
	Impl    domain.ImplementationDetail
	Records domain.ImplementationRecords
	Today   time.Time
	// Internal is true for those who may see contacts and the history
	// (the municipality itself, the KI, administrators; never the committee).
	Internal bool
	CanEdit  bool
	// Comments is true for those who may read the internal discussion (the
	// municipality and the KI); CanComment for those who may write in it.
	Comments   bool
	CanComment bool
	Forms      trackingForms
	// Support are the support steps open to the viewer.
	Support domain.SupportChoices
	// Lineage links the implementations of other plan versions this one
	// was carried from or into, where their history is read.
	Lineage []domain.LineageLink
}

// trackingForms are the forms on the implementation page, with what the user
// typed and the messages for their fields after a refused submission.
type trackingForms struct {
	MilestoneTitle, DueOn string
	CommentBody           string
	Errors                map[string]string
	// Failed names the form whose submission was refused ("milestone",
	// "comment"), so its summary shows above it.
	Failed string
}

// implementation shows one municipality's implementation of a measure: its
// state, milestones, progress reports as a timeline and, for insiders, the
// comment thread and its history.
func (s *Server) implementation(c *gin.Context) {
	sc, key, ok := s.orgAndKey(c)
	if !ok {
		return
	}
	s.showImplementation(c, http.StatusOK, sc.Org, key, trackingForms{})
}

// showImplementation renders the implementation page with the given forms:
// two statements of its own (the detail with its lineage across plan
// versions, and all records).
func (s *Server) showImplementation(c *gin.Context, status int, org domain.Organisation, key domain.ImplementationKey, forms trackingForms) {
	forms = forms.echo()
	perms, dom := permissions(c), scopeDomain(scopeOf(c))
	data := implementationData{Org: org, Today: s.opts.Now(), Forms: forms,
		Internal: perms.Can(dom, "contact", "read"), CanEdit: perms.Can(dom, "implementation", "edit"),
		Comments: perms.Can(dom, "comment", "read"), CanComment: perms.Can(dom, "comment", "write")}
	var err error
	data.Impl, data.Records, err = s.impls.Get(c.Request.Context(), key,
		domain.RecordScope{History: data.Internal, Comments: data.Comments})
	if err != nil {
		s.fail(c, err)
		return
	}
	detail := data.Impl
	data.Lineage = detail.Lineage
	data.Support = supportChoicesFor(c, detail.Implementation)
	t := s.translatorFor(c.Request)
	s.render(c, status, "implementation", view{
		Title: t.T("implementation.title", "Code", detail.MeasureCode, "Org", org.Name), Nav: townNav(c, org.Slug),
		Crumbs: []crumb{{Label: t.T("implementation.crumb.municipalities"), Href: planPath(scopeOf(c).Plan.Slug) + "/kommunen"},
			{Label: org.Name, Href: townPath(scopeOf(c).Plan.Slug, org.Slug)},
			{Label: t.T("implementation.measure", "Code", detail.MeasureCode)}},
		Data: data,
	})
}

// orgAndKey returns the scope of a municipality's route with the key of the
// implementation its :id names, or answers 404 itself.
func (s *Server) orgAndKey(c *gin.Context) (domain.PlanScope, domain.ImplementationKey, bool) {
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return domain.PlanScope{}, domain.ImplementationKey{}, false
	}
	sc := scopeOf(c)
	return sc, domain.ImplementationKey{PlanID: sc.Plan.ID, OrgID: sc.Org.ID, ID: id}, true
}

// historyRow is one changed field of the history table, in the page's language.
type historyRow struct {
	When     time.Time
	Actor    string
	Field    string
	Old, New string
}

// History lists the audit trail as the page shows it: one row per changed
// field of the implementation, one row per event about a milestone or a
// progress report, newest first.
func (d implementationData) History(v view) []historyRow {
	var rows []historyRow
	for _, e := range d.Records.History {
		row := historyRow{When: e.OccurredAt, Actor: e.ActorName}
		switch e.Entity {
		case "milestone":
			rows = append(rows, milestoneRow(v, row, e))
		case "progress_update":
			row.Field, row.Old = v.T("implementation.field.report"), "–"
			row.New = historyText(e.Changes["reported_on"].New, "reported_on", v) + ": " + excerpt(fmt.Sprint(e.Changes["body"].New), 120)
			rows = append(rows, row)
		default:
			for _, field := range slices.Sorted(maps.Keys(e.Changes)) {
				ch := e.Changes[field]
				row.Field = fieldName(v, field)
				row.Old, row.New = historyText(ch.Old, field, v), historyText(ch.New, field, v)
				rows = append(rows, row)
			}
		}
	}
	return rows
}

// fieldName names an audited column in the page's language; a column
// without a name of its own (added by a later change) shows as it is.
func fieldName(v view, field string) string {
	id := "implementation.field." + field
	if name := v.T(id); name != id {
		return name
	}
	return field
}

// milestoneRow sums up an event about a milestone in one row.
func milestoneRow(v view, row historyRow, e domain.AuditEvent) historyRow {
	title := e.Changes["title"].New
	if title == nil {
		title = e.Changes["title"].Old
	}
	row.Field = v.T("implementation.field.milestone")
	row.Old, row.New = "–", "–"
	named := fmt.Sprint(title)
	if due := e.Changes["due_on"]; due.New != nil || due.Old != nil {
		named += " (" + v.T("implementation.milestone.due", "Date", historyText(coalesce(due.New, due.Old), "due_on", v)) + ")"
	}
	switch e.Action {
	case "create":
		row.New = named
	case "delete":
		row.Old = named
	default:
		row.Field = v.T("implementation.history.milestoneNamed", "Title", fmt.Sprint(title))
		done := e.Changes["done"]
		row.Old, row.New = historyText(done.Old, "done", v), historyText(done.New, "done", v)
	}
	return row
}

func coalesce(a, b any) any {
	if a != nil {
		return a
	}
	return b
}

// historyText shows a logged value the way the page shows it elsewhere.
func historyText(val any, field string, v view) string {
	s := fmt.Sprint(val)
	if val == nil || s == "" {
		return "–"
	}
	switch field {
	case "relevance", "status":
		return v.T("state." + s)
	case "support":
		return v.T("support." + s)
	case "progress":
		if n, err := strconv.Atoi(s); err == nil {
			return v.Percent(n)
		}
	case "continuous", "contact_is_person":
		return v.T("implementation.value." + strconv.FormatBool(s == "true"))
	case "done":
		return v.T("implementation.milestone.done." + strconv.FormatBool(s == "true"))
	case "start_on", "due_on", "reported_on":
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return v.Date(t)
		}
	case "contact_consent_at":
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return v.DateTime(t)
		}
	}
	return s
}

// excerpt shortens a text to at most n characters for a table cell.
func excerpt(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}
