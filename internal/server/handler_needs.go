package server

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
	needsvc "github.com/planwerk/planwerk/internal/service/need"
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
	sc := scopeOf(c)
	form := needForm{Title: c.PostForm("title"), Description: c.PostForm("description")}
	_, err := s.services.Needs.Report(c.Request.Context(), actorOf(c), sc.Org,
		needsvc.Report{Title: form.Title, Description: form.Description})
	if err == nil {
		c.Redirect(http.StatusSeeOther, townPath(sc.Plan.Slug, sc.Org.Slug)+"/bedarfe?gemeldet=1")
		return
	}
	r, ok := s.refusalOf(c, err, "need.err.summary", "need.err.notSaved")
	if !ok {
		s.fail(c, err)
		return
	}
	s.renderTownNeeds(c, r.Status, townNeedsData{Org: sc.Org, Form: form, Errors: r.Fields})
}

func (s *Server) renderTownNeeds(c *gin.Context, status int, d townNeedsData) {
	d.Form = d.Form.echo()
	needs, err := s.services.Needs.OfTown(c.Request.Context(), d.Org)
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
	s.renderAllNeeds(c, http.StatusOK, allNeedsData{Filter: domain.NeedStatus(c.Query("stand"))})
}

// updateNeed sets a need's status and county-wide measure, provided nobody
// saved in between (optimistic locking on version, as for implementations).
func (s *Server) updateNeed(c *gin.Context) {
	id, version, ok := s.idAndVersion(c, "need.err.formIncomplete")
	if !ok {
		return
	}
	form := needChangeForm{NeedID: id, Status: c.PostForm("status"), MeasureID: c.PostForm("measure_id")}
	update := needsvc.Update{NeedID: id, Version: version, Status: domain.NeedStatus(form.Status)}
	if form.MeasureID != "" {
		// An id no measure has (0) when it is no number: the service refuses
		// it like any measure that is not the plan's.
		mid, _ := parseID(form.MeasureID)
		update.MeasureID = &mid
	}
	plan := scopeOf(c).Plan
	_, err := s.services.Needs.Update(c.Request.Context(), actorOf(c), plan, update)
	if err == nil {
		c.Redirect(http.StatusSeeOther, planPath(plan.Slug)+"/bedarfe#bedarf-"+strconv.FormatInt(id, 10))
		return
	}
	r, ok := s.refusalOf(c, err, "need.err.notSaved", "need.err.notSaved")
	if !ok {
		s.fail(c, err)
		return
	}
	form.Errors, form.Conflict = r.Fields, r.Stale
	s.renderAllNeeds(c, r.Status, allNeedsData{Failed: &form})
}

func (s *Server) renderAllNeeds(c *gin.Context, status int, d allNeedsData) {
	all, err := s.services.Needs.OfCounty(c.Request.Context(), scopeOf(c).Plan, d.Filter)
	if err != nil {
		s.fail(c, err)
		return
	}
	if !d.Filter.Valid() {
		d.Filter = ""
	}
	if d.Failed != nil {
		failed := d.Failed.echo()
		d.Failed = &failed
	}
	d.Measures = all.Measures
	d.Rows = needRows(s.translatorFor(c.Request), all.Needs, d.Measures, d.Failed)
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
