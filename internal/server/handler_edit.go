package server

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

type editData struct {
	Org    domain.Organisation
	Impl   domain.ImplementationDetail
	Form   implementationForm
	Errors map[string]string
	// Message is a summary shown above the form (e.g. after a refused save):
	// a message id, or a domain message already translated (ErrorText), which
	// T passes through as it is. Errors holds the same kinds of text.
	Message string
	// Theirs holds the newer values someone else saved, after a version conflict;
	// Differences lists the fields where they differ from the user's input.
	Theirs      *domain.Implementation
	Differences []difference
	// StatusChoices are the statuses the current one may move to, itself first.
	StatusChoices []domain.Status
}

// editImplementation shows the form for relevance, status, progress,
// responsibility, contact and dates.
func (s *Server) editImplementation(c *gin.Context) {
	sc, id, ok := s.orgAndID(c)
	if !ok {
		return
	}
	org := sc.Org
	detail, err := s.store.FindImplementationDetail(c.Request.Context(), org.ID, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.renderEdit(c, http.StatusOK, editData{Org: org, Impl: detail, Form: formOf(detail.Implementation)})
}

// saveImplementation applies the form in one transaction with its audit
// event, provided nobody saved in between (optimistic locking on version).
// A conflict shows the other person's values beside the user's own input.
func (s *Server) saveImplementation(c *gin.Context) {
	sc, id, ok := s.orgAndID(c)
	if !ok {
		return
	}
	org := sc.Org
	ctx := c.Request.Context()
	form := readImplementationForm(c, s.opts.Now())
	version, convErr := strconv.Atoi(form.Version)
	if convErr != nil {
		s.renderError(c, http.StatusBadRequest, "implementation.error.formIncomplete")
		return
	}
	if errs := form.validate(); len(errs) > 0 {
		s.renderEditAgain(c, http.StatusUnprocessableEntity, editData{Org: org, Form: form, Errors: errs,
			Message: "implementation.error.summary"}, id)
		return
	}
	acc, _ := account(c)
	saved, err := s.store.UpdateImplementation(ctx, org.ID, id, version, &acc.ID, form.apply)
	if err == nil {
		c.Redirect(http.StatusSeeOther, implementationPath(scopeOf(c), id))
		return
	}
	r, ok := s.refusalOf(c, err, "implementation.error.summary", "implementation.conflict.message")
	if !ok {
		s.fail(c, err)
		return
	}
	data := editData{Org: org, Form: form, Errors: r.Fields, Message: r.Summary}
	if r.Stale {
		data.Theirs = &saved
		data.Form.Version = strconv.Itoa(saved.Version)
		data.Differences = implementationDifferences(s.translatorFor(c.Request), form, saved)
	}
	s.renderEditAgain(c, r.Status, data, id)
}

// renderEditAgain shows a refused form with the implementation as it is now
// stored. It is read only here: a successful save needs no second read.
func (s *Server) renderEditAgain(c *gin.Context, status int, d editData, id int64) {
	detail, err := s.store.FindImplementationDetail(c.Request.Context(), d.Org.ID, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	d.Impl = detail
	s.renderEdit(c, status, d)
}

func (s *Server) renderEdit(c *gin.Context, status int, d editData) {
	d.Form = d.Form.echo()
	cur := d.Impl.Status
	d.StatusChoices = append([]domain.Status{}, cur)
	if cur == "" {
		d.StatusChoices = []domain.Status{domain.StatusPlanned}
	}
	d.StatusChoices = append(d.StatusChoices, domain.AllowedStatusTransitions(cur)...)
	// Keep the user's choice selectable even where it is not allowed (any
	// more): the form must come back as they left it, with the message.
	if chosen := domain.Status(d.Form.Status); slices.Contains(domain.Statuses, chosen) && !slices.Contains(d.StatusChoices, chosen) {
		d.StatusChoices = append(d.StatusChoices, chosen)
	}
	t := s.translatorFor(c.Request)
	implPath := implementationPath(scopeOf(c), d.Impl.ID)
	s.render(c, status, "edit", view{
		Title: t.T("implementation.edit.title", "Code", d.Impl.MeasureCode, "Org", d.Org.Name), Nav: townNav(c, d.Org.Slug),
		Crumbs: []crumb{{Label: d.Org.Name, Href: townPath(scopeOf(c).Plan.Slug, d.Org.Slug)},
			{Label: t.T("implementation.measure", "Code", d.Impl.MeasureCode), Href: implPath},
			{Label: t.T("implementation.edit.crumb")}},
		Data: d,
	})
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
	add("relevance_note", cleanFormText(f.RelevanceNote), saved.RelevanceNote, text)
	if f.Relevance == string(domain.RelevanceRelevant) || theirs.Relevance == domain.RelevanceRelevant {
		add("status", f.Status, saved.Status, state)
		add("status_note", cleanFormText(f.StatusNote), saved.StatusNote, text)
		add("progress", f.Progress, saved.Progress, func(s string) string {
			if n, err := strconv.Atoi(s); err == nil {
				return t.Percent(n)
			}
			return orDash(s)
		})
	}
	add("responsible_org", cleanFormText(f.ResponsibleOrg), saved.ResponsibleOrg, text)
	add("contact", contactText(t, f.ContactKind, cleanFormText(f.Contact)), contactText(t, saved.ContactKind, saved.Contact), text)
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
