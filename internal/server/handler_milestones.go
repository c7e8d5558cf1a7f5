package server

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// addMilestone adds a milestone (title, optional due date) to an implementation.
func (s *Server) addMilestone(c *gin.Context) {
	sc, key, ok := s.orgAndKey(c)
	id := key.ID
	if !ok {
		return
	}
	org := sc.Org
	forms := trackingForms{MilestoneTitle: c.PostForm("milestone_title"), DueOn: strings.TrimSpace(c.PostForm("milestone_due_on"))}
	title := domain.CleanText(forms.MilestoneTitle)
	errs := map[string]string{}
	switch {
	case title == "":
		errs["milestone_title"] = "implementation.error.milestoneMissing"
	case domain.TooLong(title, domain.MaxMilestoneTitleLen):
		errs["milestone_title"] = "implementation.error.milestoneTooLong"
	}
	due, dueOK := parseFormDate(forms.DueOn)
	if !dueOK {
		errs["milestone_due_on"] = "implementation.error.date"
	}
	if len(errs) > 0 {
		forms.Errors, forms.Failed = errs, "milestone"
		s.showImplementation(c, http.StatusUnprocessableEntity, org, key, forms)
		return
	}
	acc, _ := account(c)
	if _, err := s.store.AddMilestone(c.Request.Context(), key, title, due, &acc.ID); err != nil {
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, implementationPath(scopeOf(c), id)+"#meilensteine")
}

// setMilestoneDone marks a milestone done or open again, as the form says
// (done=yes or done=no): repeating a click changes nothing.
func (s *Server) setMilestoneDone(c *gin.Context) {
	_, id, milestoneID, ok := s.milestoneOf(c)
	if !ok {
		return
	}
	done := c.PostForm("done")
	if done != "yes" && done != "no" {
		s.renderError(c, http.StatusBadRequest, "implementation.error.formIncomplete")
		return
	}
	acc, _ := account(c)
	if _, err := s.store.SetMilestoneDone(c.Request.Context(), keyOf(c, id), milestoneID, done == "yes", s.opts.Now().In(berlin), &acc.ID); err != nil {
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, implementationPath(scopeOf(c), id)+"#meilensteine")
}

// deleteMilestone removes a milestone; the history keeps it.
func (s *Server) deleteMilestone(c *gin.Context) {
	_, id, milestoneID, ok := s.milestoneOf(c)
	if !ok {
		return
	}
	acc, _ := account(c)
	if err := s.store.DeleteMilestone(c.Request.Context(), keyOf(c, id), milestoneID, &acc.ID); err != nil {
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, implementationPath(scopeOf(c), id)+"#meilensteine")
}

// milestoneOf resolves the municipality, implementation and :milestone of a
// milestone route, or answers 404 itself.
func (s *Server) milestoneOf(c *gin.Context) (domain.Organisation, int64, int64, bool) {
	milestoneID, ok := parseID(c.Param("milestone"))
	if !ok {
		s.notFound(c)
		return domain.Organisation{}, 0, 0, false
	}
	sc, key, ok := s.orgAndKey(c)
	return sc.Org, key.ID, milestoneID, ok
}
