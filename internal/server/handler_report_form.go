package server

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
	reportsvc "github.com/planwerk/planwerk/internal/service/report"
)

// reportFormData is the draft form of a committee report: a new one, or a
// saved draft with the step that freezes it.
type reportFormData struct {
	// Report is the saved draft (zero for a new one); Replaces the frozen
	// report a correction replaces.
	Report   domain.Report
	Replaces *domain.Report
	Choices  reportsvc.DraftChoices
	Scopes   []domain.Scope
	Form     reportForm
	Errors   map[string]string
	// Message is the translated summary above the form after a refusal.
	Message string
	// Differences lists, after a version conflict, where the KI's input
	// differs from the draft as saved meanwhile.
	Stale       bool
	Differences []difference
	// FreezeError is the message at the freeze step's confirmation.
	FreezeError string
}

// newReport shows the form for a new draft, filled with what a report
// usually covers: every organisation and kind, the time since the last one.
func (s *Server) newReport(c *gin.Context) {
	ctx, sc := c.Request.Context(), scopeOf(c)
	choices, err := s.services.Reports.Choices(ctx, sc)
	if err != nil {
		s.fail(c, err)
		return
	}
	proposal, err := s.services.Reports.Proposal(ctx, sc, choices)
	if err != nil {
		s.fail(c, err)
		return
	}
	t := s.translatorFor(c.Request)
	proposal.Title = t.T("report.form.defaultTitle", "Month", t.T("report.month."+strconv.Itoa(int(proposal.PeriodTo.Month()))),
		"Year", proposal.PeriodTo.Year())
	s.renderReportForm(c, http.StatusOK, reportFormData{Choices: choices, Form: reportFormOf(proposal)})
}

// createReport saves a new draft and goes on to edit it.
func (s *Server) createReport(c *gin.Context) {
	ctx, sc := c.Request.Context(), scopeOf(c)
	choices, err := s.services.Reports.Choices(ctx, sc)
	if err != nil {
		s.fail(c, err)
		return
	}
	form := readReportForm(c, choices.Fields)
	draft, err := form.report()
	if err == nil {
		draft, err = s.services.Reports.Create(ctx, actorOf(c), sc, draft)
	}
	if err == nil {
		c.Redirect(http.StatusSeeOther, reportPath(sc.Plan.Slug, draft.ID)+"/bearbeiten?gespeichert=1")
		return
	}
	s.refuseReportForm(c, err, reportFormData{Choices: choices, Form: form})
}

// editReport shows a saved draft. A frozen report is not edited: the page
// says so, and that a correction is the way to change it.
func (s *Server) editReport(c *gin.Context) {
	d, ok := s.loadDraft(c)
	if !ok {
		return
	}
	d.Form = reportFormOf(d.Report)
	if c.Query("gespeichert") == "1" {
		d.Message = s.translatorFor(c.Request).T("report.form.saved")
	}
	s.renderReportForm(c, http.StatusOK, d)
}

// saveReport saves the KI's changes to a draft, provided nobody saved in
// between (optimistic locking on version).
func (s *Server) saveReport(c *gin.Context) {
	id, version, ok := s.idAndVersion(c, "report.err.formIncomplete")
	if !ok {
		return
	}
	d, ok := s.loadDraft(c)
	if !ok {
		return
	}
	form := readReportForm(c, d.Choices.Fields)
	draft, err := form.report()
	if err == nil {
		draft.ID = id
		_, err = s.services.Reports.Update(c.Request.Context(), actorOf(c), scopeOf(c), draft, version)
	}
	if err == nil {
		c.Redirect(http.StatusSeeOther, reportPath(scopeOf(c).Plan.Slug, id)+"/bearbeiten?gespeichert=1")
		return
	}
	d.Form = form
	s.refuseReportForm(c, err, d)
}

// refuseReportForm shows the form again with what was wrong; after a
// version conflict with the draft as it is stored now beside the KI's input.
func (s *Server) refuseReportForm(c *gin.Context, err error, d reportFormData) {
	r, ok := s.refusalOf(c, err, "report.form.summary", "report.form.stale")
	if !ok {
		s.fail(c, err)
		return
	}
	if domain.ErrorKey(err) == "error.report.frozen" {
		s.fail(c, err) // frozen meanwhile: there is no draft left to show
		return
	}
	d.Errors, d.Message, d.Stale = r.Fields, r.Summary, r.Stale
	if r.Stale {
		theirs, err := s.services.Reports.Get(c.Request.Context(), scopeOf(c), d.Report.ID, true)
		if err != nil {
			s.fail(c, err)
			return
		}
		d.Form.Version = strconv.Itoa(theirs.Version)
		d.Differences = reportDifferences(s.translatorFor(c.Request), d.Form, theirs, d.Choices)
	}
	s.renderReportForm(c, r.Status, d)
}

