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
	org := scopeOf(c).Org
	s.renderTownNeeds(c, http.StatusOK, townNeedsData{Org: org, Saved: c.Query("gemeldet") == "1"})
}

// createNeed records a need the municipality asks the KI to take up
// county-wide.
func (s *Server) createNeed(c *gin.Context) {
	org := scopeOf(c).Org
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
	c.Redirect(http.StatusSeeOther, townPath(scopeOf(c).Plan.Slug, org.Slug)+"/bedarfe?gemeldet=1")
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
		Crumbs: []crumb{{Label: d.Org.Name, Href: townPath(scopeOf(c).Plan.Slug, d.Org.Slug)}, {Label: tr.T("need.town.crumb")}},
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
	// FormVersion is the version the form saves from: the stored one, also
	// after a conflict, so that saving again deliberately replaces it.
	FormVersion int
	Errors      map[string]string
	// Conflict is true when someone else saved meanwhile; Differences then
	// lists where the KI's input differs from the stored values.
	Conflict    bool
	Differences []difference
}

// needChangeForm is what the KI sent for one need, kept as typed.
type needChangeForm struct {
	NeedID    int64
	Status    string
	MeasureID string
	Errors    map[string]string
	// Conflict is true when the save started from an older version.
	Conflict bool
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

// updateNeed sets a need's status and county-wide measure, provided nobody
// saved in between (optimistic locking on version, as for implementations).
func (s *Server) updateNeed(c *gin.Context) {
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return
	}
	version, convErr := strconv.Atoi(c.PostForm("version"))
	if convErr != nil {
		s.renderError(c, http.StatusBadRequest, "need.err.formIncomplete")
		return
	}
	ctx := c.Request.Context()
	tr := s.translatorFor(c.Request)
	form, change := readNeedChange(tr, c, id)
	plan := scopeOf(c).Plan
	status := http.StatusUnprocessableEntity
	if len(form.Errors) == 0 {
		acc, _ := account(c)
		_, err := s.store.UpdateNeed(ctx, &acc.ID, id, plan.ID, version, change)
		var de *domain.Error
		switch {
		case err == nil:
			c.Redirect(http.StatusSeeOther, planPath(plan.Slug)+"/bedarfe#bedarf-"+strconv.FormatInt(id, 10))
			return
		case errors.Is(err, domain.ErrStaleVersion):
			form.Conflict, status = true, http.StatusConflict
		case errors.As(err, &de) && de.Code == domain.CodeInvalid && de.Field == "measure_id":
			form.Errors["measure_id"] = tr.T("need.err.measure")
		case errors.As(err, &de) && de.Code == domain.CodeInvalid && de.Field == "status":
			form.Errors["status"] = tr.T("need.err.status")
		default:
			s.fail(c, err)
			return
		}
	}
	s.renderAllNeeds(c, status, allNeedsData{Failed: &form})
}

// readNeedChange reads the KI's form for one need, with a message for each
// field that cannot be taken as it is.
func readNeedChange(tr translator, c *gin.Context, id int64) (needChangeForm, domain.NeedChange) {
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
	return form, change
}

func (s *Server) renderAllNeeds(c *gin.Context, status int, d allNeedsData) {
	ctx := c.Request.Context()
	plan := scopeOf(c).Plan
	needs, err := s.store.FindAllNeeds(ctx, plan.OwnerID, d.Filter)
	if err != nil {
		s.fail(c, err)
		return
	}
	if d.Failed != nil {
		failed := d.Failed.echo()
		d.Failed = &failed
	}
	if d.Measures, err = s.store.FindCountyMeasures(ctx, plan.ID); err != nil {
		s.fail(c, err)
		return
	}
	d.Rows = needRows(s.translatorFor(c.Request), needs, d.Measures, d.Failed)
	d.Statuses = domain.NeedStatuses
	s.render(c, status, "needs_overview", view{Title: "need.all.title", Nav: "bedarfe",
		Crumbs: []crumb{{Label: s.translatorFor(c.Request).T("need.all.title")}}, Data: d})
}

func needRows(t translator, needs []domain.Need, measures []domain.Measure, failed *needChangeForm) []needRow {
	rows := make([]needRow, len(needs))
	for i, n := range needs {
		r := needRow{Need: n, Status: string(n.Status), MeasureID: idText(n.MeasureID), FormVersion: n.Version}
		if failed != nil && failed.NeedID == n.ID {
			r.Status, r.MeasureID, r.Errors, r.Conflict = failed.Status, failed.MeasureID, failed.Errors, failed.Conflict
			if failed.Conflict {
				r.Differences = needDifferences(t, *failed, n, measures)
			}
		}
		rows[i] = r
	}
	return rows
}

// needDifferences compares the KI's refused input with the need as someone
// else saved it meanwhile.
func needDifferences(t translator, f needChangeForm, theirs domain.Need, measures []domain.Measure) []difference {
	status := func(s string) string {
		if !domain.NeedStatus(s).Valid() {
			return orDash(s)
		}
		return t.T("need.status." + s)
	}
	measure := func(id string) string {
		for _, m := range measures {
			if strconv.FormatInt(m.ID, 10) == id {
				return m.Code + " " + m.Title
			}
		}
		return orDash(id)
	}
	var out differences
	out.add("status", t.T("need.field.status"), f.Status, string(theirs.Status), status)
	out.add("measure_id", t.T("need.field.measure"), f.MeasureID, idText(theirs.MeasureID), measure)
	return out
}

// idText is an optional id as a form sends it: "" for none.
func idText(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}
