package server

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/httpstatus"
)

// versionsPath is the address of a plan's Fortschreibung: the start form
// before the next version exists, its mapping after.
func versionsPath(planSlug string) string { return planPath(planSlug) + "/fortschreibung" }

// versionStartForm is what the start form sends, kept as typed.
type versionStartForm struct {
	Title     string
	Version   string
	AdoptedOn string
}

type versionsData struct {
	// Draft is zero before a next version was started; then Start is the form.
	Draft    domain.VersionDraft
	Started  bool
	Start    versionStartForm
	Errors   map[string]string
	Summary  string
	Problems []string
	// Notice names what was just done ("gestartet", "gespeichert", "beschlossen").
	Notice string
	Added  []domain.MappingMeasure
}

// versions shows the Fortschreibung of the plan: the form to start the
// next version, or the mapping of every measure onto it.
func (s *Server) versions(c *gin.Context) {
	sc := scopeOf(c)
	d := versionsData{Notice: c.Query(paramSaved)}
	draft, err := s.services.Versions.Draft(c.Request.Context(), sc.Plan)
	switch {
	case domain.ErrorCode(err) == domain.CodeNotFound:
		if sc.Plan.State != domain.PlanAdopted {
			s.notFound(c) // a draft or a superseded version is not continued
			return
		}
		d.Start = versionStartForm{Title: sc.Plan.Title}
	case err != nil:
		s.fail(c, err)
		return
	default:
		d.Draft, d.Started, d.Added = draft, true, draft.Added()
	}
	s.renderVersions(c, http.StatusOK, d)
}

// startVersion starts the next version and shows its mapping.
func (s *Server) startVersion(c *gin.Context) {
	sc := scopeOf(c)
	form := versionStartForm{Title: c.PostForm("title"), Version: c.PostForm("version"), AdoptedOn: c.PostForm("adopted_on")}
	v := domain.VersionStart{Title: form.Title, Version: form.Version}
	if t, err := time.Parse(time.DateOnly, strings.TrimSpace(form.AdoptedOn)); err == nil {
		v.AdoptedOn = &t
	}
	_, err := s.services.Versions.Start(c.Request.Context(), actorOf(c), sc.Plan, v)
	if err == nil {
		s.versionsDone(c, "gestartet")
		return
	}
	r, ok := s.versionRefusal(c, err, "versions.err.summary") // 409 when started already
	if !ok {
		return
	}
	s.renderVersions(c, r.Status, versionsData{Start: form, Errors: r.Fields, Summary: r.Summary})
}

// versionsDone goes back to the Fortschreibung with the notice of what was done.
func (s *Server) versionsDone(c *gin.Context, notice string) {
	c.Redirect(http.StatusSeeOther, versionsPath(scopeOf(c).Plan.Slug)+"?"+paramSaved+"="+notice)
}

// versionRefusal explains a refused step of the Fortschreibung: bad input
// 422, a step its state does not allow (started, adopted, a round open,
// reports on the draft) 409; anything else fails the request (false).
func (s *Server) versionRefusal(c *gin.Context, err error, summaryKey string) (refusal, bool) {
	r, ok := s.refusalOf(c, err, summaryKey, "versions.err.summary")
	if !ok {
		s.fail(c, err)
		return r, false
	}
	r.Status = httpstatus.Of(domain.ErrorCode(err))
	return r, true
}

// adoptVersion adopts the next version; an incomplete mapping is shown with
// every problem.
func (s *Server) adoptVersion(c *gin.Context) {
	sc := scopeOf(c)
	draft, problems, err := s.services.Versions.Adopt(c.Request.Context(), actorOf(c), sc.Plan)
	if err == nil {
		s.versionsDone(c, "beschlossen")
		return
	}
	r, ok := s.versionRefusal(c, err, "versions.err.summary")
	if !ok {
		return
	}
	// Refused before the draft was read (none started): read it for the page.
	if draft.New.ID == 0 {
		draft, _ = s.services.Versions.Draft(c.Request.Context(), sc.Plan)
	}
	t := s.translatorFor(c.Request)
	d := versionsData{Draft: draft, Started: true, Summary: r.Summary, Added: draft.Added()}
	for _, p := range problems {
		d.Problems = append(d.Problems, t.ErrorText(p))
	}
	s.renderVersions(c, r.Status, d)
}