// loadDraft reads the draft named in the address with what its form offers;
// a frozen one is refused with its message.
func (s *Server) loadDraft(c *gin.Context) (reportFormData, bool) {
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return reportFormData{}, false
	}
	ctx, sc := c.Request.Context(), scopeOf(c)
	r, err := s.services.Reports.Get(ctx, sc, id, true)
	if err == nil && r.Frozen() {
		err = domain.Keyed(domain.CodeConflict, "", "error.report.frozen", "a frozen report is not edited")
	}
	if err != nil {
		s.fail(c, err)
		return reportFormData{}, false
	}
	d := reportFormData{Report: r}
	if d.Choices, err = s.services.Reports.Choices(ctx, sc); err == nil && r.ReplacesID != nil {
		d.Replaces, err = s.replaced(ctx, sc, *r.ReplacesID)
	}
	if err != nil {
		s.fail(c, err)
		return reportFormData{}, false
	}
	return d, true
}

func (s *Server) replaced(ctx context.Context, sc domain.PlanScope, id int64) (*domain.Report, error) {
	r, err := s.services.Reports.Get(ctx, sc, id, false)
	return &r, err
}

func (s *Server) renderReportForm(c *gin.Context, status int, d reportFormData) {
	d.Form = d.Form.echo()
	d.Scopes = reportScopes
	sc := scopeOf(c)
	title := "report.form.newTitle"
	if d.Report.ID != 0 {
		title = "report.form.editTitle"
	}
	s.render(c, status, "report_form", view{Title: title, Nav: "berichte",
		Crumbs: []crumb{{Label: sc.Plan.Title, Href: planPath(sc.Plan.Slug)},
			{Label: "report.list.title", Href: planPath(sc.Plan.Slug) + "/berichte"}, {Label: title}},
		Data: d})
}

// freezeReport freezes a draft after the KI confirmed that it cannot be
// changed afterwards, and shows the frozen report with the number of
// implementations it holds.
func (s *Server) freezeReport(c *gin.Context) {
	id, version, ok := s.idAndVersion(c, "report.err.formIncomplete")
	if !ok {
		return
	}
	sc, t := scopeOf(c), s.translatorFor(c.Request)
	var err error
	if c.PostForm("confirm") == "1" {
		var n int
		n, err = s.services.Reports.Freeze(c.Request.Context(), actorOf(c), sc, id, version)
		if err == nil {
			c.Redirect(http.StatusSeeOther, reportPath(sc.Plan.Slug, id)+"?eingefroren="+strconv.Itoa(n))
			return
		}
		if domain.ErrorKey(err) == "error.report.alreadyFrozen" || domain.ErrorCode(err) == domain.CodeNotFound {
			s.fail(c, err)
			return
		}
	}
	d, ok := s.loadDraft(c)
	if !ok {
		return
	}
	d.Form = reportFormOf(d.Report)
	if err == nil { // not confirmed
		d.Message, d.FreezeError = t.T("report.freeze.notFrozen"), t.T("report.err.confirmFreeze")
		s.renderReportForm(c, http.StatusUnprocessableEntity, d)
		return
	}
	r, ok := s.refusalOf(c, err, "report.freeze.notFrozen", "report.freeze.stale")
	if !ok {
		s.fail(c, err)
		return
	}
	// After a conflict the form shows the draft as it is now, to be checked
	// and frozen again; any other refusal stands at the freeze step too.
	d.Message = r.Summary
	if !r.Stale {
		d.FreezeError = r.Summary
	}
	s.renderReportForm(c, r.Status, d)
}

// reportInputView is one text, textarea or date field of the report form
// for the "reportText" and "reportDate" templates.
type reportInputView struct {
	Name, Label, Value, Error string
	Max, Rows                 int
}

// reportInput prepares a field of the report form: label already in the
// page's language, the message of a refusal at this field if any.
func reportInput(v view, name, label, value string, max, rows int) reportInputView {
	in := reportInputView{Name: name, Label: label, Value: value, Max: max, Rows: rows}
	if d, ok := v.Data.(reportFormData); ok {
		in.Error = d.Errors[name]
	}
	return in
}
