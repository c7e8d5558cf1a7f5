package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
	plansvc "github.com/planwerk/planwerk/internal/service/plan"
	publicsvc "github.com/planwerk/planwerk/internal/service/publicplan"
)

// publicPlanData is a plan's public status page.
type publicPlanData struct {
	Catalogue plansvc.Catalogue
	Status    publicsvc.Status
	// SupersededBy is the adopted version that replaced this one, if any.
	SupersededBy *domain.Plan
	// Licence is the open data's licence, shown with its links.
	Licence string
}

// publicPlan shows what the KI published of a plan: counts per action field
// and measure (and per town, if chosen) and the frozen reports. A plan that
// publishes nothing is not found.
func (s *Server) publicPlan(c *gin.Context) {
	sc, ok := s.publishedPlan(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	st, err := s.services.PublicPlans.Public(ctx, sc.Plan)
	if err != nil {
		s.fail(c, err)
		return
	}
	cat, err := s.services.Plans.Catalogue(ctx, sc.Plan)
	if err != nil {
		s.fail(c, err)
		return
	}
	data := publicPlanData{Catalogue: cat, Status: st, Licence: s.services.Offers.Licence()}
	if next := sc.Successor; next != nil && next.State != domain.PlanDraft {
		data.SupersededBy = next
	}
	s.render(c, http.StatusOK, "public_plan", view{Title: sc.Plan.Title, Data: data})
}

// publicPlanTown shows one town's state of every measure, when the KI
// published the plan per town; otherwise the address does not exist.
func (s *Server) publicPlanTown(c *gin.Context) {
	sc, ok := s.publishedPlan(c)
	if !ok {
		return
	}
	st, err := s.services.PublicPlans.Town(c.Request.Context(), sc.Plan, c.Param("slug"))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "public_plan_town", view{Title: st.Town.Name,
		Crumbs: []crumb{{Label: sc.Plan.Title, Href: planPath(sc.Plan.Slug) + "/oeffentlich"}, {Label: st.Town.Name}},
		Data:   st})
}

// publicReportPDF sends a frozen report of a published plan as PDF.
func (s *Server) publicReportPDF(c *gin.Context) {
	sc, ok := s.publishedPlan(c)
	if !ok {
		return
	}
	if _, err := s.services.PublicPlans.Public(c.Request.Context(), sc.Plan); err != nil {
		s.fail(c, err)
		return
	}
	s.reportPDF(c)
}

// publishedPlan resolves the plan of a public address and keeps it as the
// request's scope.
func (s *Server) publishedPlan(c *gin.Context) (domain.PlanScope, bool) {
	sc, err := s.store.FindScope(c.Request.Context(), c.Param("plan"), "")
	if err != nil {
		s.fail(c, err)
		return sc, false
	}
	c.Set(scopeKey, sc)
	return sc, true
}

// publicationSetting shows the KI what the plan publishes.
func (s *Server) publicationSetting(c *gin.Context) {
	sc := scopeOf(c)
	set, err := s.services.PublicPlans.Setting(c.Request.Context(), sc.Plan)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "plan_publication", view{Title: "publicPlan.setting.title",
		Crumbs: []crumb{{Label: sc.Plan.Title, Href: planPath(sc.Plan.Slug)}, {Label: "publicPlan.setting.title"}},
		Data: struct {
			Setting domain.PlanPublication
			Saved   bool
		}{set, c.Query("gespeichert") == "1"}})
}

// savePublicationSetting sets what the plan publishes.
func (s *Server) savePublicationSetting(c *gin.Context) {
	sc := scopeOf(c)
	set := domain.PlanPublication{Published: c.PostForm("published") == "1", PerTown: c.PostForm("per_town") == "1"}
	if err := s.services.PublicPlans.Save(c.Request.Context(), actorOf(c), sc.Plan, set); err != nil {
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, planPath(sc.Plan.Slug)+"/veroeffentlichung?gespeichert=1")
}
