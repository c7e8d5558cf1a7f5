package server

import (
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// The monitoring page's query string: ?sortierung=aufmerksamkeit|name.
const paramMonitoringSort = "sortierung"

// monitoringSortParams are the German values of ?sortierung=, the default first.
var monitoringSortParams = []struct {
	Param string
	Value domain.MonitoringSort
}{
	{"aufmerksamkeit", domain.SortByAttention},
	{"name", domain.SortByName},
}

// monitoringData is what the monitoring page shows.
type monitoringData struct {
	Matrix      domain.MonitoringMatrix
	Rows        []monitoringRowView
	Totals      []monitoringCellView // per action field, over every row
	Total       monitoringCellView
	Today       time.Time
	SortOptions []selectOption
	// Notice says that a sort order was not understood (the default applies).
	Notice string
	// SortQuery keeps the order for the downloads ("" for the default).
	SortQuery string
}

// monitoring shows the KI's matrix of a plan: every municipality and the
// county office by action field, each figure linked to the workspace
// filtered to exactly those implementations. An unknown order falls back to
// the default and says so; it is never an error.
func (s *Server) monitoring(c *gin.Context) {
	m, order, notice, ok := s.loadMonitoring(c)
	if !ok {
		return
	}
	tr := s.translatorFor(c.Request)
	sc := scopeOf(c)
	d := monitoringData{Matrix: m, Today: s.opts.Now(), SortOptions: monitoringSortOptions(order)}
	if notice != "" {
		d.Notice = tr.T("monitoring.notice.sort", "Value", notice)
	}
	if order != monitoringSortParams[0].Value {
		d.SortQuery = "?" + url.Values{paramMonitoringSort: {monitoringSortParam(order)}}.Encode()
	}
	b := newMonitoringBuilder(tr, sc.Plan.Slug, m.Fields, sc.County.ID)
	for _, r := range m.Rows() {
		d.Rows = append(d.Rows, b.row(r))
	}
	for _, t := range m.ColumnTotals {
		d.Totals = append(d.Totals, b.cell(t, nil))
	}
	d.Total = b.cell(m.Total, nil)
	s.render(c, http.StatusOK, "monitoring", view{Title: "monitoring.title", Nav: "monitoring",
		Crumbs: []crumb{{Label: sc.Plan.Title, Href: planPath(sc.Plan.Slug)}, {Label: "monitoring.title"}}, Data: d})
}

// loadMonitoring reads the order from the query string and the matrix in
// that order. notice is the order as given when it was not understood.
func (s *Server) loadMonitoring(c *gin.Context) (m domain.MonitoringMatrix, order domain.MonitoringSort, notice string, ok bool) {
	order, given := monitoringSortOf(c.Query(paramMonitoringSort))
	if !given {
		notice = shorten(c.Query(paramMonitoringSort))
	}
	m, err := s.services.Monitoring.Matrix(c.Request.Context(), scopeOf(c), order, s.opts.Now())
	if err != nil {
		s.fail(c, err)
		return m, order, notice, false
	}
	return m, order, notice, true
}

// monitoringSortOf reads ?sortierung=; an empty value is the default, an
// unknown one too, with ok false so that the page can say so.
func monitoringSortOf(v string) (domain.MonitoringSort, bool) {
	for _, sp := range monitoringSortParams {
		if v == sp.Param {
			return sp.Value, true
		}
	}
	return monitoringSortParams[0].Value, v == ""
}

func monitoringSortParam(order domain.MonitoringSort) string {
	for _, sp := range monitoringSortParams {
		if sp.Value == order {
			return sp.Param
		}
	}
	return monitoringSortParams[0].Param
}

func monitoringSortOptions(cur domain.MonitoringSort) []selectOption {
	var out []selectOption
	for _, sp := range monitoringSortParams {
		out = append(out, selectOption{Value: sp.Param, Label: "monitoring.sort." + sp.Param, Selected: sp.Value == cur})
	}
	return out
}

// SeesMonitoring reports whether the navigation offers the monitoring: in
// the page's plan, or (outside a plan) in any county of the user's.
func (v view) SeesMonitoring() bool { return v.CanHere("monitoring", "read") }
