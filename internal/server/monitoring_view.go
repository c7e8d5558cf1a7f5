package server

import (
	"github.com/planwerk/planwerk/internal/domain"
)

// monitoringRowView is one line of the matrix as the page shows it.
type monitoringRowView struct {
	Org      domain.Organisation
	IsCounty bool   // the county office's own measures
	Href     string // the organisation's workspace
	Cells    []monitoringCellView
	Total    monitoringCellView
}

// monitoringCellView is a cell or a total: its figures in display order, a
// bar for the eye (the figures carry the meaning) and the change since the
// baseline report, in words.
type monitoringCellView struct {
	Figures   []figureView
	Relevant  int
	Bar       []barPart
	Attention int
	Change    string // "" when nothing changed or there is nothing to compare with
}

// figureView is one number with what it counts (in the page's language), and
// the filtered workspace that lists exactly those implementations ("" when
// there is nothing to list or no single workspace to list it in).
type figureView struct {
	Key   string
	Count int
	Label string
	Href  string
}

// barPart is a segment of a cell's bar, in units of implementations.
type barPart struct {
	Class    string
	X, Width int
}

// monitoringBuilder lays out the matrix for one page in its language. At
// Land scale a page holds some 20,000 figures; their labels and filter
// queries depend only on the figure (and count, for the plural), so each is
// made once per page and reused: translating and encoding them per figure
// took most of the page's time.
type monitoringBuilder struct {
	tr       translator
	plan     string
	fields   []domain.MonitoringField
	countyID int64
	labels   map[labelKey]string
	queries  map[queryKey]string
}

type labelKey struct {
	metric string
	one    bool // the singular form (count 1)
}

type queryKey struct {
	field, metric string
}

func newMonitoringBuilder(tr translator, plan string, fields []domain.MonitoringField, countyID int64) monitoringBuilder {
	return monitoringBuilder{tr: tr, plan: plan, fields: fields, countyID: countyID,
		labels: map[labelKey]string{}, queries: map[queryKey]string{}}
}

// label names what a figure counts, in the plural form its count needs.
func (b monitoringBuilder) label(metric string, count int) string {
	k := labelKey{metric, count == 1}
	l, ok := b.labels[k]
	if !ok {
		l = b.tr.N("monitoring.figure."+metric, count)
		b.labels[k] = l
	}
	return l
}

// link is the workspace at ws filtered to the metric's implementations of
// one action field (all fields when field is empty).
func (b monitoringBuilder) link(ws, field string, m domain.MonitoringMetric) string {
	k := queryKey{field, m.Key}
	q, ok := b.queries[k]
	if !ok {
		q = figureQuery(field, m)
		b.queries[k] = q
	}
	return ws + "?" + q
}

// row prepares an organisation's row; every non-zero figure links to its
// workspace filtered by the figure's rule (and action field, within a cell).
func (b monitoringBuilder) row(r domain.MonitoringRow) monitoringRowView {
	ws := townPath(b.plan, r.Org.Slug)
	v := monitoringRowView{Org: r.Org, IsCounty: r.Org.ID == b.countyID, Href: ws}
	for i, c := range r.Cells {
		code := b.fields[i].Code
		v.Cells = append(v.Cells, b.cell(c, func(m domain.MonitoringMetric) string { return b.link(ws, code, m) }))
	}
	v.Total = b.cell(r.Total, func(m domain.MonitoringMetric) string { return b.link(ws, "", m) })
	return v
}

// cell lays out figures; link names the workspace of a figure (nil for
// totals over several organisations, which no single workspace lists).
func (b monitoringBuilder) cell(f domain.MonitoringFigures, link func(domain.MonitoringMetric) string) monitoringCellView {
	v := monitoringCellView{Relevant: f.Relevant, Attention: f.Attention()}
	for _, m := range domain.MonitoringMetrics {
		fv := figureView{Key: m.Key, Count: m.Of(f.MonitoringCounts)}
		fv.Label = b.label(m.Key, fv.Count)
		if fv.Count > 0 && link != nil {
			fv.Href = link(m)
		}
		v.Figures = append(v.Figures, fv)
	}
	if f.Relevant > 0 {
		v.Bar = []barPart{
			{Class: "mon-bar__done", X: 0, Width: f.Completed},
			{Class: "mon-bar__doing", X: f.Completed, Width: f.InProgress},
		}
	}
	if f.Change != nil && f.Change.Any() {
		v.Change = b.tr.T("monitoring.change", "Completed", signed(f.Change.Completed), "Relevant", signed(f.Change.Relevant))
	}
	return v
}

// figureQuery is the workspace filter of the metric's implementations of one
// action field (all fields when field is empty), written as the workspace's
// own filter form would write it.
func figureQuery(field string, m domain.MonitoringMetric) string {
	f := workspaceFilter{WorkspaceFilter: m.Filter}
	f.Field = field
	f.Sort = domain.SortByNumber
	return f.Query().Encode()
}
