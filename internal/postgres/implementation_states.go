package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// ForEachImplementationState hands fn the state of every implementation of
// plan planID (of organisation orgID only, unless it is 0), by organisation
// and in catalogue order, row by row as the database sends them: the
// Land-scale export (107,000 rows) never holds them all.
func (db *DB) ForEachImplementationState(ctx context.Context, planID, orgID int64, fn func(domain.ImplementationState) error) error {
	// A download, not a page: reading and writing 107,000 rows takes
	// seconds, past the statement timeout meant for pages.
	err := pgx.BeginTxFunc(ctx, db.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if err := longStatements(ctx, tx); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `
		SELECT o.slug AS org_slug, m.code AS measure_code, m.title AS measure_title,
		       i.relevance, i.relevance_note, coalesce(i.status, '') AS status, i.status_note, i.progress, i.continuous,
		       i.responsible_org, i.start_on, i.due_on
		FROM implementations i
		JOIN measures m ON m.id = i.measure_id
		JOIN goals g ON g.id = m.goal_id
		JOIN action_fields f ON f.id = g.action_field_id
		JOIN organisations o ON o.id = i.organisation_id
		WHERE m.plan_id = $1 AND ($2::bigint = 0 OR i.organisation_id = $2)
		ORDER BY o.kind, o.name, o.id, f.position, f.code, g.position, g.code, m.position, m.code`, planID, orgID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			s, err := pgx.RowToStructByName[domain.ImplementationState](rows)
			if err != nil {
				return err
			}
			if err := fn(s); err != nil {
				return callerError{err}
			}
		}
		return rows.Err()
	})
	var ce callerError
	if errors.As(err, &ce) {
		return ce.err
	}
	return translate(err, "plan")
}

// callerError carries an error of the caller's function through a
// transaction untranslated.
type callerError struct{ err error }

func (e callerError) Error() string { return e.err.Error() }
func (e callerError) Unwrap() error { return e.err }
