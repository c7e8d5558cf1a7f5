package server

import (
	"fmt"

	"github.com/gin-gonic/gin"
)

// routes registers every route with the permission it needs. German paths,
// since the users read them.
func (s *Server) routes() (*gin.Engine, error) {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	// gin trusts every proxy by default; ours trusts only the configured
	// ones (c.ClientIP then agrees with clientAddress).
	proxies := make([]string, len(s.opts.TrustedProxies))
	for i, p := range s.opts.TrustedProxies {
		proxies[i] = p.String()
	}
	if err := r.SetTrustedProxies(proxies); err != nil {
		return nil, err
	}
	r.Use(s.recoverPanics, s.securityHeaders, s.checkInput)
	reg := &registry{engine: r, server: s}

	reg.handle("GET", "/healthz", public, s.healthz)
	reg.handle("GET", "/readyz", public, s.readyz)
	reg.handle("GET", "/barrierefreiheit", public, s.accessibility)
	reg.handle("GET", "/anmelden", public, s.signIn)
	reg.handle("GET", "/anmelden/callback", public, s.signInCallback)
	reg.handle("POST", "/abmelden", public, s.signOut)
	reg.handle("POST", "/sprache", public, s.setLanguage)
	r.GET("/static/*filepath", s.serveAsset)
	r.HEAD("/static/*filepath", s.serveAsset)
	reg.declare("GET", "/static/*filepath", public)
	reg.declare("HEAD", "/static/*filepath", public)

	reg.handle("GET", "/", signedIn, s.start)
	reg.handle("GET", plansPath, signedIn, s.plans)
	reg.handle("GET", startPath, signedIn, s.startChoicePage)
	reg.handle("POST", startPath, signedIn, s.chooseStart)
	reg.handle("GET", inboxPath, signedIn, s.inbox)
	reg.handle("POST", inboxPath+"/gelesen", signedIn, s.markAllNoticesRead)
	reg.handle("POST", inboxPath+"/:id/gelesen", signedIn, s.markNoticeRead)
	s.planRoutes(reg)
	s.offerRoutes(reg)
	s.oldRoutes(reg)

	reg.handle("GET", tokensPath, signedIn, s.apiTokens)
	reg.handle("POST", tokensPath, signedIn, s.createAPIToken)
	reg.handle("POST", tokensPath+"/:id/widerrufen", signedIn, s.revokeAPIToken)
	s.mailRoutes(reg)

	reg.handle("GET", "/verwaltung/benutzer", need("membership", "manage", installation), s.users)
	reg.handle("POST", "/verwaltung/mitgliedschaften", need("membership", "manage", installation), s.grantMembership)
	reg.handle("GET", "/verwaltung/mitgliedschaften/:id/entziehen", need("membership", "manage", installation), s.confirmRevoke)
	reg.handle("POST", "/verwaltung/mitgliedschaften/:id/entziehen", need("membership", "manage", installation), s.revokeMembership)

	r.NoRoute(s.notFound)
	r.NoMethod(s.methodNotAllowed)
	s.routeTable = reg.routes
	return r, reg.checkEveryRouteDeclared()
}

// Route is a registered route with the permission it requires.
type Route struct {
	Method, Path string
	Access       Access
}

// Routes lists every route the router serves with its permission; the
// authorization matrix test walks this list.
func (s *Server) Routes() []Route { return s.routeTable }

// registry records the permission of every route it registers.
type registry struct {
	engine *gin.Engine
	server *Server
	routes []Route
}

// handle registers a route with its permission; options let it take more
// than a small form (withBodyLimit, withFiles).
func (reg *registry) handle(method, path string, a Access, h gin.HandlerFunc, opts ...routeOption) {
	reg.declare(method, path, a)
	if len(opts) > 0 {
		rule := defaultBodyRule
		for _, o := range opts {
			o(&rule)
		}
		reg.server.bodies.add(method, path, rule)
	}
	reg.engine.Handle(method, path, reg.server.authorize(a), h)
}

func (reg *registry) declare(method, path string, a Access) {
	reg.routes = append(reg.routes, Route{Method: method, Path: path, Access: a})
}

// checkEveryRouteDeclared is deny by default at the level of the code: a
// route added to Gin without a permission stops the server at start.
func (reg *registry) checkEveryRouteDeclared() error {
	declared := map[string]bool{}
	for _, rt := range reg.routes {
		declared[rt.Method+" "+rt.Path] = true
	}
	for _, rt := range reg.engine.Routes() {
		if !declared[rt.Method+" "+rt.Path] {
			return fmt.Errorf("route %s %s has no declared permission", rt.Method, rt.Path)
		}
	}
	return nil
}
