// Package postgres is Planwerk's storage layer and the only package that
// imports pgx. Queries are written by hand with explicit column lists; driver
// errors leave this package translated into domain errors.
package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// DB is the storage layer: a connection pool plus the stores built on it.
type DB struct {
	pool *pgxpool.Pool
}

// Open connects to the database at url and checks that it answers within
// timeout. The pool reconnects by itself when the server comes back after an
// outage, so a DB outlives database restarts.
func Open(ctx context.Context, url string, timeout time.Duration) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("PLANWERK_DATABASE_URL ist ungültig: %w", err)
	}
	cfg.ConnConfig.Tracer = queryCounter{}
	cfg.ConnConfig.ConnectTimeout = timeout
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("Datenbank nicht erreichbar: %w", err)
	}
	db := &DB{pool: pool}
	pingCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := pool.Ping(pingCtx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("Datenbank nicht erreichbar (%s): %w", cfg.ConnConfig.Host, err)
	}
	return db, nil
}

// NewDB wraps an existing pool (tests build pools through the test harness).
func NewDB(pool *pgxpool.Pool) *DB { return &DB{pool: pool} }

// Close releases every connection.
func (db *DB) Close() { db.pool.Close() }

// Ping reports whether the database answers; /readyz uses it.
func (db *DB) Ping(ctx context.Context) error {
	return translate(db.pool.Ping(ctx), "Datenbank")
}
