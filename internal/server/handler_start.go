package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// Start pages: "/" leads every role to its work (domain.StartOptions) — a
// coordinator to the town's to-do view, the KI to the monitoring, the
// committee to the reports, the administration to the users. Someone with
// several roles chooses once on startPath; the choice is saved with the user
// and can be changed from the header. The list of plans stays at plansPath.
const (
	startPath = "/start"
	plansPath = "/plaene"
)

// startChoice is the choice page: every start the user's roles offer and
// the one they chose.
type startChoice struct {
	Options []domain.StartOption
	Current string
	Error   string
}

// start sends the user to the start page of their role, asks which one when
// they have several and did not choose, and falls back to the list of plans
// when the role's county has no plan yet.
func (s *Server) start(c *gin.Context) {
	acc, _ := account(c)
	options := domain.StartOptions(acc.Memberships)
	o, ok := domain.ChooseStart(options, acc.StartPage)
	if !ok {
		if len(options) > 1 {
			s.renderStartChoice(c, http.StatusOK, "")
			return
		}
		s.plans(c)
		return
	}
	target, err := s.startTarget(c, o)
	if err != nil {
		s.fail(c, err)
		return
	}
	if target == "" {
		s.plans(c)
		return
	}
	c.Redirect(http.StatusSeeOther, target)
}

// startTarget is the address an option leads to: within the current plan of
// its county ("" when the county has none the user may read).
func (s *Server) startTarget(c *gin.Context, o domain.StartOption) (string, error) {
	if o.Kind == domain.StartUsers {
		return "/verwaltung/benutzer", nil
	}
	plans, err := s.readablePlans(c)
	if err != nil {
		return "", err
	}
	for _, p := range plans { // current plan of each county first
		if p.OwnerSlug != o.CountySlug {
			continue
		}
		switch o.Kind {
		case domain.StartWorkspace:
			return townPath(p.Slug, o.OrgSlug) + "?" + paramView + "=" + viewTodo, nil
		case domain.StartMonitoring:
			return planPath(p.Slug) + "/monitoring", nil
		default:
			return planPath(p.Slug) + "/berichte", nil
		}
	}
	return "", nil
}

// startChoicePage shows the choice of start page.
func (s *Server) startChoicePage(c *gin.Context) {
	s.renderStartChoice(c, http.StatusOK, "")
}

// chooseStart saves the chosen start page and goes there.
func (s *Server) chooseStart(c *gin.Context) {
	acc, _ := account(c)
	if _, err := s.services.StartPages.Choose(c.Request.Context(), acc, c.PostForm("start")); err != nil {
		if domain.ErrorCode(err) == domain.CodeInvalid {
			s.renderStartChoice(c, http.StatusUnprocessableEntity, domain.ErrorKey(err))
			return
		}
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/")
}

func (s *Server) renderStartChoice(c *gin.Context, status int, errKey string) {
	acc, _ := account(c)
	s.render(c, status, "start", view{Title: "start.heading", Nav: "start", Data: startChoice{
		Options: domain.StartOptions(acc.Memberships), Current: acc.StartPage, Error: errKey}})
}

// ChoosesStart reports whether the user has several start pages to choose
// from, so the header offers the choice.
func (v view) ChoosesStart() bool { return len(domain.StartOptions(v.Account.Memberships)) > 1 }

// PlansLink is where the navigation's "Plan" leads: the page's plan, or the
// list of plans outside one (no longer "/", which leads to the user's work).
func (v view) PlansLink() string {
	if v.Scope.Plan.ID != 0 {
		return v.PlanPath()
	}
	return plansPath
}
