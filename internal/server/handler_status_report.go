package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// statusReportData is the data of the "Sachstand melden" page.
type statusReportData struct {
	Org  domain.Organisation
	Impl domain.ImplementationDetail
	Form statusReportForm
	formRefusal
	// StatusChoices are the statuses the current one may move to, itself first.
	StatusChoices []domain.Status
}

// ErrorOrder lists the fields with a message in the order of the form, for
// the summary's links.
func (d statusReportData) ErrorOrder() []string {
	var out []string
	for _, f := range []string{"status", "status_note", "progress", "reported_on", "report_body",
		"milestone_title", "milestone_due_on"} {
		if d.Errors[f] != "" {
			out = append(out, f)
		}
	}
	return out
}

// statusReport shows the one-step form: status, progress, the written
// report and the next milestone. One statement: the implementation.
func (s *Server) statusReport(c *gin.Context) {
	sc, key, ok := s.orgAndKey(c)
	if !ok {
		return
	}
	detail, err := s.impls.Detail(c.Request.Context(), key)
	if err != nil {
		s.fail(c, err)
		return
	}
	today := s.opts.Now().In(berlin).Format(time.DateOnly)
	s.renderStatusReport(c, http.StatusOK, statusReportData{Org: sc.Org, Impl: detail,
		Form: statusReportFormOf(detail.Implementation, today)})
}

// saveStatusReport hands the form to the use case, which saves all of it in
// one transaction or nothing. Success leads to the implementation page with
// its confirmation (post/redirect/get); a refusal shows the form again at
// this address, which a reload can GET.
func (s *Server) saveStatusReport(c *gin.Context) {
	sc, key, ok := s.orgAndKey(c)
	if !ok {
		return
	}
	form := readStatusReportForm(c)
	version, convErr := strconv.Atoi(form.Version)
	if convErr != nil {
		s.renderError(c, http.StatusBadRequest, "implementation.error.formIncomplete")
		return
	}
	r, errs := form.report()
	if len(errs) > 0 {
		s.renderStatusReportAgain(c, http.StatusUnprocessableEntity, statusReportData{Org: sc.Org, Form: form,
			formRefusal: formRefusal{Errors: errs, Message: "implementation.error.summary"}}, key)
		return
	}
	saved, err := s.impls.ReportStatus(c.Request.Context(), actorOf(c), key, version, r)
	if err == nil {
		c.Redirect(http.StatusSeeOther, savedAt(implementationPath(sc, key.ID), "sachstand"))
		return
	}
	refused, status, ok := s.refusalOfSave(c, err, saved, func(t translator, theirs domain.Implementation) []difference {
		return statusReportDifferences(t, form, theirs)
	})
	if !ok {
		return
	}
	if refused.Theirs != nil {
		form.Version = strconv.Itoa(saved.Version)
	}
	s.renderStatusReportAgain(c, status, statusReportData{Org: sc.Org, Form: form, formRefusal: refused}, key)
}

// renderStatusReportAgain shows a refused form with the implementation as
// stored now.
func (s *Server) renderStatusReportAgain(c *gin.Context, status int, d statusReportData, key domain.ImplementationKey) {
	detail, err := s.impls.Detail(c.Request.Context(), key)
	if err != nil {
		s.fail(c, err)
		return
	}
	d.Impl = detail
	s.renderStatusReport(c, status, d)
}

func (s *Server) renderStatusReport(c *gin.Context, status int, d statusReportData) {
	d.Form = d.Form.echo()
	d.StatusChoices = statusChoicesKeeping(d.Impl.Status, d.Form.Status)
	s.renderImplementationForm(c, status, "status_report", "sachstand.title", "sachstand.crumb", d.Org, d.Impl, d)
}
