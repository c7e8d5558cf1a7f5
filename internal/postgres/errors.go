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

// things are the identifiers of the names translate is given, for the
// translated message (error.thing.* in web/locales/errors.*.json).
var things = map[string]string{
	"Umsetzung": "implementation", "Plan": "plan", "Maßnahme": "measure", "Benutzer": "user",
	"Kommune": "municipality", "Bedarf": "need", "Mitgliedschaft": "membership", "Meilenstein": "milestone",
	"Unterstützungsanfrage": "supportRequest", "Protokoll": "auditLog", "Benchmark-Datensatz": "benchDataset",
	"Organisation": "organisation", "Diese Rolle": "role", "Datenbank": "database", "Demo-Konto": "demoAccount",
	"API-Zugang": "apiToken",
}

// unavailable is the error for a database that cannot be reached right now.
func unavailable(err error) error {
	return &domain.Error{Code: domain.CodeUnavailable, Key: "error.msg.unavailable",
		Message: "Die Datenbank ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut.", Err: err}
}

// translate turns a driver error into a domain error. what names the thing
// looked for ("Maßnahme", "Kommune"), for the not-found message; it must be
// one of things, so that the message can be translated.
func translate(err error, what string) error {
	if err == nil {
		return nil
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return &domain.Error{Code: domain.CodeNotFound, Message: what + " nicht gefunden.", Key: "error.msg.notFound", Err: err}
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return translatePgError(pgErr, what)
	}
	if isUnavailable(err) {
		return unavailable(err)
	}
	return &domain.Error{Code: domain.CodeInternal, Err: err}
}

func translatePgError(pgErr *pgconn.PgError, what string) error {
	switch pgErr.Code {
	case "23505": // unique_violation
		e := &domain.Error{Code: domain.CodeConflict, Message: what + " existiert bereits.", Err: pgErr}
		if thing, ok := things[what]; ok {
			e.Key, e.Args = "error.store.exists", []any{"Thing", thing}
		}
		return e
	case "23514", "23502", "22001", "22007", "22008", "22003", // check, not null, too long, bad date, out of range
		"22021", "22P05": // bytes that are not UTF-8, NUL characters
		return &domain.Error{Code: domain.CodeInvalid, Message: "Die Eingabe ist ungültig.", Key: "error.store.invalid", Err: pgErr}
	case "23503": // foreign_key_violation
		return &domain.Error{Code: domain.CodeInvalid, Message: "Ein verknüpfter Eintrag existiert nicht.",
			Key: "error.store.missingReference", Err: pgErr}
	case "57014", "55P03": // statement_timeout, lock_timeout: too busy to answer in time
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
