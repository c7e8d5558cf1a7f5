package server

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/authz"
	"github.com/planwerk/planwerk/internal/domain"
)

// Access is the permission a route requires: an action on a kind of object,
// either everywhere or in the municipality named by the route's :slug.
type Access struct {
	Public bool
	Object string
	Action string
	// Domain is authz.Everywhere, or inMunicipality to take it from :slug.
	Domain string
}

// inMunicipality marks routes whose domain is the municipality in the path.
const inMunicipality = ":slug"

// public is the access of routes anyone may use, signed in or not.
var public = Access{Public: true}

func need(object, action, dom string) Access {
	return Access{Object: object, Action: action, Domain: dom}
}

const (
	accountKey     = "account"
	permissionsKey = "permissions"
)

// authorize enforces a route's declared access: sign-in first, then a
// membership, then the policy. Something the user may not read is a 404 (its
// existence is not confirmed); something they may read but not change is a
// 403 that says why.
func (s *Server) authorize(a Access) gin.HandlerFunc {
	return func(c *gin.Context) {
		if a.Public {
			c.Next()
			return
		}
		perms, ok := s.signedInPermissions(c)
		if !ok {
			return
		}
		dom := a.Domain
		if dom == inMunicipality {
			dom = c.Param("slug")
		}
		switch {
		case perms.Can(dom, a.Object, a.Action):
			c.Next()
		case a.Action != "read" && perms.Can(dom, a.Object, "read"):
			s.forbidden(c, a)
		default:
			s.notFound(c)
			c.Abort() // Gin runs the next handler unless told not to
		}
	}
}

// signedInPermissions loads the signed-in user's account and permissions, or
// answers the request itself (sign-in redirect, no-access page) and aborts.
func (s *Server) signedInPermissions(c *gin.Context) (*authz.Permissions, bool) {
	ctx := c.Request.Context()
	userID, ok := s.auth.UserID(ctx)
	if !ok {
		s.requireSignIn(c)
		return nil, false
	}
	acc, err := s.store.FindAccount(ctx, userID)
	if domain.ErrorCode(err) == domain.CodeNotFound {
		s.requireSignIn(c) // the user was removed since signing in
		return nil, false
	}
	if err != nil {
		s.fail(c, err)
		c.Abort()
		return nil, false
	}
	perms, err := s.authz.For(acc.Memberships)
	if err != nil {
		s.fail(c, err)
		c.Abort()
		return nil, false
	}
	c.Set(accountKey, acc)
	c.Set(permissionsKey, perms)
	if !perms.HasAnyMembership() {
		s.render(c, http.StatusForbidden, "noaccess", view{Title: "noaccess.heading"})
		c.Abort()
		return nil, false
	}
	return perms, true
}

// requireSignIn sends a reader to the sign-in and back; other methods get a
// 401 page (a redirect would lose what they were sending).
func (s *Server) requireSignIn(c *gin.Context) {
	if c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead {
		c.Redirect(http.StatusSeeOther, "/anmelden?next="+url.QueryEscape(c.Request.URL.RequestURI()))
	} else {
		s.renderError(c, http.StatusUnauthorized, "error.msg.sessionExpired")
	}
	c.Abort()
}

func (s *Server) forbidden(c *gin.Context, a Access) {
	msg := "error.msg.readOnly"
	switch a.Object {
	case "implementation":
		msg = "error.msg.readOnlyImplementation"
	case "support":
		msg = "error.msg.supportRoles"
	}
	s.renderError(c, http.StatusForbidden, msg)
	c.Abort()
}

// account is the signed-in user of a request that passed authorize.
func account(c *gin.Context) (domain.Account, bool) {
	v, ok := c.Get(accountKey)
	if !ok {
		return domain.Account{}, false
	}
	acc, ok := v.(domain.Account)
	return acc, ok
}

// permissions of the signed-in user, or nil on public routes.
func permissions(c *gin.Context) *authz.Permissions {
	v, _ := c.Get(permissionsKey)
	p, _ := v.(*authz.Permissions)
	return p
}
