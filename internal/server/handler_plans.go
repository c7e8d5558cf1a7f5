package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/authz"
	"github.com/planwerk/planwerk/internal/domain"
)

// countyPlans are the plans of one county office, current first.
type countyPlans struct {
	County string
	Plans  []startPlan
}

// startPlan is a plan on the start page with where its link leads: the KI
// starts at the plan's monitoring (Monitored), everyone else at its overview.
type startPlan struct {
	domain.Plan
	Href      string
	Monitored bool
}

// plans is the start page: the plans the signed-in user may read, by county.
func (s *Server) plans(c *gin.Context) {
	plans, err := s.readablePlans(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	if len(plans) == 0 {
		s.render(c, http.StatusOK, "noplan", view{Title: "noplan.heading", Nav: "plan"})
		return
	}
	perms := permissions(c)
	var groups []countyPlans
	for _, p := range plans {
		if len(groups) == 0 || groups[len(groups)-1].County != p.OwnerName {
			groups = append(groups, countyPlans{County: p.OwnerName})
		}
		g := &groups[len(groups)-1]
		sp := startPlan{Plan: p, Href: planPath(p.Slug)}
		if perms.Can(authz.County(p.OwnerSlug), "monitoring", "read") {
			sp.Href, sp.Monitored = planPath(p.Slug)+"/monitoring", true
		}
		g.Plans = append(g.Plans, sp)
	}
	s.render(c, http.StatusOK, "plans", view{Title: "plans.heading", Nav: "plan", Data: groups})
}

// readablePlans lists the plans the signed-in user may read, grouped by
// county office and current first within it.
func (s *Server) readablePlans(c *gin.Context) ([]domain.Plan, error) {
	perms := permissions(c)
	return s.services.Plans.Readable(c.Request.Context(), func(county string) bool {
		return perms.Can(authz.County(county), "plan", "read")
	})
}
