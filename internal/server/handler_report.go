package server

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/authz"
	"github.com/planwerk/planwerk/internal/domain"
)

// report shows a frozen report, compared with an earlier one when the
// address asks for it (?vergleich=<id>).
func (s *Server) report(c *gin.Context) {
	d, status, ok := s.loadReport(c, true)
	if !ok {
		return
	}
	d.FrozenCount, d.JustFrozen = frozenNotice(c)
	fr := d.Frozen
	s.render(c, status, "report", view{
		Title: fr.Report.Title, Nav: "plan",
		Crumbs: []crumb{{Label: fr.Plan.Title, Href: planPath(fr.Plan.Slug)}, {Label: fr.Report.Title}},
		Data:   d,
	})
}

// frozenNotice reads ?eingefroren=<n>, with which freezing a draft leads
// to the report: the number of implementations frozen. Anything else than
// a count is a hand-made address and shows no notice.
func frozenNotice(c *gin.Context) (int, bool) {
	n, err := strconv.Atoi(c.Query("eingefroren"))
	return n, err == nil && n >= 0
}

// errCompareRefused marks a comparison refused for bad input: the page
// still shows the report, with the refusal and a 4xx status.
var errCompareRefused = errors.New("comparison refused")

// loadReport reads the frozen report of the address and, when asked for,
// its comparison. It answers the request itself when it returns false. On
// the page (page true) a refused comparison is shown with the report under
// the returned 4xx status; a download refuses it with the error page.
func (s *Server) loadReport(c *gin.Context, page bool) (reportData, int, bool) {
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return reportData{}, 0, false
	}
	ctx, sc := c.Request.Context(), scopeOf(c)
	fr, err := s.services.Reports.Frozen(ctx, sc, id)
	if err != nil {
		if page && domain.ErrorCode(err) == domain.CodeNotFound && s.draftToEdit(c, sc, id) {
			return reportData{}, 0, false
		}
		s.fail(c, err)
		return reportData{}, 0, false
	}
	d := newReportData(fr, fmt.Sprintf("%s/berichte/%d", planPath(sc.Plan.Slug), id))
	if page {
		if d.Earlier, err = s.earlierReports(c, fr.Report); err != nil {
			s.fail(c, err)
			return reportData{}, 0, false
		}
	}
	status, err := s.compareReport(c, &d)
	switch {
	case errors.Is(err, errCompareRefused) && page:
		return d, status, true
	case errors.Is(err, errCompareRefused):
		s.renderError(c, status, d.CompareError)
		return reportData{}, 0, false
	case err != nil:
		s.fail(c, err)
		return reportData{}, 0, false
	}
	return d, http.StatusOK, true
}

// draftToEdit sends the KI, who may edit drafts, from a draft's address to
// its edit page; for everyone else a draft does not exist (404).
func (s *Server) draftToEdit(c *gin.Context, sc domain.PlanScope, id int64) bool {
	perms := permissions(c)
	if perms == nil || !perms.Can(authz.County(sc.County.Slug), "report", "write") {
		return false
	}
	r, err := s.services.Reports.Get(c.Request.Context(), sc, id, true)
	if err != nil || r.Frozen() {
		return false
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("%s/berichte/%d/bearbeiten", planPath(sc.Plan.Slug), id))
	return true
}

// earlierReports are the plan's reports frozen before r: what r can be
// compared with, newest first.
func (s *Server) earlierReports(c *gin.Context, r domain.Report) ([]domain.Report, error) {
	all, err := s.services.Reports.List(c.Request.Context(), scopeOf(c), false)
	if err != nil {
		return nil, err
	}
	var out []domain.Report
	for _, e := range all {
		if e.ID != r.ID && e.FrozenAt != nil && e.FrozenAt.Before(*r.FrozenAt) {
			out = append(out, e)
		}
	}
	return out, nil
}

// compareReport compares d's report with the one ?vergleich names, if any.
// A refusal (not a number, another plan's or a later report) fills
// d.CompareError and returns errCompareRefused with its status.
func (s *Server) compareReport(c *gin.Context, d *reportData) (int, error) {
	raw := c.Query("vergleich")
	if raw == "" {
		return http.StatusOK, nil
	}
	t := s.translatorFor(c.Request)
	earlierID, ok := parseID(raw)
	if !ok {
		d.CompareError = t.T("exports.compare.badID")
		return http.StatusBadRequest, errCompareRefused
	}
	d.CompareID = earlierID
	cmp, err := s.services.Reports.Compare(c.Request.Context(), scopeOf(c), d.Frozen, earlierID)
	if domain.ErrorCode(err) == domain.CodeInvalid {
		d.CompareError = t.ErrorText(err)
		return http.StatusUnprocessableEntity, errCompareRefused
	}
	if err != nil {
		return 0, err
	}
	d.Comparison = &cmp
	d.Query = fmt.Sprintf("?vergleich=%d", earlierID)
	return http.StatusOK, nil
}
