package server

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

type editData struct {
	Org    domain.Organisation
	Impl   domain.ImplementationDetail
	Form   implementationForm
	Errors map[string]string
	// Message is a summary shown above the form (e.g. after a refused save).
	Message string
	// Theirs holds the newer values someone else saved, after a version conflict.
	Theirs *domain.Implementation
	// StatusChoices are the statuses the current one may move to, itself first.
	StatusChoices []domain.Status
}

// editImplementation shows the form for relevance, status and progress.
func (s *Server) editImplementation(c *gin.Context) {
	org, id, ok := s.orgAndID(c)
	if !ok {
		return
	}
	detail, err := s.store.FindImplementationDetail(c.Request.Context(), org.ID, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.renderEdit(c, http.StatusOK, editData{Org: org, Impl: detail, Form: formOf(detail.Implementation)})
}

// saveImplementation applies the form in one transaction with its audit
// event, provided nobody saved in between (optimistic locking on version).
func (s *Server) saveImplementation(c *gin.Context) {
	org, id, ok := s.orgAndID(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	form := readImplementationForm(c)
	detail, err := s.store.FindImplementationDetail(ctx, org.ID, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	version, convErr := strconv.Atoi(form.Version)
	if convErr != nil {
		s.renderError(c, http.StatusBadRequest, "Das Formular ist unvollständig. Bitte laden Sie die Seite neu.")
		return
	}
	acc, _ := account(c)
	saved, err := s.store.UpdateImplementation(ctx, org.ID, id, version, &acc.ID, form.apply)
	data := editData{Org: org, Impl: detail, Form: form}
	switch {
	case err == nil:
		c.Redirect(http.StatusSeeOther, "/kommunen/"+org.Slug+"/umsetzungen/"+strconv.FormatInt(id, 10))
	case errors.Is(err, domain.ErrStaleVersion):
		data.Theirs = &saved
		data.Impl.Implementation = saved
		data.Form.Version = strconv.Itoa(saved.Version)
		data.Message = domain.ErrorMessage(err)
		s.renderEdit(c, http.StatusConflict, data)
	case domain.ErrorCode(err) == domain.CodeInvalid || domain.ErrorCode(err) == domain.CodeConflict:
		// Bad input, or a transition the workflow does not allow from here.
		data.Errors = fieldErrors(err)
		data.Message = domain.ErrorMessage(err) + " Es wurde nichts gespeichert."
		s.renderEdit(c, http.StatusUnprocessableEntity, data)
	default:
		s.fail(c, err)
	}
}

func (s *Server) renderEdit(c *gin.Context, status int, d editData) {
	cur := d.Impl.Status
	d.StatusChoices = append([]domain.Status{}, cur)
	if cur == "" {
		d.StatusChoices = []domain.Status{domain.StatusPlanned}
	}
	d.StatusChoices = append(d.StatusChoices, domain.AllowedStatusTransitions(cur)...)
	s.render(c, status, "edit", view{
		Title: "Umsetzung bearbeiten – " + d.Impl.MeasureCode + " – " + d.Org.Name, Nav: "kommunen",
		Crumbs: []crumb{{Label: d.Org.Name, Href: "/kommunen/" + d.Org.Slug},
			{Label: "Maßnahme " + d.Impl.MeasureCode, Href: "/kommunen/" + d.Org.Slug + "/umsetzungen/" + strconv.FormatInt(d.Impl.ID, 10)},
			{Label: "Bearbeiten"}},
		Data: d,
	})
}

// fieldErrors maps a domain error to the form field it concerns; errors
// without a field are shown in the summary only.
func fieldErrors(err error) map[string]string {
	var de *domain.Error
	if !errors.As(err, &de) || de.Field == "" {
		return nil
	}
	return map[string]string{de.Field: de.Message}
}
