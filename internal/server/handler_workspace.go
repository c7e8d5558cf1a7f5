package server

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

type workspaceField struct {
	Code, Title string
	Items       []domain.WorkspaceItem
}

type workspaceData struct {
	Org            domain.Organisation
	Plan           domain.Plan
	Items          []domain.WorkspaceItem
	Fields         []workspaceField
	Tally          domain.Tally
	Overdue, Stale int
	Today          time.Time
}

// workspace shows a municipality's implementations grouped by action field.
func (s *Server) workspace(c *gin.Context) {
	ctx := c.Request.Context()
	org, err := s.store.FindOrganisationBySlug(ctx, c.Param("slug"))
	if err != nil {
		s.fail(c, err)
		return
	}
	plan, err := s.store.FindCurrentPlan(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	items, err := s.store.FindWorkspace(ctx, org.ID, plan.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	data := summarise(org, plan, items, s.opts.Now())
	s.render(c, http.StatusOK, "workspace", view{
		Title: org.Name, Nav: "kommunen",
		Crumbs: []crumb{{Label: "Kommunen", Href: "/kommunen"}, {Label: org.Name}},
		Data:   data,
	})
}

// summarise groups the items (already in catalogue order) by action field and
// counts states, overdue and stale implementations.
func summarise(org domain.Organisation, plan domain.Plan, items []domain.WorkspaceItem, today time.Time) workspaceData {
	d := workspaceData{Org: org, Plan: plan, Items: items, Today: today}
	for _, it := range items {
		if len(d.Fields) == 0 || d.Fields[len(d.Fields)-1].Code != it.FieldCode {
			d.Fields = append(d.Fields, workspaceField{Code: it.FieldCode, Title: it.FieldTitle})
		}
		f := &d.Fields[len(d.Fields)-1]
		f.Items = append(f.Items, it)
		d.Tally.Add(it.Relevance, it.Status, 1)
		if it.Overdue(today) {
			d.Overdue++
		}
		if it.Stale(today, plan.UpdateIntervalDays) {
			d.Stale++
		}
	}
	return d
}
