package server

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

type usersData struct {
	Accounts      []domain.Account
	County, Towns []domain.Organisation
	Roles         []domain.Role
	Message       string // message ids, translated by the page
	Error         string
}

// users lists every user with their roles, with forms to grant and revoke.
func (s *Server) users(c *gin.Context) {
	s.renderUsers(c, http.StatusOK, usersData{Message: flashMessage(c.Query("ok"))})
}

func (s *Server) renderUsers(c *gin.Context, status int, d usersData) {
	ctx := c.Request.Context()
	var err error
	if d.Accounts, err = s.store.FindAccounts(ctx); err != nil {
		s.fail(c, err)
		return
	}
	if d.County, err = s.store.FindOrganisations(ctx, domain.OrgCounty); err != nil {
		s.fail(c, err)
		return
	}
	if d.Towns, err = s.store.FindOrganisations(ctx, domain.OrgMunicipality); err != nil {
		s.fail(c, err)
		return
	}
	d.Roles = domain.Roles
	s.render(c, status, "users", view{Title: "users.heading", Nav: "verwaltung", Data: d})
}

// grantMembership gives a user a role in an organisation.
func (s *Server) grantMembership(c *gin.Context) {
	userID, ok1 := parseID(c.PostForm("user_id"))
	orgID, ok2 := parseID(c.PostForm("organisation_id"))
	role := domain.Role(c.PostForm("role"))
	if !ok1 || !ok2 || !role.Valid() {
		s.renderUsers(c, http.StatusUnprocessableEntity, usersData{Error: "users.error.choose"})
		return
	}
	acc, _ := account(c)
	err := s.store.GrantMembership(c.Request.Context(), &acc.ID, userID, orgID, role)
	s.afterMembershipChange(c, err, "granted")
}

// confirmRevoke asks before a role is revoked: who, which role, which
// organisation, with a button that revokes and a link back. It is a page of
// its own so that asking works without JavaScript.
func (s *Server) confirmRevoke(c *gin.Context) {
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return
	}
	user, m, err := s.store.FindMembership(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "membership_revoke", view{Title: "users.confirm.heading", Nav: "verwaltung",
		Crumbs: []crumb{{Label: s.translatorFor(c.Request).T("users.heading"), Href: "/verwaltung/benutzer"},
			{Label: s.translatorFor(c.Request).T("users.confirm.crumb")}},
		Data: revokeData{User: user, Membership: m}})
}

type revokeData struct {
	User       domain.User
	Membership domain.Membership
}

// revokeMembership removes one membership (the confirmation page's button).
func (s *Server) revokeMembership(c *gin.Context) {
	id, ok := parseID(c.Param("id"))
	if !ok {
		s.notFound(c)
		return
	}
	acc, _ := account(c)
	err := s.store.RevokeMembership(c.Request.Context(), &acc.ID, id)
	s.afterMembershipChange(c, err, "revoked")
}

// afterMembershipChange redirects after success (so a reload does not repeat
// the change) and shows the page with the reason otherwise. A rule of the
// domain (which role where, never the last admin) says itself why it refused.
func (s *Server) afterMembershipChange(c *gin.Context, err error, what string) {
	if strings.HasPrefix(domain.ErrorKey(err), "error.membership.") {
		status := http.StatusUnprocessableEntity
		if domain.ErrorCode(err) == domain.CodeConflict {
			status = http.StatusConflict
		}
		s.renderUsers(c, status, usersData{Error: s.translatorFor(c.Request).ErrorText(err)})
		return
	}
	switch domain.ErrorCode(err) {
	case "":
		c.Redirect(http.StatusSeeOther, "/verwaltung/benutzer?ok="+what)
	case domain.CodeConflict:
		s.renderUsers(c, http.StatusUnprocessableEntity, usersData{Error: "users.error.exists"})
	case domain.CodeInvalid:
		s.renderUsers(c, http.StatusUnprocessableEntity, usersData{Error: "users.error.unknown"})
	case domain.CodeNotFound:
		s.renderUsers(c, http.StatusUnprocessableEntity, usersData{Error: "users.error.notFound"})
	default:
		s.fail(c, err)
	}
}

// flashMessage is the message id confirming a change; the page translates it.
func flashMessage(key string) string {
	switch key {
	case "granted":
		return "users.granted"
	case "revoked":
		return "users.revoked"
	}
	return ""
}
