package server

import (
	"html"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// workspaceRows writes the table rows of a municipality's workspace and of
// its to-do view. A Land-scale workspace holds some 300 rows of eight cells;
// through html/template every cell cost a permission check, a dozen
// reflective field lookups and contextual escaping, which took three
// quarters of the page's time (bench -profile). Here the page's texts are
// translated and its permissions checked once, and each row is written in
// Go with every text escaped: measure codes and titles, milestone titles and
// all translated text go through html.EscapeString; hrefs are built from
// slugs and numeric ids.
type workspaceRows struct {
	v        view
	today    time.Time
	interval int
	townPath string
	colours  map[string]string
	// canEdit offers "Sachstand melden" on each relevant row; canReview the
	// selection checkbox of the bulk review.
	canEdit, canReview bool
	review             reviewState
	text               *escapedTexts
	// selectLabel is the checkbox label ("Maßnahme {{.Code}} auswählen")
	// around its code, translated once rather than per row.
	selectLabel [2]string
	staleReason string // "no report for n days", escaped
}

// wsRows prepares the rows of the view's workspace (template func).
func wsRows(v view) *workspaceRows {
	d, _ := v.Data.(workspaceData)
	r := &workspaceRows{v: v, today: d.Today, interval: d.Plan.UpdateIntervalDays, townPath: v.TownPath(),
		colours: d.Plan.StatusColours, canEdit: v.Can("implementation", "edit"), canReview: d.CanReview,
		review: d.Review, text: newEscapedTexts(v.translator)}
	r.selectLabel = splitAround(v.T("workspace.select", "Code", codeMark))
	r.staleReason = html.EscapeString(v.T("workspace.todo.reason.stale", "Days", r.interval))
	return r
}

// codeMark stands for a measure code in a message translated once per page;
// no message or code contains it.
const codeMark = "\x00"

// splitAround returns the escaped text before and after codeMark in msg.
func splitAround(msg string) [2]string {
	before, after, _ := strings.Cut(msg, codeMark)
	return [2]string{html.EscapeString(before), html.EscapeString(after)}
}

// t is the escaped text of a message translated once per page.
func (r *workspaceRows) t(id string) string { return r.text.get(id) }

// All writes the rows of the filtered workspace list.
func (r *workspaceRows) All(items []domain.WorkspaceEntry) template.HTML {
	var b strings.Builder
	b.Grow(1400 * len(items))
	for _, e := range items {
		r.rowStart(&b, e, true)
		r.measureCell(&b, e, true, true)
		r.cells(&b, e)
		b.WriteString("\n</tr>\n")
	}
	return template.HTML(b.String()) // #nosec G203 -- every text escaped (see workspaceRows)
}

// Open writes the rows of the to-do view's implementations without a
// relevance decision: code, measure and action field.
func (r *workspaceRows) Open(items []domain.WorkspaceEntry) template.HTML {
	var b strings.Builder
	b.Grow(900 * len(items))
	for _, e := range items {
		r.rowStart(&b, e, true)
		r.measureCell(&b, e, false, true)
		b.WriteString("\n<td class=\"kern-table__cell ws-cell\" role=\"cell\"><span class=\"ws-label\" aria-hidden=\"true\">")
		b.WriteString(r.t("workspace.col.field"))
		b.WriteString("</span>")
		b.WriteString(html.EscapeString(e.FieldCode))
		b.WriteString(" ")
		b.WriteString(html.EscapeString(e.FieldTitle))
		b.WriteString("</td>\n</tr>\n")
	}
	return template.HTML(b.String()) // #nosec G203 -- every text escaped (see workspaceRows)
}

// Attention writes the rows of the to-do view's implementations that need
// attention, each with every reason why.
func (r *workspaceRows) Attention(items []todoEntry) template.HTML {
	var b strings.Builder
	b.Grow(1600 * len(items))
	for _, e := range items {
		r.rowStart(&b, e.WorkspaceEntry, false)
		r.measureCell(&b, e.WorkspaceEntry, false, false)
		b.WriteString("\n<td class=\"kern-table__cell ws-cell ws-why\" role=\"cell\"><span class=\"ws-label\" aria-hidden=\"true\">")
		b.WriteString(r.t("workspace.col.why"))
		b.WriteString("</span>\n<ul class=\"todo-reasons\">")
		if e.DueSince != nil {
			b.WriteString("\n<li data-grund=\"faelligkeit\">")
			b.WriteString(html.EscapeString(r.v.T("workspace.todo.reason.due", "Date", r.v.Date(*e.DueSince))))
			b.WriteString("</li>")
		}
		for _, m := range e.Milestones {
			b.WriteString("\n<li data-grund=\"meilenstein\">")
			b.WriteString(html.EscapeString(r.v.T("workspace.todo.reason.milestone", "Title", m.Title, "Date", r.v.Date(m.DueOn))))
			b.WriteString("</li>")
		}
		if e.Stale {
			b.WriteString("\n<li data-grund=\"ohne-meldung\">")
			b.WriteString(r.staleReason)
			b.WriteString("</li>")
		}
		b.WriteString("\n</ul>\n</td>")
		r.cells(&b, e.WorkspaceEntry)
		b.WriteString("\n</tr>\n")
	}
	return template.HTML(b.String()) // #nosec G203 -- every text escaped (see workspaceRows)
}

// rowStart opens a row. A selectable row (the lists the bulk review works
// on) is marked when someone else changed it since the review was sent, and
// carries the selection cell where the review is offered.
func (r *workspaceRows) rowStart(b *strings.Builder, e domain.WorkspaceEntry, selectable bool) {
	b.WriteString(`<tr class="kern-table__row`)
	if selectable && r.review.Stale[e.ID] {
		b.WriteString(` row--stale`)
	}
	b.WriteString(`" role="row" data-massnahme="`)
	b.WriteString(html.EscapeString(e.MeasureCode))
	b.WriteString(`">`)
	if selectable && r.canReview {
		r.selectCell(b, e)
	}
}

// selectCell is the checkbox of the bulk review with the version it saw.
func (r *workspaceRows) selectCell(b *strings.Builder, e domain.WorkspaceEntry) {
	id := strconv.FormatInt(e.ID, 10)
	b.WriteString("\n<td class=\"kern-table__cell ws-select\" role=\"cell\">\n<div class=\"kern-form-check\">\n")
	b.WriteString(`<input class="kern-form-check__checkbox" type="checkbox" id="umsetzung-` + id + `" name="umsetzung" value="` + id + `"`)
	if r.review.Checked[e.ID] {
		b.WriteString(` checked`)
	}
	if r.review.Stale[e.ID] {
		b.WriteString(` aria-describedby="geaendert-` + id + `"`)
	}
	b.WriteString(">\n<label class=\"kern-label kern-sr-only\" for=\"umsetzung-" + id + "\">")
	b.WriteString(r.selectLabel[0])
	b.WriteString(html.EscapeString(e.MeasureCode))
	b.WriteString(r.selectLabel[1])
	b.WriteString("</label>\n</div>\n<input type=\"hidden\" name=\"version_" + id + "\" value=\"" + strconv.Itoa(e.Version) + "\">\n</td>")
}

// measureCell writes the code and the measure with its link, its badges and,
// for those who edit, the link to report progress on a relevant
// implementation. badges adds "local measure" and "support requested";
// changed marks a row someone else changed since the bulk review was sent.
func (r *workspaceRows) measureCell(b *strings.Builder, e domain.WorkspaceEntry, badges, changed bool) {
	id := strconv.FormatInt(e.ID, 10)
	code := html.EscapeString(e.MeasureCode)
	b.WriteString("\n<td class=\"kern-table__cell nowrap ws-code\" role=\"cell\">")
	b.WriteString(code)
	b.WriteString("</td>\n<td class=\"kern-table__cell ws-measure\" role=\"cell\"><a class=\"kern-link\" href=\"")
	b.WriteString(r.townPath + "/umsetzungen/" + id)
	b.WriteString(`">`)
	b.WriteString(html.EscapeString(e.MeasureTitle))
	b.WriteString(`</a>`)
	if e.MeasureRetired {
		r.badge(b, "warning", r.t("catalogue.retired"))
	}
	if badges && e.Scope == domain.ScopeLocal {
		r.badge(b, "info", r.t("scope.local"))
	}
	if badges && e.Support == domain.SupportRequested {
		r.badge(b, "info", r.t("workspace.badge.supportRequested"))
	}
	if changed && r.review.Stale[e.ID] {
		b.WriteString(` <span class="kern-badge kern-badge--warning kern-badge--small" id="geaendert-` + id + `">`)
		b.WriteString(r.t("workspace.badge.changed"))
		b.WriteString(`</span>`)
	}
	if r.canEdit && e.Relevance == domain.RelevanceRelevant {
		b.WriteString(`<span class="row-action"><a class="kern-link" href="` + r.townPath + "/umsetzungen/" + id + `/sachstand">`)
		b.WriteString(r.t("sachstand.rowLink"))
		b.WriteString(`<span class="kern-sr-only">: `)
		b.WriteString(code)
		b.WriteString(`</span></a></span>`)
	}
	b.WriteString(`</td>`)
}

// badge writes a small badge; text is escaped already.
func (r *workspaceRows) badge(b *strings.Builder, kind, text string) {
	b.WriteString(` <span class="kern-badge kern-badge--` + kind + ` kern-badge--small">`)
	b.WriteString(text)
	b.WriteString(`</span>`)
}

// label writes a cell's opening and its column's name for the card layout
// on narrow screens (aria-hidden: the header names the cell for assistive
// technology).
func (r *workspaceRows) label(b *strings.Builder, class, id string) {
	b.WriteString("\n<td class=\"kern-table__cell " + class + "ws-cell\" role=\"cell\"><span class=\"ws-label\" aria-hidden=\"true\">")
	b.WriteString(r.t(id))
	b.WriteString(`</span>`)
}

// cells writes state, progress, due date and last report of one
// implementation.
func (r *workspaceRows) cells(b *strings.Builder, e domain.WorkspaceEntry) {
	st := e.State()
	r.label(b, "", "workspace.col.state")
	writeState(b, colourOf(r.colours, st), r.t("state."+st))
	b.WriteString(`</td>`)

	r.label(b, "kern-table__cell--numeric ", "workspace.col.progress")
	if e.Relevance == domain.RelevanceRelevant {
		b.WriteString(html.EscapeString(r.v.Percent(e.Progress)))
	} else {
		b.WriteString("–")
	}
	b.WriteString(`</td>`)

	r.label(b, "", "workspace.col.due")
	b.WriteString(`<span class="nowrap">`)
	switch {
	case e.Continuous:
		b.WriteString(r.t("workspace.continuous"))
	case e.DueOn != nil:
		b.WriteString(html.EscapeString(r.v.Date(*e.DueOn)))
	default:
		b.WriteString("–")
	}
	b.WriteString(`</span>`)
	if e.Overdue(r.today) {
		r.badge(b, "danger", r.t("workspace.badge.overdue"))
	}
	if ms := e.OverdueMilestones(r.today); len(ms) > 0 {
		r.badge(b, "danger", html.EscapeString(r.v.N("workspace.badge.overdueMilestones", len(ms))))
	}
	if e.Postponements > 0 {
		b.WriteString(` <span class="kern-badge kern-badge--warning kern-badge--small" title="`)
		b.WriteString(html.EscapeString(r.v.T("implementation.postponed.original", "Date", r.originalDue(e), "Count", e.Postponements)))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(r.v.T("implementation.postponed.badge", "Count", e.Postponements)))
		b.WriteString(`</span>`)
	}
	b.WriteString(`</td>`)

	r.label(b, "", "workspace.col.lastUpdate")
	b.WriteString(`<span class="nowrap">`)
	if e.LastUpdateOn != nil {
		b.WriteString(html.EscapeString(r.v.Date(*e.LastUpdateOn)))
	} else {
		b.WriteString(r.t("workspace.never"))
	}
	b.WriteString(`</span>`)
	if e.Stale(r.today, r.interval) {
		r.badge(b, "warning", r.t("workspace.badge.stale"))
	}
	b.WriteString(`</td>`)
}

func (r *workspaceRows) originalDue(e domain.WorkspaceEntry) string {
	if e.OriginalDueOn == nil {
		return ""
	}
	return r.v.Date(*e.OriginalDueOn)
}
