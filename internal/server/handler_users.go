package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
	membersvc "github.com/planwerk/planwerk/internal/service/membership"
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
	o, err := s.services.Memberships.Overview(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	d.Accounts, d.County, d.Towns, d.Roles = o.Accounts, o.County, o.Towns, o.Roles
	s.render(c, status, "users", view{Title: "users.heading", Nav: "verwaltung", Data: d})
}

// grantMembership gives a user a role in an organisation.
func (s *Server) grantMembership(c *gin.Context) {
	userID, _ := parseID(c.PostForm("user_id")) // 0, not chosen, when no number
	orgID, _ := parseID(c.PostForm("organisation_id"))
	err := s.services.Memberships.Grant(c.Request.Context(), actorOf(c),
		membersvc.Grant{UserID: userID, OrgID: orgID, Role: domain.Role(c.PostForm("role"))})
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
	user, m, err := s.services.Memberships.Find(c.Request.Context(), id)
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
	err := s.services.Memberships.Revoke(c.Request.Context(), actorOf(c), id)
	s.afterMembershipChange(c, err, "revoked")
}

// afterMembershipChange redirects after success (so a reload does not repeat
// the change) and shows the page with the reason otherwise.
func (s *Server) afterMembershipChange(c *gin.Context, err error, what string) {
	if err == nil {
		c.Redirect(http.StatusSeeOther, "/verwaltung/benutzer?ok="+what)
		return
	}
	r, ok := s.refusalOf(c, err, "", "")
	if !ok {
		s.fail(c, err)
		return
	}
	s.renderUsers(c, r.Status, usersData{Error: r.text()})
}

// text is the refusal in one message, for a page that marks no fields: the
// message of the field it concerns, else the summary.
func (r refusal) text() string {
	for _, msg := range r.Fields {
		return msg
	}
	return r.Summary
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
