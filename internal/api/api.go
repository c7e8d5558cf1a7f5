// Package api is Planwerk's JSON API (v1) on the same use cases as the pages:
// Gin with huma v2, which generates the OpenAPI 3.1 document from the
// operations as registered, so the description cannot drift from the code.
// It is the only package besides server that imports Gin; *gin.Context and
// huma.Context never leave it.
package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humagin"
	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/authz"
	"github.com/planwerk/planwerk/internal/domain"
)

// Base is where the API lives; OpenAPIPath is its description.
const (
	Base        = "/api/v1"
	OpenAPIPath = Base + "/openapi.json"
)

// Store is what the API reads directly; *postgres.DB satisfies it.
type Store interface {
	FindAccount(ctx context.Context, userID int64) (domain.Account, error)
	FindScope(ctx context.Context, planSlug, orgSlug string) (domain.PlanScope, error)
	FindPlans(ctx context.Context) ([]domain.Plan, error)
	FindCatalogue(ctx context.Context, planID int64) ([]domain.ActionField, error)
	FindOpenOffers(ctx context.Context, afterID int64, modifiedSince *time.Time, limit int) ([]domain.Offer, error)
}

// Tokens authenticates a request's token; *apitoken.Service satisfies it.
type Tokens interface {
	Authenticate(ctx context.Context, secret string) (domain.APIToken, error)
}

// Deps are the parts the API is built from.
type Deps struct {
	Store           Store
	Tokens          Tokens
	Implementations Implementations
	Authz           *authz.Authorizer
	Log             *slog.Logger
	Texts           Texts
	PublicPlans     PublicPlans
	// DataLicence is shown with the open data (DefaultLicence when empty).
	DataLicence string
}

// API serves /api/v1; it is an http.Handler.
type API struct {
	deps   Deps
	engine *gin.Engine
	huma   huma.API
	// ops lists every operation with its permission, for Operations.
	ops []Operation
}

// New builds the API. An operation without a declared permission stops the
// program at start (deny by default, as for the pages).
func New(deps Deps) (*API, error) {
	if deps.Store == nil || deps.Tokens == nil || deps.Implementations == nil || deps.Authz == nil || deps.Log == nil ||
		deps.Texts == nil || deps.PublicPlans == nil {
		return nil, errors.New("api: Store, Tokens, Implementations, Authz, Log, Texts and PublicPlans are required")
	}
	loadMessages(deps.Texts)
	gin.SetMode(gin.ReleaseMode)
	engine := gin.New()
	engine.HandleMethodNotAllowed = true
	a := &API{deps: deps, engine: engine}
	engine.Use(a.recoverPanics)
	engine.NoRoute(func(c *gin.Context) {
		writeProblem(c.Writer, problemOf(http.StatusNotFound, domain.CodeNotFound, msg.notFound))
	})
	engine.NoMethod(func(c *gin.Context) {
		writeProblem(c.Writer, problemOf(http.StatusMethodNotAllowed, "method_not_allowed", msg.method))
	})
	a.huma = humagin.NewWithGroup(engine, engine.Group(Base), config())
	a.huma.UseMiddleware(a.authorize)
	a.registerAll()
	return a, a.checkEveryOperationDeclared()
}

// config is huma's configuration: OpenAPI 3.1 at /api/v1/openapi.json, no
// documentation page (it would load scripts from a CDN) and no "$schema"
// links, so that request bodies are strict objects: an unknown field is refused.
func config() huma.Config {
	cfg := huma.DefaultConfig("Planwerk API", "1.0.0")
	cfg.Info.Description = "Planwerk: Aktionspläne der Kreise und ihrer Kommunen. Siehe docs/api.md."
	cfg.Servers = []*huma.Server{{URL: Base}}
	cfg.OpenAPIPath = "/openapi"
	cfg.DocsPath = ""
	cfg.SchemasPath = ""
	cfg.CreateHooks = nil
	cfg.RejectUnknownQueryParameters = true
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"token": {Type: "http", Scheme: "bearer", Description: "Persönlicher API-Zugang (pw_…), siehe /konto/api-zugaenge."},
	}
	return cfg
}

// ServeHTTP serves a request under /api/.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.engine.ServeHTTP(w, r) }

// OpenAPI is the generated description.
func (a *API) OpenAPI() *huma.OpenAPI { return a.huma.OpenAPI() }

// recoverPanics turns a panic into a logged 500 problem, never a dropped connection.
func (a *API) recoverPanics(c *gin.Context) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			a.deps.Log.Error("api panic", "path", c.Request.URL.Path, "panic", fmt.Sprint(v))
			writeProblem(c.Writer, problemOf(http.StatusInternalServerError, domain.CodeInternal, msg.internal))
			c.Abort()
		}
	}()
	c.Next()
}
