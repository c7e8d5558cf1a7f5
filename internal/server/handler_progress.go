package server

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// addProgressReport records a progress report (Sachstandsmeldung) with the
// implementation's status and progress at this moment. Bad input comes back
// on the implementation page with what was typed and a message at the field.
func (s *Server) addProgressReport(c *gin.Context) {
	sc, key, ok := s.orgAndKey(c)
	if !ok {
		return
	}
	forms := trackingForms{ReportOn: strings.TrimSpace(c.PostForm("reported_on")), ReportBody: c.PostForm("report_body")}
	report := domain.NewProgressReport{Body: forms.ReportBody}
	day, dayOK := parseFormDate(forms.ReportOn)
	if day != nil && dayOK {
		report.ReportedOn = *day
	}
	_, err := s.impls.AddProgressReport(c.Request.Context(), signedInActor(c), key, report)
	if err == nil {
		c.Redirect(http.StatusSeeOther, implementationPath(sc, key.ID)+"#meldungen")
		return
	}
	s.refuseTrackingForm(c, sc, key, forms, "report", err)
}
