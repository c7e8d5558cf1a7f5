package server

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// planOverview shows a plan's catalogue with the state of every measure.
func (s *Server) planOverview(c *gin.Context) {
	plan := scopeOf(c).Plan
	data, err := s.services.Plans.Catalogue(c.Request.Context(), plan)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "overview", view{Title: plan.Title, Nav: "plan", Data: data,
		Crumbs: []crumb{{Label: "plans.crumb", Href: plansPath}, {Label: plan.Title}}})
}
