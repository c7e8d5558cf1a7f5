package server

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// addProgressReport records a progress report (Sachstandsmeldung) with the
// implementation's status and progress at this moment. Bad input comes back
// on the implementation page with what was typed and a message at the field.
func (s *Server) addProgressReport(c *gin.Context) {
	sc, id, ok := s.orgAndID(c)
	if !ok {
		return
	}
	org := sc.Org
	forms := trackingForms{ReportOn: strings.TrimSpace(c.PostForm("reported_on")), ReportBody: c.PostForm("report_body")}
	day, body, errs := checkProgressReport(forms.ReportOn, forms.ReportBody, s.opts.Now())
	if len(errs) > 0 {
		forms.Errors, forms.Failed = errs, "report"
		s.showImplementation(c, http.StatusUnprocessableEntity, org, id, forms)
		return
	}
	acc, _ := account(c)
	if _, err := s.store.AddProgressUpdate(c.Request.Context(), org.ID, id, day, body, &acc.ID); err != nil {
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, implementationPath(scopeOf(c), id)+"#meldungen")
}

// checkProgressReport validates a report's date (given, not in the future)
// and text (given, at most domain.MaxProgressReportLen characters).
func checkProgressReport(on, text string, now time.Time) (time.Time, string, map[string]string) {
	errs := map[string]string{}
	day, ok := parseFormDate(on)
	local := now.In(berlin)
	today := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)
	switch {
	case !ok || day == nil:
		errs["reported_on"] = "implementation.error.reportDate"
	case day.After(today):
		errs["reported_on"] = "implementation.error.reportFuture"
	}
	body := cleanFormText(text)
	switch {
	case body == "":
		errs["report_body"] = "implementation.error.reportMissing"
	case tooLong(body, domain.MaxProgressReportLen):
		errs["report_body"] = "implementation.error.reportTooLong"
	}
	if len(errs) > 0 {
		return time.Time{}, "", errs
	}
	return *day, body, nil
}
