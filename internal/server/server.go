// Package server is Planwerk's HTTP layer: the Gin router, its middleware and
// one handler per file. It is the only package that imports Gin; handlers hand
// c.Request.Context() to the layers below, never the *gin.Context.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// Store is what the pages read. *postgres.DB satisfies it.
type Store interface {
	Ping(ctx context.Context) error
	FindPlans(ctx context.Context) ([]domain.Plan, error)
	FindPlanBySlug(ctx context.Context, slug string) (domain.Plan, error)
	FindCurrentPlan(ctx context.Context) (domain.Plan, error)
	FindCatalogue(ctx context.Context, planID int64) ([]domain.ActionField, error)
	TallyByMeasure(ctx context.Context, planID int64) (map[int64]domain.Tally, error)
	FindMeasure(ctx context.Context, measureID int64) (domain.MeasureContext, error)
	FindImplementationsOfMeasure(ctx context.Context, measureID int64) ([]domain.MunicipalImplementation, error)
	FindOrganisationBySlug(ctx context.Context, slug string) (domain.Organisation, error)
	FindOrganisations(ctx context.Context, kind domain.OrgKind) ([]domain.Organisation, error)
	FindWorkspace(ctx context.Context, orgID, planID int64) ([]domain.WorkspaceItem, error)
}

// Options configure the server.
type Options struct {
	// Operator names the body that runs this instance, shown in the page header.
	Operator string
	// Now returns the current time; tests fix it so that "overdue" is stable.
	Now func() time.Time
}

// Server holds the router and what its handlers need.
type Server struct {
	store  Store
	log    *slog.Logger
	pages  *pages
	opts   Options
	router *gin.Engine
}

// New builds the server: templates are parsed and routes registered here, so
// that a missing template or an undeclared route stops the program at start.
func New(store Store, log *slog.Logger, opts Options) (*Server, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	s := &Server{store: store, log: log, pages: pages, opts: opts}
	s.router = s.routes()
	return s, nil
}

// ServeHTTP makes the server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.router.ServeHTTP(w, r) }
