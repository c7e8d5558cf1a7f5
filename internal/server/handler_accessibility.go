package server

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// accessibility shows the accessibility statement that BITV 2.0 requires,
// linked from every page's footer.
func (s *Server) accessibility(c *gin.Context) {
	s.render(c, http.StatusOK, "accessibility", view{Title: "accessibility.heading"})
}
