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
	if !ok {
		return
	}
	forms := trackingForms{MilestoneTitle: c.PostForm("milestone_title"), DueOn: strings.TrimSpace(c.PostForm("milestone_due_on"))}
	due, dueOK := parseFormDate(forms.DueOn)
	if !dueOK {
		forms.Errors, forms.Failed = map[string]string{"milestone_due_on": "implementation.error.date"}, "milestone"
		s.showImplementation(c, http.StatusUnprocessableEntity, sc.Org, key, forms)
		return
	}
	_, err := s.impls.AddMilestone(c.Request.Context(), actorOf(c), key,
		domain.NewMilestone{Title: forms.MilestoneTitle, DueOn: due})
	if err == nil {
		c.Redirect(http.StatusSeeOther, savedAt(implementationPath(sc, key.ID), "meilenstein"))
		return
	}
	s.refuseTrackingForm(c, sc, key, forms, "milestone", err)
}

// setMilestoneDone marks a milestone done or open again, as the form says
// (done=yes or done=no): repeating a click changes nothing.
func (s *Server) setMilestoneDone(c *gin.Context) {
	key, ok := s.milestoneKey(c)
	if !ok {
		return
	}
	done := c.PostForm("done")
	if done != "yes" && done != "no" {
		s.renderError(c, http.StatusBadRequest, "implementation.error.formIncomplete")
		return
	}
	if _, err := s.impls.SetMilestoneDone(c.Request.Context(), actorOf(c), key, done == "yes"); err != nil {
		s.fail(c, err)
		return
	}
	what := "meilenstein-offen"
	if done == "yes" {
		what = "meilenstein-erledigt"
	}
	c.Redirect(http.StatusSeeOther, savedAt(implementationPath(scopeOf(c), key.Implementation.ID), what))
}

// deleteMilestone removes a milestone; the history keeps it.
func (s *Server) deleteMilestone(c *gin.Context) {
	key, ok := s.milestoneKey(c)
	if !ok {
		return
	}
	if err := s.impls.DeleteMilestone(c.Request.Context(), actorOf(c), key); err != nil {
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, savedAt(implementationPath(scopeOf(c), key.Implementation.ID), "meilenstein-geloescht"))
}

// milestoneKey resolves the implementation and :milestone of a milestone
// route, or answers 404 itself.
func (s *Server) milestoneKey(c *gin.Context) (domain.MilestoneKey, bool) {
	milestoneID, ok := parseID(c.Param("milestone"))
	if !ok {
		s.notFound(c)
		return domain.MilestoneKey{}, false
	}
	_, key, ok := s.orgAndKey(c)
	return domain.MilestoneKey{Implementation: key, ID: milestoneID}, ok
}
