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
	Plans  []domain.Plan
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
	var groups []countyPlans
	for _, p := range plans {
		if len(groups) == 0 || groups[len(groups)-1].County != p.OwnerName {
			groups = append(groups, countyPlans{County: p.OwnerName})
		}
		g := &groups[len(groups)-1]
		g.Plans = append(g.Plans, p)
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
