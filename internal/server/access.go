package server

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/authz"
	"github.com/planwerk/planwerk/internal/domain"
)

// Access is the permission a route requires: an action on a kind of object
// in a domain that the route's address names.
type Access struct {
	Public bool
	Object string
	Action string
	Where  where
}

// where says which domain (see authz) a route's permission is asked in.
type where int

const (
	// installation: things of no county (user administration).
	installation where = iota
	// inPlan: the county of the plan named by :plan.
	inPlan
	// inMunicipality: the organisation named by :slug within the plan :plan.
	inMunicipality
	// anyMember: signed in with at least one role; the handler shows only
	// what the user may see (the start page, links from before plan scopes).
	anyMember
)

// public is the access of routes anyone may use, signed in or not.
var public = Access{Public: true}

func need(object, action string, w where) Access {
	return Access{Object: object, Action: action, Where: w}
}

// signedIn is the access of routes that need a role, whatever it is.
var signedIn = Access{Where: anyMember}

const (
	accountKey     = "account"
	permissionsKey = "permissions"
	scopeKey       = "scope"
)

// authorize enforces a route's declared access: sign-in first, then a
// membership, then the scope the address names (plan, organisation), then
// the policy. Something the user may not read is a 404 (its existence is not
// confirmed); something they may read but not change is a 403 that says why.
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
		if a.Where == anyMember {
			c.Next()
			return
		}
		dom, ok := s.domainOf(c, a.Where)
		if !ok {
			return
		}
		switch {
		case perms.Can(dom, a.Object, a.Action):
			if err := planStateRefuses(c, perms, a); err != nil {
				s.fail(c, err)
				c.Abort()
				return
			}
			if scopeOf(c).Plan.State == domain.PlanSuperseded {
				// Handlers and pages offer no change on a superseded version.
				c.Set(permissionsKey, perms.ReadOnly("version"))
			}
			c.Next()
		case a.Action != "read" && perms.Can(dom, a.Object, "read"):
			s.forbidden(c, a)
		default:
			s.notFound(c)
			c.Abort() // Gin runs the next handler unless told not to
		}
	}
}

// domainOf resolves the scope a route's address names, once per request,
// keeps it for the handler (scopeOf) and returns the authorization domain.
// An address naming no plan, or a town outside it, is a 404.
func (s *Server) domainOf(c *gin.Context, w where) (string, bool) {
	if w == installation {
		return authz.Installation, true
	}
	orgSlug := ""
	if w == inMunicipality {
		orgSlug = c.Param("slug")
	}
	sc, err := s.store.FindScope(c.Request.Context(), c.Param("plan"), orgSlug)
	if err != nil {
		s.fail(c, err)
		c.Abort()
		return "", false
	}
	c.Set(scopeKey, sc)
	if w == inMunicipality {
		return authz.Municipality(sc.County.Slug, sc.Org.Slug), true
	}
	return authz.County(sc.County.Slug), true
}

// scopeOf is the plan (and organisation) of a request that passed authorize
// on a plan-scoped route.
func scopeOf(c *gin.Context) domain.PlanScope {
	v, _ := c.Get(scopeKey)
	sc, _ := v.(domain.PlanScope)
	return sc
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

// planStateRefuses applies the plan version's state to an access the
// policy allows: a draft is the KI's alone (404 for everyone else, as if it
// did not exist); a superseded version refuses changes and their forms.
func planStateRefuses(c *gin.Context, perms *authz.Permissions, a Access) error {
	sc := scopeOf(c)
	if sc.Plan.State == domain.PlanDraft && !perms.Can(authz.County(sc.County.Slug), "catalogue", "edit") {
		return domain.Keyed(domain.CodeNotFound, "", "error.msg.notFound", "draft plan of another")
	}
	return sc.StateRefuses(a.Object, writes(c.Request.Method, a.Action))
}

// writes reports whether a request changes something or asks for the form
// to: anything but GET and HEAD, and the pages of edit, create and write
// permissions (forms).
func writes(method, action string) bool {
	if method != http.MethodGet && method != http.MethodHead {
		return true
	}
	return action == "edit" || action == "create" || action == "write"
}
