package server

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// relevanceForm is the relevance decision of one implementation as its form
// sends it, kept as typed.
type relevanceForm struct {
	Version   string
	Relevance string
	Note      string
}

func (f relevanceForm) echo() relevanceForm {
	f.Version = echo(f.Version, maxNumberEcho)
	f.Relevance = echo(f.Relevance, maxChoiceEcho)
	f.Note = echo(f.Note, domain.MaxRelevanceNoteLen)
	return f
}

// relevanceFormOf is the form for impl as decided now: an open decision
// preselects nothing, so that nobody decides by accident.
func relevanceFormOf(impl domain.Implementation) relevanceForm {
	f := relevanceForm{Version: strconv.Itoa(impl.Version)}
	if impl.Relevance != domain.RelevanceOpen {
		f.Relevance, f.Note = string(impl.Relevance), impl.RelevanceNote
	}
	return f
}

// relevanceData is the data of the relevance page: the decision's form on
// its own, where a refused decision comes back (the implementation page
// shows the same form in its "Relevanz" section).
type relevanceData struct {
	Org  domain.Organisation
	Impl domain.ImplementationDetail
	Form relevanceForm
	formRefusal
}

// relevanceDecision shows the relevance form on its own page.
func (s *Server) relevanceDecision(c *gin.Context) {
	sc, key, ok := s.orgAndKey(c)
	if !ok {
		return
	}
	detail, err := s.impls.Detail(c.Request.Context(), key)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.renderRelevance(c, http.StatusOK, relevanceData{Org: sc.Org, Impl: detail, Form: relevanceFormOf(detail.Implementation)})
}

// decideRelevance decides or revises one implementation's relevance through
// the edit form's use case (the workflow's rules, its audit event, the
// version check), changing nothing else.
func (s *Server) decideRelevance(c *gin.Context) {
	sc, key, ok := s.orgAndKey(c)
	if !ok {
		return
	}
	form := relevanceForm{Version: c.PostForm("version"), Relevance: c.PostForm("relevance"), Note: c.PostForm("relevance_note")}
	version, convErr := strconv.Atoi(form.Version)
	if convErr != nil {
		s.renderError(c, http.StatusBadRequest, "implementation.error.formIncomplete")
		return
	}
	rel := domain.Relevance(form.Relevance)
	saved, err := s.impls.Update(c.Request.Context(), actorOf(c), key, version,
		domain.ImplementationUpdate{Relevance: &rel, RelevanceNote: &form.Note})
	if err == nil {
		c.Redirect(http.StatusSeeOther, savedAt(implementationPath(sc, key.ID), "relevanz"))
		return
	}
	refused, status, ok := s.refusalOfSave(c, err, saved, func(t translator, theirs domain.Implementation) []difference {
		return relevanceDifferences(t, form, theirs)
	})
	if !ok {
		return
	}
	if refused.Theirs != nil {
		form.Version = strconv.Itoa(saved.Version)
	}
	data := relevanceData{Org: sc.Org, Form: form, formRefusal: refused}
	detail, derr := s.impls.Detail(c.Request.Context(), key)
	if derr != nil {
		s.fail(c, derr)
		return
	}
	data.Impl = detail
	s.renderRelevance(c, status, data)
}

// relevanceDifferences are the relevance fields where someone else saved
// other values meanwhile.
func relevanceDifferences(t translator, f relevanceForm, theirs domain.Implementation) []difference {
	edit := implementationForm{Relevance: f.Relevance, RelevanceNote: f.Note}
	var out []difference
	for _, d := range implementationDifferences(t, edit, theirs) {
		if d.Field == "relevance" || d.Field == "relevance_note" {
			out = append(out, d)
		}
	}
	return out
}

func (s *Server) renderRelevance(c *gin.Context, status int, d relevanceData) {
	d.Form = d.Form.echo()
	t := s.translatorFor(c.Request)
	implPath := implementationPath(scopeOf(c), d.Impl.ID)
	s.render(c, status, "relevance", view{
		Title: t.T("sachstand.relevance.title", "Code", d.Impl.MeasureCode, "Org", d.Org.Name), Nav: townNav(c, d.Org.Slug),
		Crumbs: []crumb{{Label: d.Org.Name, Href: townPath(scopeOf(c).Plan.Slug, d.Org.Slug)},
			{Label: t.T("implementation.measure", "Code", d.Impl.MeasureCode), Href: implPath},
			{Label: t.T("sachstand.relevance.crumb")}},
		Data: d,
	})
}

// relevanceFormView is what the "relevance-form" partial receives.
type relevanceFormView struct {
	V      view
	ImplID int64
	Form   relevanceForm
	Errors map[string]string
}

// relevanceArgs prepares the relevance form: {{template "relevance-form"
// (relevanceArgs $ .Impl.Implementation)}}. On the relevance page it comes
// back as the user sent it, with the messages; elsewhere it is filled from
// impl as decided now.
func relevanceArgs(v view, impl domain.Implementation) relevanceFormView {
	if d, ok := v.Data.(relevanceData); ok {
		return relevanceFormView{V: v, ImplID: impl.ID, Form: d.Form, Errors: d.Errors}
	}
	return relevanceFormView{V: v, ImplID: impl.ID, Form: relevanceFormOf(impl)}
}

// relevanceDecisions are the decisions the form offers: every one but "open",
// to which no decision leads back.
func relevanceDecisions() []domain.Relevance {
	var out []domain.Relevance
	for _, r := range domain.Relevances {
		if r != domain.RelevanceOpen {
			out = append(out, r)
		}
	}
	return out
}
