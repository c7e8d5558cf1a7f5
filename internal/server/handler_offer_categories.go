package server

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// categoryForm is a theme's form as typed; validation sees it whole, the
// page shows it again cut to what the fields hold (echo).
type categoryForm struct {
	LabelDE, LabelEN, Position string
	Hidden                     bool
	Version                    int
}

func readCategoryForm(c *gin.Context) categoryForm {
	version, _ := strconv.Atoi(c.PostForm("version"))
	return categoryForm{LabelDE: c.PostForm("label_de"), LabelEN: c.PostForm("label_en"),
		Position: c.PostForm("position"), Hidden: c.PostForm("hidden") == "1", Version: version}
}

func (f categoryForm) echo() categoryForm {
	f.LabelDE = echo(f.LabelDE, domain.MaxOfferCategoryLabelLen)
	f.LabelEN = echo(f.LabelEN, domain.MaxOfferCategoryLabelLen)
	f.Position = echo(f.Position, maxNumberEcho)
	return f
}

// fields are the form's values for the use case; a position that is not a
// number is sent as -1, which the theme rules refuse at its field.
func (f categoryForm) fields() domain.OfferCategoryFields {
	pos := 0
	if f.Position != "" {
		var err error
		if pos, err = strconv.Atoi(f.Position); err != nil {
			pos = -1
		}
	}
	return domain.OfferCategoryFields{LabelDE: f.LabelDE, LabelEN: f.LabelEN, Position: pos, Hidden: f.Hidden}
}

func categoryFormOf(k domain.OfferCategory) categoryForm {
	return categoryForm{LabelDE: k.LabelDE, LabelEN: k.LabelEN, Position: strconv.Itoa(k.Position), Hidden: k.Hidden,
		Version: k.Version}
}

// categoriesData is the themes page: the county's themes and the form for
// a new one.
type categoriesData struct {
	Categories domain.OfferCategoryList
	Form       categoryForm
	Errors     map[string]string
	Summary    string
	// Saved names the theme just added or changed.
	Saved string
}

// categoryData is the form of one theme.
type categoryData struct {
	Category  domain.OfferCategory
	Positions []int
	Form      categoryForm
	Errors    map[string]string
	Summary   string
	Conflict  bool
}

// Input describes a text input of a theme's form.
func (d categoriesData) Input(v view, name string) offerInput {
	return categoryInput(v, d.Form, d.Errors, name)
}

// Input describes a text input of a theme's form.
func (d categoryData) Input(v view, name string) offerInput {
	return categoryInput(v, d.Form, d.Errors, name)
}

func categoryInput(v view, f categoryForm, errs map[string]string, name string) offerInput {
	value := f.LabelDE
	if name == "label_en" {
		value = f.LabelEN
	}
	return offerInput{V: v, Name: name, Kind: "text", Value: value, Error: errs[name],
		Max: domain.MaxOfferCategoryLabelLen, Optional: name == "label_en"}
}

func categoriesPath(plan string) string { return planPath(plan) + "/angebotsthemen" }

// offerCategories shows the county's themes of offers to the KI.
func (s *Server) offerCategories(c *gin.Context) {
	d := categoriesData{}
	if code := c.Query("gespeichert"); code != "" {
		if k, err := s.services.Offers.Category(c.Request.Context(), scopeOf(c), code); err == nil {
			d.Saved = k.Label(s.translatorFor(c.Request).Lang())
		}
	}
	s.renderCategories(c, http.StatusOK, d)
}

// createOfferCategory adds a theme.
func (s *Server) createOfferCategory(c *gin.Context) {
	sc := scopeOf(c)
	form := readCategoryForm(c)
	k, err := s.services.Offers.CreateCategory(c.Request.Context(), actorOf(c), sc, form.fields())
	if err == nil {
		c.Redirect(http.StatusSeeOther, categoriesPath(sc.Plan.Slug)+"?gespeichert="+url.QueryEscape(k.Code))
		return
	}
	r, ok := s.refusalOf(c, err, "offerCategory.err.summary", "offerCategory.err.stale")
	if !ok {
		s.fail(c, err)
		return
	}
	s.renderCategories(c, r.Status, categoriesData{Form: form, Errors: r.Fields, Summary: r.Summary})
}

func (s *Server) renderCategories(c *gin.Context, status int, d categoriesData) {
	sc := scopeOf(c)
	d.Form = d.Form.echo()
	var err error
	if d.Categories, err = s.services.Offers.Categories(c.Request.Context(), sc); err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, status, "offer_categories", view{Title: "offerCategory.title",
		Crumbs: []crumb{{Label: sc.Plan.Title, Href: planPath(sc.Plan.Slug)}, {Label: "offerCategory.title"}}, Data: d})
}

// offerCategory shows the form of one theme.
func (s *Server) offerCategory(c *gin.Context) {
	k, err := s.services.Offers.Category(c.Request.Context(), scopeOf(c), c.Param("code"))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.renderCategory(c, http.StatusOK, categoryData{Category: k, Form: categoryFormOf(k)})
}

// saveOfferCategory renames, moves, hides or shows a theme.
func (s *Server) saveOfferCategory(c *gin.Context) {
	sc := scopeOf(c)
	ctx := c.Request.Context()
	form := readCategoryForm(c)
	k, err := s.services.Offers.UpdateCategory(ctx, actorOf(c), sc, c.Param("code"), form.Version, form.fields())
	if err == nil {
		c.Redirect(http.StatusSeeOther, categoriesPath(sc.Plan.Slug)+"?gespeichert="+url.QueryEscape(k.Code))
		return
	}
	r, ok := s.refusalOf(c, err, "offerCategory.err.summary", "offerCategory.err.stale")
	if !ok {
		s.fail(c, err)
		return
	}
	current, err := s.services.Offers.Category(ctx, sc, c.Param("code"))
	if err != nil {
		s.fail(c, err)
		return
	}
	// After a conflict the form keeps what was typed, shows beside it what
	// is saved now, and takes the saved version: sending again overrides.
	if r.Stale {
		form.Version = current.Version
	}
	s.renderCategory(c, r.Status, categoryData{Category: current, Form: form, Errors: r.Fields, Summary: r.Summary,
		Conflict: r.Stale})
}

func (s *Server) renderCategory(c *gin.Context, status int, d categoryData) {
	sc := scopeOf(c)
	d.Form = d.Form.echo()
	all, err := s.services.Offers.Categories(c.Request.Context(), sc)
	if err != nil {
		s.fail(c, err)
		return
	}
	for i := range all {
		d.Positions = append(d.Positions, i+1)
	}
	label := d.Category.Label(s.translatorFor(c.Request).Lang())
	s.render(c, status, "offer_category", view{Title: label,
		Crumbs: []crumb{{Label: sc.Plan.Title, Href: planPath(sc.Plan.Slug)},
			{Label: "offerCategory.title", Href: categoriesPath(sc.Plan.Slug)}, {Label: label}}, Data: d})
}
