package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/testdb"
)

// TestWaitingTooLongIsUnavailable checks the answers of a database that
// cannot serve right now: a closed pool (shutdown), a statement over
// statement_timeout, a lock not granted within lock_timeout. Each is
// CodeUnavailable (the 503 page), not an internal error.
func TestWaitingTooLongIsUnavailable(t *testing.T) {
	ctx := context.Background()
	url := testdb.URL(t)
	db, err := postgres.Open(ctx, url, postgres.Options{ConnectTimeout: 10 * time.Second,
		StatementTimeout: 200 * time.Millisecond, LockTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	other, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(other.Close)

	// statement_timeout: the server itself cancels a statement that runs too long.
	_, err = db.RunForTest(ctx, "SELECT pg_sleep(5)")
	expectUnavailable(t, "statement over statement_timeout", err)

	// lock_timeout: another connection holds the sessions table.
	tx, err := other.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	if _, err := tx.Exec(ctx, "LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE"); err != nil {
		t.Fatal(err)
	}
	_, _, err = db.SessionStore().(interface {
		FindCtx(context.Context, string) ([]byte, bool, error)
	}).FindCtx(ctx, "token")
	expectUnavailable(t, "lock over lock_timeout", err)

	db.Close()
	_, err = db.FindOrganisations(ctx, domain.OrgMunicipality)
	expectUnavailable(t, "closed pool", err)
}

func expectUnavailable(t *testing.T, what string, err error) {
	t.Helper()
	if domain.ErrorCode(err) != domain.CodeUnavailable {
		t.Errorf("%s: %v (code %q), want %q", what, err, domain.ErrorCode(err), domain.CodeUnavailable)
	}
}

// TestServerOutOfResourcesIsUnavailable: a full disk or exhausted memory
// (SQLSTATE class 53) and a server shutting down ask the user to come back
// later (503), like an unreachable server; they are no bug of ours (500).
func TestServerOutOfResourcesIsUnavailable(t *testing.T) {
	for _, code := range []string{"53100", "53200", "53300", "57P01", "57P03", "57014", "55P03"} {
		expectUnavailable(t, "SQLSTATE "+code, postgres.Translate(&pgconn.PgError{Code: code}, "database"))
	}
}
