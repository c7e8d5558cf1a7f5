package postgres

import (
	"context"
	"errors"
	"net"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/puddle/v2"

	"github.com/planwerk/planwerk/internal/domain"
)

// unavailable is the error for a database that cannot be reached right now.
func unavailable(err error) error {
	return &domain.Error{Code: domain.CodeUnavailable, Key: "error.msg.unavailable",
		Message: "database unavailable", Err: err}
}

// translate turns a driver error into a domain error. thing names the kind
// of record looked for or written ("measure", "municipality"): the UI names
// it in its message by error.thing.<thing> in web/locales.
func translate(err error, thing string) error {
	if err == nil {
		return nil
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return &domain.Error{Code: domain.CodeNotFound, Message: thing + " not found", Key: "error.msg.notFound", Err: err}
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return translatePgError(pgErr, thing)
	}
	if isUnavailable(err) {
		return unavailable(err)
	}
	return &domain.Error{Code: domain.CodeInternal, Err: err}
}

func translatePgError(pgErr *pgconn.PgError, thing string) error {
	switch pgErr.Code {
	case "23505": // unique_violation
		return &domain.Error{Code: domain.CodeConflict, Message: thing + " exists already",
			Key: "error.store.exists", Args: []any{"Thing", thing}, Err: pgErr}
	case "23514", "23502", "22001", "22007", "22008", "22003", // check, not null, too long, bad date, out of range
		"22021", "22P05": // bytes that are not UTF-8, NUL characters
		return &domain.Error{Code: domain.CodeInvalid, Message: "value refused by a constraint", Key: "error.store.invalid", Err: pgErr}
	case "23503": // foreign_key_violation
		return &domain.Error{Code: domain.CodeInvalid, Message: "referenced record missing",
			Key: "error.store.missingReference", Err: pgErr}
	case "55000": // object_not_in_prerequisite_state: raised by the frozen-report triggers (0008)
		return &domain.Error{Code: domain.CodeConflict, Message: thing + " is frozen",
			Key: "error.report.frozen", Err: pgErr}
	case "57014", "55P03", // statement_timeout, lock_timeout: too busy to answer in time
		"40P01", "40001": // deadlock, serialization failure: two writes crossed; trying again works
		return unavailable(pgErr)
	}
	if serverGoingAway(pgErr.Code) {
		return unavailable(pgErr)
	}
	return &domain.Error{Code: domain.CodeInternal, Err: pgErr}
}

// serverGoingAway reports the codes of a server that is shutting down,
// restarting or out of resources: admin shutdown, crash shutdown, cannot
// connect now, and class 53 (disk full, out of memory, too many connections).
func serverGoingAway(code string) bool {
	switch code {
	case "57P01", "57P02", "57P03":
		return true
	}
	return strings.HasPrefix(code, "53")
}

// isUnavailable reports errors that mean "the server cannot be reached now",
// as opposed to a bug in a query: no connection, no answer in time, a request
// cancelled (its client left, or the app is shutting down) or a pool already
// closed for shutdown.
func isUnavailable(err error) bool {
	var connErr *pgconn.ConnectError
	var netErr net.Error
	return errors.As(err, &connErr) || errors.As(err, &netErr) ||
		errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) ||
		errors.Is(err, puddle.ErrClosedPool) || pgconn.SafeToRetry(err)
}
