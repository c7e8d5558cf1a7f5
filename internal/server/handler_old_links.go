package server

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/authz"
	"github.com/planwerk/planwerk/internal/domain"
)

// oldRoutes keep the addresses from before plans were part of them working:
// each redirects to the same page of the plan that is current (the most
// recently adopted plan of the organisation's county, or of the user's).
// The redirect is temporary: once the county adopts its next plan, the same
// address must lead there, which a browser's cached 301 would not. Only signed-in members are redirected, and only into plans they
// may read; everything else is the usual 404.
func (s *Server) oldRoutes(reg *registry) {
	reg.handle("GET", "/kommunen", signedIn, s.oldPlanLink("/kommunen"))
	reg.handle("GET", "/unterstuetzung", signedIn, s.oldPlanLink("/unterstuetzung"))
	reg.handle("GET", "/monitoring", signedIn, s.oldPlanLink("/monitoring"))         // the navigation's link outside a plan
	reg.handle("GET", "/berichtsrunden", signedIn, s.oldPlanLink("/berichtsrunden")) // the navigation's link outside a plan
	reg.handle("GET", "/bedarfe", signedIn, s.oldPlanLink("/bedarfe"))
	reg.handle("POST", "/bedarfe/:id", signedIn, s.oldPlanLink("/bedarfe"))
	reg.handle("GET", "/massnahmen/:id", signedIn, s.oldMeasureLink)
	reg.handle("GET", "/kommunen/:slug", signedIn, s.oldTownLink)
	reg.handle("GET", "/kommunen/:slug/*rest", signedIn, s.oldTownLink)
	reg.handle("POST", "/kommunen/:slug/*rest", signedIn, s.oldTownLink)
}

// oldPlanLink redirects a plan-wide page to the current plan the user may read.
func (s *Server) oldPlanLink(rest string) gin.HandlerFunc {
	return func(c *gin.Context) {
		plans, err := s.readablePlans(c)
		if err != nil {
			s.fail(c, err)
			return
		}
		if len(plans) == 0 {
			s.notFound(c)
			return
		}
		path := planPath(plans[0].Slug) + rest
		if id := c.Param("id"); id != "" {
			path += "/" + id
		}
		s.movedTo(c, path)
	}
}

func (s *Server) oldMeasureLink(c *gin.Context) {
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return
	}
	plan, err := s.store.FindPlanOfMeasure(c.Request.Context(), id)
	s.movedToPlan(c, plan, err, "/massnahmen/"+strconv.FormatInt(id, 10))
}

func (s *Server) oldTownLink(c *gin.Context) {
	slug := c.Param("slug")
	plan, err := s.store.FindCurrentPlanOf(c.Request.Context(), slug)
	s.movedToPlan(c, plan, err, "/kommunen/"+slug+c.Param("rest"))
}

// movedToPlan redirects to rest within plan, if the user may read the plan.
func (s *Server) movedToPlan(c *gin.Context, plan domain.Plan, err error, rest string) {
	switch {
	case domain.ErrorCode(err) == domain.CodeNotFound,
		err == nil && !permissions(c).Can(authz.County(plan.OwnerSlug), "plan", "read"):
		s.notFound(c)
	case err != nil:
		s.fail(c, err)
	default:
		s.movedTo(c, planPath(plan.Slug)+rest)
	}
}

// movedTo answers a temporary redirect to the current plan's page that
// keeps the query. A form sent to an old address is redirected with 307,
// which keeps method and body.
func (s *Server) movedTo(c *gin.Context, path string) {
	if q := c.Request.URL.RawQuery; q != "" {
		path += "?" + q
	}
	status := http.StatusFound
	if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
		status = http.StatusTemporaryRedirect
	}
	c.Redirect(status, path)
}
