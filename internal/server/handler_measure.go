package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

type measureData struct {
	Measure         domain.MeasureContext
	Implementations []domain.MunicipalImplementation
	Tally           domain.Tally
	Colours         map[string]string
	Today           time.Time
}

// measure shows every organisation's implementation of one measure.
func (s *Server) measure(c *gin.Context) {
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return
	}
	page, err := s.services.Plans.Measure(c.Request.Context(), scopeOf(c).Plan, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	m := page.Measure
	data := measureData{Measure: m, Implementations: page.Implementations, Tally: page.Tally,
		Colours: m.PlanColours, Today: s.opts.Now()}
	// The title carries the measure's code, so it is translated here; the
	// renderer leaves text that is not a message id as it is.
	title := s.translatorFor(c.Request).T("measure.title", "Code", m.Code)
	s.render(c, http.StatusOK, "measure", view{
		Title: title, Nav: "plan",
		Crumbs: []crumb{{Label: m.PlanTitle, Href: planPath(m.PlanSlug)}, {Label: title}},
		Data:   data,
	})
}

// parseID accepts only positive decimal ids, so "abc", "-1" or "1e3" are a
// plain 404 rather than a database error.
func parseID(s string) (int64, bool) {
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}

// idAndVersion reads the record id from the path and the version the form was
// loaded at: an id that is no id answers 404, a form without a version 400
// with the message incompleteKey. ok false means the answer is given.
func (s *Server) idAndVersion(c *gin.Context, incompleteKey string) (id int64, version int, ok bool) {
	if id, ok = parseID(c.Param("id")); !ok {
		s.notFound(c)
		return 0, 0, false
	}
	version, err := strconv.Atoi(c.PostForm("version"))
	if err != nil {
		s.renderError(c, http.StatusBadRequest, incompleteKey)
		return 0, 0, false
	}
	return id, version, true
}
