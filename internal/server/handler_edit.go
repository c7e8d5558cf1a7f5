package server

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

type editData struct {
	Org  domain.Organisation
	Impl domain.ImplementationDetail
	Form implementationForm
	formRefusal
	// StatusChoices are the statuses the current one may move to, itself first.
	StatusChoices []domain.Status
}

// editImplementation shows the form for relevance, status, progress,
// responsibility, contact and dates.
func (s *Server) editImplementation(c *gin.Context) {
	sc, key, ok := s.orgAndKey(c)
	if !ok {
		return
	}
	detail, err := s.impls.Detail(c.Request.Context(), key)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.renderEdit(c, http.StatusOK, editData{Org: sc.Org, Impl: detail, Form: formOf(detail.Implementation)})
}

// saveImplementation hands the form to the use case, which applies it in one
// transaction with its audit event, provided nobody saved in between
// (optimistic locking on version). A conflict shows the other person's values
// beside the user's own input.
func (s *Server) saveImplementation(c *gin.Context) {
	sc, key, ok := s.orgAndKey(c)
	if !ok {
		return
	}
	form := readImplementationForm(c)
	version, convErr := strconv.Atoi(form.Version)
	if convErr != nil {
		s.renderError(c, http.StatusBadRequest, "implementation.error.formIncomplete")
		return
	}
	upd, errs := form.update()
	if len(errs) > 0 {
		s.renderEditAgain(c, http.StatusUnprocessableEntity, editData{Org: sc.Org, Form: form,
			formRefusal: formRefusal{Errors: errs, Message: "implementation.error.summary"}}, key)
		return
	}
	saved, err := s.impls.Update(c.Request.Context(), actorOf(c), key, version, upd)
	if err == nil {
		c.Redirect(http.StatusSeeOther, savedAt(implementationPath(sc, key.ID), "bearbeitet"))
		return
	}
	refused, status, ok := s.refusalOfSave(c, err, saved, func(t translator, theirs domain.Implementation) []difference {
		return implementationDifferences(t, form, theirs)
	})
	if !ok {
		return
	}
	if refused.Theirs != nil {
		form.Version = strconv.Itoa(saved.Version)
	}
	s.renderEditAgain(c, status, editData{Org: sc.Org, Form: form, formRefusal: refused}, key)
}

// renderEditAgain shows a refused form with the implementation as it is now
// stored. It is read only here: a successful save needs no second read.
func (s *Server) renderEditAgain(c *gin.Context, status int, d editData, key domain.ImplementationKey) {
	detail, err := s.impls.Detail(c.Request.Context(), key)
	if err != nil {
		s.fail(c, err)
		return
	}
	d.Impl = detail
	s.renderEdit(c, status, d)
}

func (s *Server) renderEdit(c *gin.Context, status int, d editData) {
	d.Form = d.Form.echo()
	d.StatusChoices = statusChoicesKeeping(d.Impl.Status, d.Form.Status)
	s.renderImplementationForm(c, status, "edit", "implementation.edit.title", "implementation.edit.crumb", d.Org, d.Impl, d)
}

// implementationDifferences compares the refused form with the values saved meanwhile, so
// that the user sees both side by side and can merge them.
func implementationDifferences(t translator, f implementationForm, theirs domain.Implementation) []difference {
	saved := formOf(theirs)
	var out differences
	add := func(field, mine, other string, show func(string) string) {
		out.add(field, t.T("implementation.field."+field), mine, other, show)
	}
	text := func(s string) string { return orDash(s) }
	state := func(s string) string {
		if s == "" {
			return "–"
		}
		return t.T("state." + s)
	}
	add("relevance", f.Relevance, saved.Relevance, state)
	add("relevance_note", domain.CleanText(f.RelevanceNote), saved.RelevanceNote, text)
	if f.Relevance == string(domain.RelevanceRelevant) || theirs.Relevance == domain.RelevanceRelevant {
		add("status", f.Status, saved.Status, state)
		add("status_note", domain.CleanText(f.StatusNote), saved.StatusNote, text)
		add("progress", f.Progress, saved.Progress, func(s string) string {
			if n, err := strconv.Atoi(s); err == nil {
				return t.Percent(n)
			}
			return orDash(s)
		})
	}
	add("responsible_org", domain.CleanText(f.ResponsibleOrg), saved.ResponsibleOrg, text)
	add("contact", contactText(t, f.ContactKind, domain.CleanText(f.Contact)), contactText(t, saved.ContactKind, saved.Contact), text)
	date := func(s string) string {
		if d, ok := parseFormDate(s); ok && d != nil {
			return t.Date(*d)
		}
		return orDash(s)
	}
	add("start_on", f.StartOn, saved.StartOn, date)
	add("due_on", f.DueOn, saved.DueOn, date)
	add("continuous", strconv.FormatBool(f.Continuous), strconv.FormatBool(saved.Continuous), func(s string) string {
		return t.T("implementation.value." + s)
	})
	return out
}

// contactText shows a contact with its kind, so a change of kind alone shows.
func contactText(t translator, kind, contact string) string {
	if contact == "" {
		return ""
	}
	return contact + " (" + t.T("implementation.contactKind."+kind) + ")"
}
