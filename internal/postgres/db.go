// Package postgres is Planwerk's storage layer and the only package that
// imports pgx. Queries are written by hand with explicit column lists; driver
// errors leave this package translated into domain errors.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// DB is the storage layer: a connection pool plus the stores built on it.
type DB struct {
	pool *pgxpool.Pool
	// health logs outages once; nil for a DB built by NewDB.
	health *health
	// jobs inserts River jobs in the store's own transactions (mail_jobs.go).
	jobs jobInserter
}

// Options bound how long Planwerk waits for the database, so that a hung
// server costs a request a few seconds rather than all its time.
type Options struct {
	// ConnectTimeout bounds opening one connection, and the check at start.
	ConnectTimeout time.Duration
	// AcquireTimeout bounds waiting for a connection from the pool: while
	// the server hangs, every pooled connection is stuck, and a request must
	// give up rather than queue behind them. Zero: as long as the caller's context.
	AcquireTimeout time.Duration
	// StatementTimeout and LockTimeout become PostgreSQL's statement_timeout
	// and lock_timeout on every connection; zero leaves the server's setting.
	StatementTimeout, LockTimeout time.Duration
	// Log gets one line when the database stops answering and one when it
	// answers again, instead of one per failed request; nil: no such lines.
	Log *slog.Logger
}

// Open connects to the database at url and checks that it answers within
// opts.ConnectTimeout. The pool reconnects by itself when the server comes
// back after an outage, so a DB outlives database restarts.
func Open(ctx context.Context, url string, opts Options) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("PLANWERK_DATABASE_URL is invalid: %w", err)
	}
	h := newHealth(opts.Log)
	cfg.ConnConfig.Tracer = tracer{acquireTimeout: opts.AcquireTimeout, health: h}
	cfg.ConnConfig.ConnectTimeout = opts.ConnectTimeout
	setTimeout(cfg.ConnConfig.RuntimeParams, "statement_timeout", opts.StatementTimeout)
	setTimeout(cfg.ConnConfig.RuntimeParams, "lock_timeout", opts.LockTimeout)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("database unreachable: %w", err)
	}
	db := &DB{pool: pool, health: h}
	pingCtx, cancel := context.WithTimeout(ctx, opts.ConnectTimeout)
	defer cancel()
	if err := pool.Ping(pingCtx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("database %s unreachable (%s): is the server running, is PLANWERK_DATABASE_URL right?",
			displayHost(cfg.ConnConfig.Host, cfg.ConnConfig.Port), rootCause(err))
	}
	return db, nil
}

// setTimeout sets a PostgreSQL timeout parameter in milliseconds, its unit.
func setTimeout(params map[string]string, name string, d time.Duration) {
	if d > 0 {
		params[name] = strconv.FormatInt(d.Milliseconds(), 10)
	}
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

// Close releases every connection. It waits for connections in use to come
// back; CloseWithin bounds that wait.
func (db *DB) Close() { db.pool.Close() }

// CloseWithin closes the pool but waits at most d for connections still in
// use (a statement stuck in a hung server never returns its connection). It
// reports whether the pool closed in time; if not, closing goes on in the
// background and the caller may exit regardless.
func (db *DB) CloseWithin(d time.Duration) bool {
	done := make(chan struct{})
	go func() {
		db.pool.Close()
		close(done)
	}()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-done:
		return true
	case <-timer.C:
		return false
	}
}

// Ping reports whether the database answers; /readyz uses it.
func (db *DB) Ping(ctx context.Context) error {
	err := db.pool.Ping(ctx)
	db.health.observe(err) // pings bypass the tracer
	return translate(err, "database")
}
