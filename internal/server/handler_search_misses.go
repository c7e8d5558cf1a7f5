package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// searchMisses shows the KI what people searched the directory for and did
// not find: the text and how often, nothing about who.
func (s *Server) searchMisses(c *gin.Context) {
	misses, err := s.services.Offers.Misses(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "search_misses", view{Title: "offer.misses.title", Nav: "suchluecken",
		Crumbs: []crumb{{Label: "offer.misses.title"}}, Data: struct{ Misses []domain.SearchMiss }{misses}})
}