// discardVersion deletes the draft next version once the KI ticked that
// they mean it; the page then offers to start afresh.
func (s *Server) discardVersion(c *gin.Context) {
	sc := scopeOf(c)
	ctx := c.Request.Context()
	err := s.services.Versions.Discard(ctx, actorOf(c), sc.Plan, c.PostForm("confirm") == "1")
	if err == nil {
		s.versionsDone(c, "verworfen")
		return
	}
	r, ok := s.versionRefusal(c, err, "versions.err.discardConfirm")
	if !ok {
		return
	}
	draft, derr := s.services.Versions.Draft(ctx, sc.Plan)
	if derr != nil {
		s.fail(c, derr) // nothing to discard: not found
		return
	}
	s.renderVersions(c, r.Status, versionsData{Draft: draft, Started: true, Added: draft.Added(), Errors: r.Fields,
		Summary: r.Summary})
}

func (s *Server) renderVersions(c *gin.Context, status int, d versionsData) {
	sc := scopeOf(c)
	s.render(c, status, "versions", view{Title: "versions.title", Nav: "plan",
		Crumbs: []crumb{{Label: sc.Plan.Title, Href: planPath(sc.Plan.Slug)}, {Label: "versions.title"}}, Data: d})
}

// mappingData is the form of one old measure's mapping.
type mappingData struct {
	Draft   domain.VersionDraft
	Row     domain.MappingRow
	Kind    string
	Targets string
	Reason  string
	Errors  map[string]string
	Summary string
}

// versionMapping shows the mapping form of one measure of the old version.
func (s *Server) versionMapping(c *gin.Context) {
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return
	}
	draft, row, err := s.services.Versions.Row(c.Request.Context(), scopeOf(c).Plan, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	d := mappingData{Draft: draft, Row: row, Kind: string(row.Kind), Reason: row.Reason}
	codes := make([]string, 0, len(row.Targets))
	for _, t := range row.Targets {
		codes = append(codes, t.Code)
	}
	d.Targets = strings.Join(codes, ", ")
	s.renderMapping(c, http.StatusOK, d)
}

// saveVersionMapping saves one measure's mapping and goes back to its row.
func (s *Server) saveVersionMapping(c *gin.Context) {
	sc := scopeOf(c)
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return
	}
	draft, row, err := s.services.Versions.Row(c.Request.Context(), sc.Plan, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	d := mappingData{Draft: draft, Row: row, Kind: c.PostForm("kind"), Targets: c.PostForm("targets"), Reason: c.PostForm("reason")}
	edit := domain.MappingEdit{OldMeasureID: id, Kind: domain.MappingKind(d.Kind), Targets: domain.ParseTargetCodes(d.Targets),
		Reason: d.Reason}
	err = s.services.Versions.Map(c.Request.Context(), actorOf(c), sc.Plan, edit)
	if err == nil {
		c.Redirect(http.StatusSeeOther, versionsPath(sc.Plan.Slug)+"?"+paramSaved+"=gespeichert#m"+c.Param("id"))
		return
	}
	r, ok := s.refusalOf(c, err, "versions.err.summary", "versions.err.summary")
	if !ok {
		s.fail(c, err)
		return
	}
	d.Errors, d.Summary = r.Fields, r.Summary
	s.renderMapping(c, r.Status, d)
}

func (s *Server) renderMapping(c *gin.Context, status int, d mappingData) {
	sc := scopeOf(c)
	s.render(c, status, "version_mapping", view{Title: "versions.mapping.title", Nav: "plan",
		Crumbs: []crumb{{Label: sc.Plan.Title, Href: planPath(sc.Plan.Slug)},
			{Label: "versions.title", Href: versionsPath(sc.Plan.Slug)}, {Label: "versions.mapping.title"}}, Data: d})
}
