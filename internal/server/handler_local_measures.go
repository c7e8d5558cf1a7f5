package server

import (
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
	s.renderLocalMeasure(c, http.StatusOK, localMeasureData{Org: scopeOf(c).Org})
}

// createLocalMeasure adds the measure and the municipality's implementation
// of it, then shows the new implementation.
func (s *Server) createLocalMeasure(c *gin.Context) {
	sc := scopeOf(c)
	form := localMeasureForm{GoalID: c.PostForm("goal_id"), Title: c.PostForm("title"), Description: c.PostForm("description")}
	goalID, _ := parseID(form.GoalID) // 0, no goal, when it is no number
	impl, err := s.services.LocalMeasures.Create(c.Request.Context(), actorOf(c), sc.Org, sc.Plan,
		domain.NewLocalMeasure{GoalID: goalID, Title: form.Title, Description: form.Description})
	if err == nil {
		c.Redirect(http.StatusSeeOther, implementationPath(sc, impl.ID))
		return
	}
	r, ok := s.refusalOf(c, err, "localMeasure.err.summary", "localMeasure.err.summary")
	if !ok {
		s.fail(c, err)
		return
	}
	s.renderLocalMeasure(c, r.Status, localMeasureData{Org: sc.Org, Form: form, Errors: r.Fields})
}

func (s *Server) renderLocalMeasure(c *gin.Context, status int, d localMeasureData) {
	d.Form = d.Form.echo()
	var err error
	d.Plan = scopeOf(c).Plan
	if d.Fields, err = s.services.LocalMeasures.Goals(c.Request.Context(), d.Org, d.Plan); err != nil {
		s.fail(c, err)
		return
	}
	tr := s.translatorFor(c.Request)
	s.render(c, status, "local_measure", view{Title: tr.T("localMeasure.title", "Org", d.Org.Name), Nav: d.Org.Slug,
		Crumbs: []crumb{{Label: d.Org.Name, Href: townPath(scopeOf(c).Plan.Slug, d.Org.Slug)}, {Label: tr.T("localMeasure.crumb")}},
		Data:   d})
}
