package server

import (
	"github.com/gin-gonic/gin"
)

// routes registers every route. German paths, since the users read them.
func (s *Server) routes() *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.Use(s.requestID, s.logRequests, s.recoverPanics, securityHeaders)

	r.GET("/healthz", s.healthz)
	r.GET("/readyz", s.readyz)
	r.StaticFS("/static", staticFS())

	r.GET("/", s.overview)
	r.GET("/plaene/:plan", s.planOverview)
	r.GET("/massnahmen/:id", s.measure)
	r.GET("/kommunen", s.municipalities)
	r.GET("/kommunen/:slug", s.workspace)
	r.GET("/barrierefreiheit", s.accessibility)

	r.NoRoute(s.notFound)
	r.NoMethod(s.methodNotAllowed)
	return r
}
