package server

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// The catalogue editor's addresses name the level in German, as every
// other address does.
var levelOfSegment = map[string]domain.CatalogueLevel{
	"handlungsfelder": domain.LevelField,
	"ziele":           domain.LevelGoal,
	"massnahmen":      domain.LevelMeasure,
}

var segmentOfLevel = map[domain.CatalogueLevel]string{
	domain.LevelField:   "handlungsfelder",
	domain.LevelGoal:    "ziele",
	domain.LevelMeasure: "massnahmen",
}

// cataloguePath is the editor's address within plan.
func cataloguePath(plan string) string { return planPath(plan) + "/katalog" }

// catalogueItemPath is the address of one item's form.
func catalogueItemPath(plan string, l domain.CatalogueLevel, id int64) string {
	return cataloguePath(plan) + "/" + segmentOfLevel[l] + "/" + strconv.FormatInt(id, 10)
}

// catalogueAnchor is the id of an item's entry in the editor, where a move
// or a retirement brings the user back to.
func catalogueAnchor(l domain.CatalogueLevel, id int64) string {
	return "eintrag-" + segmentOfLevel[l] + "-" + strconv.FormatInt(id, 10)
}

// catalogueNotices are the confirmations the editor shows, by ?gespeichert=.
var catalogueNotices = map[string]string{
	"angelegt":          "catalogue.saved.created",
	"gespeichert":       "catalogue.saved.updated",
	"verschoben":        "catalogue.saved.moved",
	"entfallen":         "catalogue.saved.retired",
	"wiederaufgenommen": "catalogue.saved.restored",
	"importiert":        "catalogue.saved.imported",
}

type catalogueData struct {
	Fields []catalogueNode
	Notice string // message id of the confirmation, "" for none
	Error  string // translated refusal of a move or retirement
}

// catalogueEditor shows the plan's catalogue with the KI's actions on each item.
func (s *Server) catalogueEditor(c *gin.Context) {
	s.renderCatalogue(c, http.StatusOK, "")
}

func (s *Server) renderCatalogue(c *gin.Context, status int, refusal string) {
	sc := scopeOf(c)
	fields, err := s.services.Catalogue.Tree(c.Request.Context(), sc.Plan)
	if err != nil {
		s.fail(c, err)
		return
	}
	d := catalogueData{Fields: catalogueNodes(fields), Notice: catalogueNotices[c.Query(paramSaved)], Error: refusal}
	s.render(c, status, "catalogue", view{Title: "catalogue.title", Nav: "plan",
		Crumbs: []crumb{{Label: sc.Plan.Title, Href: planPath(sc.Plan.Slug)}, {Label: "catalogue.title"}}, Data: d})
}

// catalogueHistory lists the latest changes of the catalogue.
func (s *Server) catalogueHistory(c *gin.Context) {
	sc := scopeOf(c)
	events, err := s.services.Catalogue.History(c.Request.Context(), sc.Plan)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "catalogue_history", view{Title: "catalogue.history.title", Nav: "plan",
		Crumbs: []crumb{{Label: sc.Plan.Title, Href: planPath(sc.Plan.Slug)},
			{Label: "catalogue.title", Href: cataloguePath(sc.Plan.Slug)}, {Label: "catalogue.history.title"}},
		Data: events})
}

// moveCatalogueItem moves an item one place up or down (richtung=hoch|runter):
// buttons, so that the order is changed with the keyboard as with the mouse.
func (s *Server) moveCatalogueItem(c *gin.Context) {
	l, id, ok := s.catalogueTarget(c)
	if !ok {
		return
	}
	dir := map[string]domain.Direction{"hoch": domain.Up, "runter": domain.Down}[c.PostForm("richtung")]
	if dir == 0 {
		s.renderError(c, http.StatusBadRequest, "catalogue.err.direction")
		return
	}
	sc := scopeOf(c)
	err := s.services.Catalogue.Move(c.Request.Context(), actorOf(c), sc.Plan, l, id, dir)
	s.afterCatalogueAction(c, err, "verschoben", l, id)
}

// retireCatalogueItem takes an item out of the catalogue, or back into it.
func (s *Server) retireCatalogueItem(retired bool) gin.HandlerFunc {
	notice := map[bool]string{true: "entfallen", false: "wiederaufgenommen"}[retired]
	return func(c *gin.Context) {
		l, id, ok := s.catalogueTarget(c)
		if !ok {
			return
		}
		sc := scopeOf(c)
		err := s.services.Catalogue.SetRetired(c.Request.Context(), actorOf(c), sc.Plan, l, id, retired)
		s.afterCatalogueAction(c, err, notice, l, id)
	}
}

// afterCatalogueAction sends the user back to the item in the editor, or
// shows the editor with the refusal.
func (s *Server) afterCatalogueAction(c *gin.Context, err error, notice string, l domain.CatalogueLevel, id int64) {
	sc := scopeOf(c)
	if err == nil {
		c.Redirect(http.StatusSeeOther, cataloguePath(sc.Plan.Slug)+"?"+paramSaved+"="+notice+"#"+catalogueAnchor(l, id))
		return
	}
	r, ok := s.refusalOf(c, err, "catalogue.err.summary", "catalogue.err.summary")
	if !ok {
		s.fail(c, err)
		return
	}
	msg := r.Summary
	for _, m := range r.Fields {
		msg = m
	}
	s.renderCatalogue(c, r.Status, msg)
}

// catalogueTarget reads the level and id of the address; anything else is
// no page (404).
func (s *Server) catalogueTarget(c *gin.Context) (domain.CatalogueLevel, int64, bool) {
	l, known := levelOfSegment[c.Param("level")]
	id, valid := parseID(c.Param("id"))
	if !known || !valid {
		s.notFound(c)
		return "", 0, false
	}
	return l, id, true
}
