package server

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/authz"
	"github.com/planwerk/planwerk/internal/domain"
)

// reportsData is the list of a plan's committee reports.
type reportsData struct {
	Items []reportItem
	// Failed is the correction that was refused, with its reason and message.
	Failed *correctionForm
}

// FailedFor is the refused correction of report id, if that is the one.
func (d reportsData) FailedFor(id int64) *correctionForm {
	if d.Failed != nil && d.Failed.ReportID == id {
		return d.Failed
	}
	return nil
}

// reportItem is a report with the reports it is linked to, as far as the
// reader may see them.
type reportItem struct {
	domain.Report
	Replaces   *domain.Report // the report this one corrects
	ReplacedBy *domain.Report // the correction of this one
}

// correctionForm is what the KI sent to correct a frozen report.
type correctionForm struct {
	ReportID int64
	Reason   string
	Error    string // translated message at the reason
	Summary  string // translated message when it concerns no field
}

// reportPath is the address of a plan's report (the frozen report's page).
func reportPath(plan string, id int64) string {
	return planPath(plan) + "/berichte/" + strconv.FormatInt(id, 10)
}

// writesReports reports whether the signed-in user drafts the plan's
// reports: only they see drafts.
func writesReports(c *gin.Context) bool {
	return permissions(c).Can(authz.County(scopeOf(c).County.Slug), "report", "write")
}

// reports lists the plan's reports: frozen ones for every reader, drafts
// too for the KI, who drafts them.
func (s *Server) reports(c *gin.Context) {
	s.renderReports(c, http.StatusOK, reportsData{})
}

// correctReport starts the correction of a frozen report: a new draft with
// the same settings that names the report it replaces and why.
func (s *Server) correctReport(c *gin.Context) {
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return
	}
	sc := scopeOf(c)
	form := correctionForm{ReportID: id, Reason: c.PostForm("reason")}
	draft, err := s.services.Reports.Correct(c.Request.Context(), actorOf(c), sc, id, form.Reason)
	if err == nil {
		c.Redirect(http.StatusSeeOther, reportPath(sc.Plan.Slug, draft.ID)+"/bearbeiten")
		return
	}
	r, ok := s.refusalOf(c, err, "report.correct.summary", "report.correct.summary")
	if !ok {
		s.fail(c, err)
		return
	}
	form.Error, form.Summary = r.Fields["reason"], r.Summary
	form.Reason = echo(form.Reason, domain.MaxCorrectionReasonLen)
	s.renderReports(c, r.Status, reportsData{Failed: &form})
}

func (s *Server) renderReports(c *gin.Context, status int, d reportsData) {
	list, err := s.services.Reports.List(c.Request.Context(), scopeOf(c), writesReports(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	byID := make(map[int64]*domain.Report, len(list))
	for i := range list {
		byID[list[i].ID] = &list[i]
	}
	for _, r := range list {
		item := reportItem{Report: r}
		// A linked report the reader may not see (a draft) stays unnamed.
		if r.ReplacesID != nil {
			item.Replaces = byID[*r.ReplacesID]
		}
		if r.ReplacedByID != nil {
			item.ReplacedBy = byID[*r.ReplacedByID]
		}
		d.Items = append(d.Items, item)
	}
	s.render(c, status, "reports", view{Title: "report.list.title", Nav: "berichte",
		Crumbs: []crumb{{Label: scopeOf(c).Plan.Title, Href: planPath(scopeOf(c).Plan.Slug)}, {Label: "report.list.title"}},
		Data:   d})
}
