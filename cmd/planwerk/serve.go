package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/planwerk/planwerk/internal/auth"
	"github.com/planwerk/planwerk/internal/authz"
	"github.com/planwerk/planwerk/internal/config"
	"github.com/planwerk/planwerk/internal/server"
)

func runServe(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	if cfg.OIDCIssuer == "" {
		return errors.New("PLANWERK_OIDC_ISSUER fehlt: Planwerk meldet Benutzer nur über OpenID Connect an " +
			"(siehe docs/sign-in.md); zum Ausprobieren startet `planwerk demo` einen eigenen Anmeldedienst")
	}
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(log)
	return serve(ctx, cfg, log, db)
}

// newServer wires the HTTP server: policy, sign-in with server-side sessions
// in PostgreSQL, and the store.
func newServer(cfg config.Config, log *slog.Logger, db *database) (*server.Server, error) {
	az, err := authz.New()
	if err != nil {
		return nil, err
	}
	authn := auth.New(auth.ConfigFrom(cfg), db, db.SessionStore(), log)
	return server.New(server.Deps{Store: db, Auth: authn, Authz: az, Log: log},
		server.Options{Operator: cfg.Operator, PublicURL: cfg.PublicURL, IssuerURL: cfg.OIDCIssuer})
}

// serve answers HTTP until ctx is cancelled, then drains open requests.
func serve(ctx context.Context, cfg config.Config, log *slog.Logger, db *database) error {
	srv, err := newServer(cfg, log, db)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("kann nicht auf %s lauschen (PLANWERK_ADDR): %w", cfg.Addr, err)
	}
	httpServer := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 30 * time.Second, WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- httpServer.Serve(ln) }()
	log.Info("Planwerk läuft", "url", cfg.PublicURL)

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("beende Planwerk …")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := httpServer.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
