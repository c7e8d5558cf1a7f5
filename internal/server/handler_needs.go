package server

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// needForm is what the form for a new need sends, kept as typed.
type needForm struct {
	Title       string
	Description string
}

type townNeedsData struct {
	Org    domain.Organisation
	Needs  []domain.Need
	Form   needForm
	Errors map[string]string // translated messages by field
	// Saved is true right after a need was reported.
	Saved bool
}

// townNeeds lists the needs a municipality reported, with the form to report
// another one.
func (s *Server) townNeeds(c *gin.Context) {
	org, err := s.store.FindOrganisationBySlug(c.Request.Context(), c.Param("slug"))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.renderTownNeeds(c, http.StatusOK, townNeedsData{Org: org, Saved: c.Query("gemeldet") == "1"})
}

// createNeed records a need the municipality asks the KI to take up
// county-wide.
func (s *Server) createNeed(c *gin.Context) {
	org, err := s.store.FindOrganisationBySlug(c.Request.Context(), c.Param("slug"))
	if err != nil {
		s.fail(c, err)
		return
	}
	tr := s.translatorFor(c.Request)
	form := needForm{Title: c.PostForm("title"), Description: c.PostForm("description")}
	errs := map[string]string{}
	title, msg := checkText(tr, form.Title, domain.MaxNeedTitleLen, "need.err.titleMissing")
	if msg != "" {
		errs["title"] = msg
	}
	description, msg := checkText(tr, form.Description, domain.MaxNeedDescriptionLen, "")
	if msg != "" {
		errs["description"] = msg
	}
	if len(errs) > 0 {
		s.renderTownNeeds(c, http.StatusUnprocessableEntity, townNeedsData{Org: org, Form: form, Errors: errs})
		return
	}
	acc, _ := account(c)
	if _, err := s.store.CreateNeed(c.Request.Context(), org.ID, &acc.ID, title, description); err != nil {
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/kommunen/"+org.Slug+"/bedarfe?gemeldet=1")
}

func (s *Server) renderTownNeeds(c *gin.Context, status int, d townNeedsData) {
	d.Form = d.Form.echo()
	needs, err := s.store.FindNeeds(c.Request.Context(), d.Org.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	d.Needs = needs
	tr := s.translatorFor(c.Request)
	s.render(c, status, "needs", view{Title: tr.T("need.town.title", "Org", d.Org.Name), Nav: d.Org.Slug,
		Crumbs: []crumb{{Label: d.Org.Name, Href: "/kommunen/" + d.Org.Slug}, {Label: tr.T("need.town.crumb")}},
		Data:   d})
}

type allNeedsData struct {
	Rows     []needRow
	Measures []domain.Measure // county-wide measures of the current plan
	Statuses []domain.NeedStatus
	// Filter is the status listed, "" for all.
	Filter domain.NeedStatus
	// Failed is the change that was refused, with its input and messages.
	Failed *needChangeForm
}

// needRow is a need with the values its form shows: the stored ones, or
// what the KI typed when the change was refused.
type needRow struct {
	domain.Need
	Status, MeasureID string
	Errors            map[string]string
}

// needChangeForm is what the KI sent for one need, kept as typed.
type needChangeForm struct {
	NeedID    int64
	Status    string
	MeasureID string
	Errors    map[string]string
}

// allNeeds lists the needs of every municipality for the KI, oldest first,
// each with a form to link it to a county-wide measure and set its status.
func (s *Server) allNeeds(c *gin.Context) {
	filter := domain.NeedStatus(c.Query("stand"))
	if !filter.Valid() {
		filter = ""
	}
	s.renderAllNeeds(c, http.StatusOK, allNeedsData{Filter: filter})
}

// updateNeed sets a need's status and county-wide measure.
func (s *Server) updateNeed(c *gin.Context) {
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return
	}
	ctx := c.Request.Context()
	tr := s.translatorFor(c.Request)
	form := needChangeForm{NeedID: id, Status: c.PostForm("status"), MeasureID: c.PostForm("measure_id"), Errors: map[string]string{}}
	change := domain.NeedChange{Status: domain.NeedStatus(form.Status)}
	if !change.Status.Valid() {
		form.Errors["status"] = tr.T("need.err.status")
	}
	if form.MeasureID != "" {
		if mid, ok := parseID(form.MeasureID); ok {
			change.MeasureID = &mid
		} else {
			form.Errors["measure_id"] = tr.T("need.err.measure")
		}
	}
	plan, err := s.store.FindCurrentPlan(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	if len(form.Errors) == 0 {
		acc, _ := account(c)
		_, err = s.store.UpdateNeed(ctx, &acc.ID, id, plan.ID, change)
		var de *domain.Error
		switch {
		case err == nil:
			c.Redirect(http.StatusSeeOther, "/bedarfe#bedarf-"+strconv.FormatInt(id, 10))
			return
		case errors.As(err, &de) && de.Code == domain.CodeInvalid && de.Field == "measure_id":
			form.Errors["measure_id"] = tr.T("need.err.measure")
		case errors.As(err, &de) && de.Code == domain.CodeInvalid && de.Field == "status":
			form.Errors["status"] = tr.T("need.err.status")
		default:
			s.fail(c, err)
			return
		}
	}
	s.renderAllNeeds(c, http.StatusUnprocessableEntity, allNeedsData{Failed: &form})
}

func (s *Server) renderAllNeeds(c *gin.Context, status int, d allNeedsData) {
	ctx := c.Request.Context()
	plan, err := s.store.FindCurrentPlan(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	needs, err := s.store.FindAllNeeds(ctx, d.Filter)
	if err != nil {
		s.fail(c, err)
		return
	}
	if d.Failed != nil {
		failed := d.Failed.echo()
		d.Failed = &failed
	}
	d.Rows = needRows(needs, d.Failed)
	if d.Measures, err = s.store.FindCountyMeasures(ctx, plan.ID); err != nil {
		s.fail(c, err)
		return
	}
	d.Statuses = domain.NeedStatuses
	s.render(c, status, "needs_overview", view{Title: "need.all.title", Nav: "bedarfe",
		Crumbs: []crumb{{Label: s.translatorFor(c.Request).T("need.all.title")}}, Data: d})
}

func needRows(needs []domain.Need, failed *needChangeForm) []needRow {
	rows := make([]needRow, len(needs))
	for i, n := range needs {
		r := needRow{Need: n, Status: string(n.Status)}
		if n.MeasureID != nil {
			r.MeasureID = strconv.FormatInt(*n.MeasureID, 10)
		}
		if failed != nil && failed.NeedID == n.ID {
			r.Status, r.MeasureID, r.Errors = failed.Status, failed.MeasureID, failed.Errors
		}
		rows[i] = r
	}
	return rows
}
