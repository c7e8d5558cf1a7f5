package server

import (
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// statusChoicesKeeping are the statuses the workflow allows from current,
// plus the one the user chose where it is not allowed (any more): a refused
// form comes back as they left it, with the message.
func statusChoicesKeeping(current domain.Status, chosen string) []domain.Status {
	choices := domain.StatusChoices(current)
	if c := domain.Status(chosen); slices.Contains(domain.Statuses, c) && !slices.Contains(choices, c) {
		choices = append(choices, c)
	}
	return choices
}

// renderImplementationForm renders one of an implementation's forms (edit,
// Sachstand) with its title and the crumbs town › measure › form.
func (s *Server) renderImplementationForm(c *gin.Context, status int, page, titleKey, crumbKey string,
	org domain.Organisation, impl domain.ImplementationDetail, data any) {
	t := s.translatorFor(c.Request)
	s.render(c, status, page, view{
		Title: t.T(titleKey, "Code", impl.MeasureCode, "Org", org.Name), Nav: townNav(c, org.Slug),
		Crumbs: []crumb{{Label: org.Name, Href: townPath(scopeOf(c).Plan.Slug, org.Slug)},
			{Label: t.T("implementation.measure", "Code", impl.MeasureCode), Href: implementationPath(scopeOf(c), impl.ID)},
			{Label: t.T(crumbKey)}},
		Data: data,
	})
}
