// Package server is Planwerk's HTTP layer: the Gin router, its middleware and
// one handler per file. It is the only package that imports Gin; handlers hand
// c.Request.Context() to the layers below, never the *gin.Context.
package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/planwerk/planwerk/internal/authz"
	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/service/apitoken"
	"github.com/planwerk/planwerk/internal/service/implementation"
)

// Store is what the pages read. *postgres.DB satisfies it.
type Store interface {
	Ping(ctx context.Context) error
	// FindScope resolves a plan-scoped address: plan, county, organisation.
	FindScope(ctx context.Context, planSlug, orgSlug string) (domain.PlanScope, error)
	FindPlans(ctx context.Context) ([]domain.Plan, error)
	FindCurrentPlanOf(ctx context.Context, orgSlug string) (domain.Plan, error)
	FindPlanOfMeasure(ctx context.Context, measureID int64) (domain.Plan, error)
	FindMunicipalities(ctx context.Context, countyID int64) ([]domain.Organisation, error)
	FindOrganisations(ctx context.Context, kind domain.OrgKind) ([]domain.Organisation, error)
	FindCatalogue(ctx context.Context, planID int64) ([]domain.ActionField, error)
	TallyByMeasure(ctx context.Context, planID int64) (map[int64]domain.Tally, error)
	FindAccount(ctx context.Context, userID int64) (domain.Account, error)
	FindSupportQueue(ctx context.Context, f domain.SupportQueueFilter) ([]domain.SupportRequest, error)
}

// Authenticator signs users in through OpenID Connect and keeps their
// server-side session. *auth.Authenticator satisfies it.
type Authenticator interface {
	// Wrap loads and saves the session around every request.
	Wrap(next http.Handler) http.Handler
	// OnSessionError sets the answer when the session store fails.
	OnSessionError(func(http.ResponseWriter, *http.Request, error))
	LoginURL(ctx context.Context, next string) (string, error)
	Finish(ctx context.Context, query url.Values) (next string, err error)
	Logout(ctx context.Context) (redirectURL string, err error)
	UserID(ctx context.Context) (int64, bool)
}

// Deps are the parts the server is built from.
type Deps struct {
	Store Store
	Auth  Authenticator
	Authz *authz.Authorizer
	Log   *slog.Logger
	// Implementations runs the use cases of a town's implementations;
	// Services those of the other pages (service_wiring.go).
	Implementations *implementation.Service
	Services        Services
	// Tokens manages the personal API tokens of the signed-in user's page.
	Tokens *apitoken.Service
	// PDF prints the reports' PDFs; nil when no Chromium is installed (the
	// PDF download then explains what to install).
	PDF PDFPrinter
}

// Options configure the server.
type Options struct {
	// IssuerURL is the identity provider's issuer; the CSP lets the sign-out
	// form be redirected there.
	IssuerURL string
	// PublicURL is where users reach the app (e.g. http://localhost:8080);
	// sign-in starts on its host so the session cookie and the callback match.
	PublicURL string
	// Operator names the body that runs this instance, shown in the page header.
	Operator string
	// Now returns the current time; tests fix it so that "overdue" is stable.
	Now func() time.Time
	// RequestTimeout is every request's deadline (PLANWERK_REQUEST_TIMEOUT):
	// a page whose database hangs answers 503 by then. Required.
	RequestTimeout time.Duration
	// TrustedProxies may name the client in X-Forwarded-For
	// (PLANWERK_TRUSTED_PROXIES, clientAddress).
	TrustedProxies []netip.Prefix
}

// Server holds the router and what its handlers need.
type Server struct {
	store Store
	impls *implementation.Service
	auth  Authenticator
	authz *authz.Authorizer
	log   *slog.Logger
	pages *pages
	// messages holds the UI texts in every language (web/locales).
	messages *i18n.Bundle
	// plainMessages are the messages without placeholders, by language.
	plainMessages map[string]map[string]string
	opts          Options
	handler       http.Handler
	// sessionless serves needsNoSession paths without the session layer.
	sessionless http.Handler
	// csp is the Content-Security-Policy sent with every response.
	csp string
	// routeTable lists every route with its permission, for Routes.
	routeTable []Route
	// bodies holds the routes that accept more than the default body.
	bodies bodyRules
	// Services are the use cases of the pages (service_wiring.go).
	services Services
	tokens   *apitoken.Service
	api      http.Handler
	pdf      PDFPrinter
	// limits bounds the public routes per client address (ratelimit.go).
	limits *rateLimits
}

// New builds the server: templates are parsed and routes registered here, so
// that a missing template or a route without a declared permission stops the
// program at start.
func New(deps Deps, opts Options) (*Server, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	sv := deps.Services
	if deps.Store == nil || deps.Auth == nil || deps.Authz == nil || deps.Log == nil || deps.Implementations == nil ||
		deps.Tokens == nil || sv.Needs == nil || sv.LocalMeasures == nil || sv.Memberships == nil || sv.Plans == nil ||
		sv.Reports == nil || sv.Monitoring == nil || sv.Rounds == nil || sv.Inbox == nil || sv.StartPages == nil ||
		sv.Notify == nil || sv.Catalogue == nil || sv.Offers == nil || sv.PublicPlans == nil || sv.Versions == nil {
		return nil, errors.New("server: Store, Implementations, Services, Auth, Authz, Log and Tokens are required")
	}
	if opts.RequestTimeout <= 0 {
		return nil, errors.New("server: RequestTimeout is required")
	}
	if _, err := staticAssets(); err != nil {
		return nil, err
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	messages, plainMessages, err := loadMessages()
	if err != nil {
		return nil, err
	}
	s := &Server{store: deps.Store, impls: deps.Implementations, auth: deps.Auth, authz: deps.Authz, log: deps.Log, pages: pages,
		messages: messages, plainMessages: plainMessages, opts: opts, csp: contentSecurityPolicy(opts.IssuerURL),
		services: deps.Services, tokens: deps.Tokens, pdf: deps.PDF, limits: newRateLimits(time.Now)}
	router, err := s.routes()
	if err != nil {
		return nil, err
	}
	// Outermost first: refuse cross-origin writes before anything else runs,
	// then load the session, then route.
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(s.crossOriginRefused))
	s.auth.OnSessionError(s.sessionUnavailable)
	s.handler = csrf.Handler(s.auth.Wrap(router))
	s.sessionless = router
	return s, nil
}

// needsNoSession names the paths served without loading a session: health
// checks must answer while the database (which holds the sessions) is down,
// and static files need no one signed in.
func needsNoSession(path string) bool {
	return path == "/healthz" || path == "/readyz" || strings.HasPrefix(path, "/static/")
}

// isAPIPath names the paths of the JSON API: they authenticate by token,
// never by the session cookie, so neither the session layer nor the
// browsers' CSRF check applies to them (a cookie authenticates nothing there).
func isAPIPath(path string) bool { return strings.HasPrefix(path, "/api/") }
