package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// AddProgressUpdate records a progress report on the implementation key
// names, with the implementation's status and progress at this
// moment, and keeps the implementation's last_update_on in step.
func (db *DB) AddProgressUpdate(ctx context.Context, key domain.ImplementationKey, reportedOn time.Time, body string, actorID *int64) (domain.ProgressUpdate, error) {
	var saved domain.ProgressUpdate
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		impl, err := findImplementation(ctx, tx, key, true)
		if err != nil {
			return err
		}
		saved, err = insertProgressUpdate(ctx, tx, key.OrgID, impl, reportedOn, body, actorID)
		return err
	})
	return saved, translate(err, "implementation")
}

// FindProgressUpdates lists an implementation's progress reports, newest first.
func (db *DB) FindProgressUpdates(ctx context.Context, orgID, implID int64) ([]domain.ProgressUpdate, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT p.id, p.implementation_id, p.reported_on, p.body, coalesce(p.status, '') AS status, p.progress, p.created_at
		FROM progress_updates p JOIN implementations i ON i.id = p.implementation_id
		WHERE i.organisation_id = $1 AND p.implementation_id = $2
		ORDER BY p.reported_on DESC, p.id DESC`, orgID, implID)
	if err != nil {
		return nil, translate(err, "implementation")
	}
	updates, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.ProgressUpdate])
	return updates, translate(err, "implementation")
}
