package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
)

// riverMigrationLock is the advisory lock that serialises River's migrator
// when several instances start at once (goose's own lock is released by then).
const riverMigrationLock = 0x706c616e_72697672 // "planrivr"

// migrateRiver applies River's migrations (river_job, river_leader, …) with
// River's own migrator, under an advisory lock, as the
// last step of every migration run: `planwerk migrate`, the start of
// `serve`, `demo` and `worker`, and the test harness's template database.
// River owns that schema and its upgrades; Planwerk's migrations never touch it.
func migrateRiver(ctx context.Context, databaseURL string) error {
	pool, err := pgxpool.New(ctx, databaseURL)
	if err != nil {
		return fmt.Errorf("Migration (River): %w", err)
	}
	defer pool.Close()
	migrator, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return fmt.Errorf("Migration (River): %w", err)
	}
	// River's migrations run one transaction each (one adds an enum value a
	// later one uses), so the lock is a session lock on a connection of its own.
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("Migration (River): %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(riverMigrationLock)); err != nil {
		return fmt.Errorf("Migration (River): %w", err)
	}
	defer func() {
		_, _ = conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(riverMigrationLock))
	}()
	if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("Migration (River) fehlgeschlagen: %w", err)
	}
	return nil
}
