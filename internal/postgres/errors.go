package postgres

import (
	"context"
	"errors"
	"net"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/planwerk/planwerk/internal/domain"
)

// translate turns a driver error into a domain error. what names the thing
// looked for ("Maßnahme", "Kommune"), for the not-found message.
func translate(err error, what string) error {
	if err == nil {
		return nil
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return &domain.Error{Code: domain.CodeNotFound, Message: what + " nicht gefunden.", Err: err}
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return translatePgError(pgErr, what)
	}
	if isUnavailable(err) {
		return &domain.Error{Code: domain.CodeUnavailable,
			Message: "Die Datenbank ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut.", Err: err}
	}
	return &domain.Error{Code: domain.CodeInternal, Err: err}
}

func translatePgError(pgErr *pgconn.PgError, what string) error {
	switch pgErr.Code {
	case "23505": // unique_violation
		return &domain.Error{Code: domain.CodeConflict, Message: what + " existiert bereits.", Err: pgErr}
	case "23514", "23502", "22001", "22007", "22008", "22003": // check, not null, too long, bad date, out of range
		return &domain.Error{Code: domain.CodeInvalid, Message: "Die Eingabe ist ungültig.", Err: pgErr}
	case "23503": // foreign_key_violation
		return &domain.Error{Code: domain.CodeInvalid, Message: "Ein verknüpfter Eintrag existiert nicht.", Err: pgErr}
	case "57P01", "57P02", "57P03", "53300": // admin shutdown, crash shutdown, cannot connect now, too many connections
		return &domain.Error{Code: domain.CodeUnavailable,
			Message: "Die Datenbank ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut.", Err: pgErr}
	}
	return &domain.Error{Code: domain.CodeInternal, Err: pgErr}
}

// isUnavailable reports errors that mean "the server cannot be reached", as
// opposed to a bug in a query.
func isUnavailable(err error) bool {
	var connErr *pgconn.ConnectError
	var netErr net.Error
	return errors.As(err, &connErr) || errors.As(err, &netErr) ||
		errors.Is(err, context.DeadlineExceeded) || pgconn.SafeToRetry(err)
}
