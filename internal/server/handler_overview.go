package server

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

type overviewData struct {
	Plan     domain.Plan
	Fields   []domain.ActionField
	Total    domain.Tally
	Measures int
}

// planOverview shows a plan's catalogue with the state of every measure.
func (s *Server) planOverview(c *gin.Context) {
	s.renderOverview(c, c.Request.Context(), scopeOf(c).Plan)
}

// renderOverview shows action fields → goals → measures with the state counts
// over all municipalities: one catalogue query and one aggregate query.
func (s *Server) renderOverview(c *gin.Context, ctx context.Context, plan domain.Plan) {
	fields, err := s.store.FindCatalogue(ctx, plan.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	tallies, err := s.store.TallyByMeasure(ctx, plan.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	data := overviewData{Plan: plan, Fields: fields}
	for fi := range data.Fields {
		f := &data.Fields[fi]
		for gi := range f.Goals {
			g := &f.Goals[gi]
			for mi := range g.Measures {
				m := &g.Measures[mi]
				m.Tally = tallies[m.ID]
				g.Tally.Merge(m.Tally)
				data.Measures++
			}
			f.Tally.Merge(g.Tally)
		}
		data.Total.Merge(f.Tally)
	}
	s.render(c, http.StatusOK, "overview", view{Title: plan.Title, Nav: "plan", Data: data,
		Crumbs: []crumb{{Label: "plans.crumb", Href: "/"}, {Label: plan.Title}}})
}
