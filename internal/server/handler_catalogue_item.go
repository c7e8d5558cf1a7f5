package server

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// catalogueForm is what the form of an action field, goal or measure sends, kept as typed.
type catalogueForm struct {
	ParentID    string
	Code        string
	Title       string
	Description string
	Scope       string
}

type catalogueItemData struct {
	Level   domain.CatalogueLevel
	Segment string // the level in the address
	ID      int64  // 0 for a new item
	Retired bool
	Form    catalogueForm
	Errors  map[string]string
	// Parents are the current items the item may be placed under: the
	// action fields for a goal, the goals (grouped by field) for a measure.
	Parents []domain.CatalogueEntry
}

// newCatalogueItem shows the empty form of a new item; ?unter= preselects
// the action field or goal it goes under.
func (s *Server) newCatalogueItem(c *gin.Context) {
	l, known := levelOfSegment[c.Param("level")]
	if !known {
		s.notFound(c)
		return
	}
	form := catalogueForm{ParentID: c.Query("unter"), Scope: string(domain.ScopeMunicipal)}
	s.renderCatalogueItem(c, http.StatusOK, catalogueItemData{Level: l, Form: form})
}

// editCatalogueItem shows the form of an existing item.
func (s *Server) editCatalogueItem(c *gin.Context) {
	l, id, ok := s.catalogueTarget(c)
	if !ok {
		return
	}
	it, retired, err := s.services.Catalogue.Item(c.Request.Context(), scopeOf(c).Plan, l, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	form := catalogueForm{Code: it.Code, Title: it.Title, Description: it.Description, Scope: string(it.Scope)}
	if it.ParentID != 0 {
		form.ParentID = strconv.FormatInt(it.ParentID, 10)
	}
	s.renderCatalogueItem(c, http.StatusOK, catalogueItemData{Level: l, ID: id, Retired: retired, Form: form})
}

// createCatalogueItem and saveCatalogueItem write the form and go back to
// the item in the editor.
func (s *Server) createCatalogueItem(c *gin.Context) {
	l, known := levelOfSegment[c.Param("level")]
	if !known {
		s.notFound(c)
		return
	}
	s.writeCatalogueItem(c, l, 0)
}

func (s *Server) saveCatalogueItem(c *gin.Context) {
	l, id, ok := s.catalogueTarget(c)
	if ok {
		s.writeCatalogueItem(c, l, id)
	}
}

func (s *Server) writeCatalogueItem(c *gin.Context, l domain.CatalogueLevel, id int64) {
	sc := scopeOf(c)
	form := catalogueForm{ParentID: c.PostForm("parent_id"), Code: c.PostForm("code"), Title: c.PostForm("title"),
		Description: c.PostForm("description"), Scope: c.PostForm("scope")}
	parent, _ := parseID(form.ParentID) // 0, no parent, when it is no number
	it := domain.CatalogueItem{Level: l, ID: id, ParentID: parent, Code: form.Code, Title: form.Title,
		Description: form.Description, Scope: domain.Scope(form.Scope)}
	saved, err := s.services.Catalogue.Save(c.Request.Context(), actorOf(c), sc.Plan, it)
	if err == nil {
		notice := map[bool]string{true: "angelegt", false: "gespeichert"}[id == 0]
		c.Redirect(http.StatusSeeOther, cataloguePath(sc.Plan.Slug)+"?"+paramSaved+"="+notice+"#"+catalogueAnchor(l, saved))
		return
	}
	r, ok := s.refusalOf(c, err, "catalogue.err.summary", "catalogue.err.summary")
	if !ok {
		s.fail(c, err)
		return
	}
	s.renderCatalogueItem(c, r.Status, catalogueItemData{Level: l, ID: id, Form: form, Errors: r.Fields})
}

func (s *Server) renderCatalogueItem(c *gin.Context, status int, d catalogueItemData) {
	sc := scopeOf(c)
	d.Segment = segmentOfLevel[d.Level]
	if d.Level != domain.LevelField {
		tree, err := s.services.Catalogue.Tree(c.Request.Context(), sc.Plan)
		if err != nil {
			s.fail(c, err)
			return
		}
		d.Parents = currentOnly(tree)
	}
	title := "catalogue.form.new." + string(d.Level)
	if d.ID != 0 {
		title = "catalogue.form.edit." + string(d.Level)
	}
	s.render(c, status, "catalogue_item", view{Title: title, Nav: "plan",
		Crumbs: []crumb{{Label: sc.Plan.Title, Href: planPath(sc.Plan.Slug)},
			{Label: "catalogue.title", Href: cataloguePath(sc.Plan.Slug)}, {Label: title}}, Data: d})
}

// currentOnly keeps the action fields and goals that are part of the
// catalogue: nothing new goes under a retired one.
func currentOnly(tree []domain.CatalogueEntry) []domain.CatalogueEntry {
	var out []domain.CatalogueEntry
	for _, f := range tree {
		if f.Retired() {
			continue
		}
		g := f
		g.Children = nil
		for _, goal := range f.Children {
			if !goal.Retired() {
				goal.Children = nil
				g.Children = append(g.Children, goal)
			}
		}
		out = append(out, g)
	}
	return out
}
