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
		rows, _ := tx.Query(ctx, `
			INSERT INTO progress_updates (implementation_id, reported_on, body, status, progress, author_id)
			VALUES ($1, $2, $3, nullif($4, ''), $5, $6)
			RETURNING id, implementation_id, reported_on, body, coalesce(status, '') AS status, progress, created_at`,
			impl.ID, reportedOn, body, impl.Status, impl.Progress, actorID)
		if saved, err = pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.ProgressUpdate]); err != nil {
			return err
		}
		if _, err = tx.Exec(ctx, `UPDATE implementations SET last_update_on = greatest(last_update_on, $2)
			WHERE id = $1`, impl.ID, reportedOn); err != nil {
			return err
		}
		return insertImplementationAudit(ctx, tx, key.OrgID, impl.ID, auditEntry{ActorID: actorID,
			Entity: "progress_update", EntityID: saved.ID, Action: "create",
			Changes: map[string]domain.Change{"body": {New: body}, "reported_on": {New: reportedOn.Format(time.DateOnly)}}})
	})
	return saved, translate(err, "Umsetzung")
}

// FindProgressUpdates lists an implementation's progress reports, newest first.
func (db *DB) FindProgressUpdates(ctx context.Context, orgID, implID int64) ([]domain.ProgressUpdate, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT p.id, p.implementation_id, p.reported_on, p.body, coalesce(p.status, '') AS status, p.progress, p.created_at
		FROM progress_updates p JOIN implementations i ON i.id = p.implementation_id
		WHERE i.organisation_id = $1 AND p.implementation_id = $2
		ORDER BY p.reported_on DESC, p.id DESC`, orgID, implID)
	if err != nil {
		return nil, translate(err, "Umsetzung")
	}
	updates, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.ProgressUpdate])
	return updates, translate(err, "Umsetzung")
}
