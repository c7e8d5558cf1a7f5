package server

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// toImplementation answers a GET of an implementation form's POST address
// with the implementation page at the form's section. A refused form is
// shown at the address it was sent to; reloading that address, or following
// a bookmark of it, then finds the form again instead of "Aktion nicht
// möglich" (405). The progress report form of old (…/meldungen) leads to
// the reports, which "Sachstand melden" now adds.
func (s *Server) toImplementation(fragment string) gin.HandlerFunc {
	return func(c *gin.Context) {
		sc, key, ok := s.orgAndKey(c)
		if !ok {
			return
		}
		c.Redirect(http.StatusSeeOther, implementationPath(sc, key.ID)+fragment)
	}
}
