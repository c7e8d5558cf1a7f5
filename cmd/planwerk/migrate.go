package main

import (
	"context"
	"log/slog"

	"github.com/planwerk/planwerk/internal/config"
)

// runMigrate brings the schema up to date; openDatabase migrates on open.
func runMigrate(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	db.Close(log)
	log.Info("Datenbankschema ist auf dem neuesten Stand")
	return nil
}
