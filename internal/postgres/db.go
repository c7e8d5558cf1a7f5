// Package postgres is Planwerk's storage layer and the only package that
// imports pgx. Queries are written by hand with explicit column lists; driver
// errors leave this package translated into domain errors.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
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
		return nil, fmt.Errorf("Datenbank %s nicht erreichbar (%s) – läuft der Server, stimmt PLANWERK_DATABASE_URL?",
			displayHost(cfg.ConnConfig.Host, cfg.ConnConfig.Port), rootCause(err))
	}
	return db, nil
}

// displayHost names a server for a message; a unix socket folder stays a path.
func displayHost(host string, port uint16) string {
	if strings.HasPrefix(host, "/") {
		return host
	}
	return fmt.Sprintf("%s:%d", host, port)
}

// rootCause is the innermost error, which says what actually went wrong
// ("connection refused") in one line, without the driver's multi-line detail.
func rootCause(err error) string {
	for {
		next := errors.Unwrap(err)
		if joined, ok := err.(interface{ Unwrap() []error }); ok && len(joined.Unwrap()) > 0 {
			next = joined.Unwrap()[0] // one attempt per address; the first says it all
		}
		if next == nil {
			return strings.Join(strings.Fields(err.Error()), " ")
		}
		err = next
	}
}

// NewDB wraps an existing pool (tests build pools through the test harness).
func NewDB(pool *pgxpool.Pool) *DB { return &DB{pool: pool} }

// Close releases every connection.
func (db *DB) Close() { db.pool.Close() }

// Ping reports whether the database answers; /readyz uses it.
func (db *DB) Ping(ctx context.Context) error {
	return translate(db.pool.Ping(ctx), "Datenbank")
}
