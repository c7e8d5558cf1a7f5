package main

import (
	"context"
	"log/slog"

	"github.com/planwerk/planwerk/internal/config"
)

// runDemo is what `make run` calls: local database (unless
// PLANWERK_DATABASE_URL is set), migrations, demo data, the demo sign-in
// service (unless PLANWERK_OIDC_ISSUER names a real one), server.
func runDemo(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(log)
	if err := seedDemo(ctx, db, log); err != nil {
		return err
	}
	if cfg.OIDCIssuer == "" {
		idp, err := startDemoIdP(ctx, &cfg, log)
		if err != nil {
			return err
		}
		defer closeDemoIdP(idp, log)
		if err := db.EnsureDemoAccounts(ctx, idp.Issuer(), demoAccounts()); err != nil {
			return err
		}
	}
	return serve(ctx, cfg, log, db)
}
