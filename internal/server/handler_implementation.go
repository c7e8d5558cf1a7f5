package server

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

type implementationData struct {
	Org     domain.Organisation
	Impl    domain.ImplementationDetail
	Updates []domain.ProgressUpdate
	Audit   []domain.AuditEvent
	Today   time.Time
	// Internal is true for those who may see contacts and the audit trail
	// (the municipality itself, the KI, administrators; never the committee).
	Internal bool
	CanEdit  bool
}

// implementation shows one municipality's implementation of a measure: its
// state, its progress reports as a timeline and, for insiders, its history.
func (s *Server) implementation(c *gin.Context) {
	org, id, ok := s.orgAndID(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	detail, err := s.store.FindImplementationDetail(ctx, org.ID, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	updates, err := s.store.FindProgressUpdates(ctx, org.ID, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	perms := permissions(c)
	data := implementationData{Org: org, Impl: detail, Updates: updates, Today: s.opts.Now(),
		Internal: perms.Can(org.Slug, "contact", "read"), CanEdit: perms.Can(org.Slug, "implementation", "edit")}
	if data.Internal {
		if data.Audit, err = s.store.FindAuditEvents(ctx, org.ID, "implementation", id); err != nil {
			s.fail(c, err)
			return
		}
	}
	s.render(c, http.StatusOK, "implementation", view{
		Title: "Maßnahme " + detail.MeasureCode + " – " + org.Name, Nav: "kommunen",
		Crumbs: []crumb{{Label: "Kommunen", Href: "/kommunen"}, {Label: org.Name, Href: "/kommunen/" + org.Slug},
			{Label: "Maßnahme " + detail.MeasureCode}},
		Data: data,
	})
}

// orgAndID resolves the :slug and :id of a municipality-scoped route, or
// answers 404 itself.
func (s *Server) orgAndID(c *gin.Context) (domain.Organisation, int64, bool) {
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return domain.Organisation{}, 0, false
	}
	org, err := s.store.FindOrganisationBySlug(c.Request.Context(), c.Param("slug"))
	if err != nil {
		s.fail(c, err)
		return domain.Organisation{}, 0, false
	}
	return org, id, true
}
