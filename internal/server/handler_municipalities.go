package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// municipalities lists the municipalities, each linking to its workspace.
func (s *Server) municipalities(c *gin.Context) {
	orgs, err := s.services.Plans.Municipalities(c.Request.Context(), scopeOf(c).County)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "municipalities", view{
		Title: "municipalities.heading", Nav: "kommunen",
		Data: struct{ Organisations []domain.Organisation }{orgs},
	})
}
