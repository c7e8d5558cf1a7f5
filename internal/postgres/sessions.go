package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/alexedwards/scs/pgxstore"
	"github.com/alexedwards/scs/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// SessionStore keeps sign-in sessions server-side in the sessions table
// (migration 0002). pgxstore deletes expired sessions every five minutes in a
// goroutine that lives as long as the process.
//
// pgxstore runs its queries under context.Background(); the ctx methods here
// (scs uses them when a store has them) run them under the request's context
// instead, so a session lookup is cancelled with its request and counted by
// CountQueries like every other statement of a page.
func (db *DB) SessionStore() scs.Store {
	return sessionStore{PostgresStore: pgxstore.NewWithCleanupInterval(db.pool, 5*time.Minute), pool: db.pool}
}

type sessionStore struct {
	*pgxstore.PostgresStore
	pool *pgxpool.Pool
}

var _ scs.CtxStore = sessionStore{}

func (s sessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	err := s.pool.QueryRow(ctx, `SELECT data FROM sessions WHERE token = $1 AND current_timestamp < expiry`, token).Scan(&b)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, false, nil
	}
	return b, err == nil, translate(err, "database")
}

func (s sessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)
		ON CONFLICT (token) DO UPDATE SET data = EXCLUDED.data, expiry = EXCLUDED.expiry`, token, b, expiry)
	return translate(err, "database")
}

func (s sessionStore) DeleteCtx(ctx context.Context, token string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM sessions WHERE token = $1`, token)
	return translate(err, "database")
}

// AllCtx is part of scs.CtxStore; Planwerk never lists sessions.
func (s sessionStore) AllCtx(context.Context) (map[string][]byte, error) {
	return s.All()
}
