package postgres

import (
	"context"
	"database/sql"
	"fmt"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver goose needs
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/planwerk/planwerk/migrations"
)

// Migrate applies every pending migration from migrations.FS to the database
// at databaseURL. It serves `planwerk migrate`, the start of `serve` and the
// test harness's template database.
//
// A goose Provider is used rather than goose's package-level functions,
// which keep the file system and dialect in globals. The session lock (a
// PostgreSQL advisory lock) lets several instances start at once: one
// migrates, the others wait and then find nothing to do.
func Migrate(ctx context.Context, databaseURL string) error {
	db, err := sql.Open("pgx", databaseURL)
	if err != nil {
		return fmt.Errorf("migrate: invalid database URL: %w", err)
	}
	defer db.Close()
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return fmt.Errorf("Migration: %w", err)
	}
	provider, err := goose.NewProvider(goose.DialectPostgres, db, migrations.FS, goose.WithSessionLocker(locker))
	if err != nil {
		return fmt.Errorf("Migration: %w", err)
	}
	if _, err := provider.Up(ctx); err != nil {
		return fmt.Errorf("Migration fehlgeschlagen: %w", err)
	}
	return migrateRiver(ctx, databaseURL)
}
