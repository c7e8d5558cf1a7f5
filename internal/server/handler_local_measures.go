package server

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// localMeasureForm is what the form for a local measure sends, kept as typed.
type localMeasureForm struct {
	GoalID      string
	Title       string
	Description string
}

type localMeasureData struct {
	Org    domain.Organisation
	Plan   domain.Plan
	Fields []domain.ActionField // the plan's action fields with their goals
	Form   localMeasureForm
	Errors map[string]string // translated messages by field
}

// newLocalMeasure shows the form for a measure of the municipality's own
// under a goal of the current plan.
func (s *Server) newLocalMeasure(c *gin.Context) {
	org, ok := s.localMeasureOrg(c)
	if !ok {
		return
	}
	s.renderLocalMeasure(c, http.StatusOK, localMeasureData{Org: org})
}

// createLocalMeasure adds the measure and the municipality's implementation
// of it, then shows the new implementation.
func (s *Server) createLocalMeasure(c *gin.Context) {
	org, ok := s.localMeasureOrg(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	tr := s.translatorFor(c.Request)
	form := localMeasureForm{GoalID: c.PostForm("goal_id"), Title: c.PostForm("title"), Description: c.PostForm("description")}
	errs := map[string]string{}
	goalID, ok := parseID(form.GoalID)
	if !ok {
		errs["goal_id"] = tr.T("localMeasure.err.goal")
	}
	title, msg := checkText(tr, form.Title, domain.MaxMeasureTitleLen, "localMeasure.err.titleMissing")
	if msg != "" {
		errs["title"] = msg
	}
	description, msg := checkText(tr, form.Description, domain.MaxMeasureDescriptionLen, "")
	if msg != "" {
		errs["description"] = msg
	}
	plan := scopeOf(c).Plan
	if len(errs) == 0 {
		acc, _ := account(c)
		impl, err := s.store.CreateLocalMeasure(ctx, org.ID, plan.ID, &acc.ID,
			domain.NewLocalMeasure{GoalID: goalID, Title: title, Description: description})
		var de *domain.Error
		switch {
		case err == nil:
			c.Redirect(http.StatusSeeOther, implementationPath(scopeOf(c), impl.ID))
			return
		case errors.As(err, &de) && de.Code == domain.CodeInvalid && de.Field == "goal_id":
			errs["goal_id"] = tr.T("localMeasure.err.goal")
		default:
			s.fail(c, err)
			return
		}
	}
	s.renderLocalMeasure(c, http.StatusUnprocessableEntity, localMeasureData{Org: org, Plan: plan, Form: form, Errors: errs})
}

// localMeasureOrg is the scope's organisation when it is a municipality; the
// county office carries county-wide measures, not local ones.
func (s *Server) localMeasureOrg(c *gin.Context) (domain.Organisation, bool) {
	org := scopeOf(c).Org
	if org.Kind != domain.OrgMunicipality {
		s.notFound(c)
		return org, false
	}
	return org, true
}

func (s *Server) renderLocalMeasure(c *gin.Context, status int, d localMeasureData) {
	d.Form = d.Form.echo()
	ctx := c.Request.Context()
	var err error
	d.Plan = scopeOf(c).Plan
	if d.Fields, err = s.store.FindCatalogue(ctx, d.Plan.ID); err != nil {
		s.fail(c, err)
		return
	}
	tr := s.translatorFor(c.Request)
	s.render(c, status, "local_measure", view{Title: tr.T("localMeasure.title", "Org", d.Org.Name), Nav: d.Org.Slug,
		Crumbs: []crumb{{Label: d.Org.Name, Href: townPath(scopeOf(c).Plan.Slug, d.Org.Slug)}, {Label: tr.T("localMeasure.crumb")}},
		Data:   d})
}
