package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// DiscardPlanVersion deletes the draft next version of plan oldID with its
// catalogue and mapping, in one transaction; the old version may then be
// continued afresh. An adopted version is never deleted, nor a draft that
// reports or reporting rounds were made on (they are kept for good).
func (db *DB) DiscardPlanVersion(ctx context.Context, oldID int64, actorID *int64) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT 1 FROM plans WHERE id = $1 FOR UPDATE`, oldID); err != nil {
			return err
		}
		newID, owner, err := lockDraftOf(ctx, tx, oldID)
		if err != nil {
			return err
		}
		var kept bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM reports WHERE plan_id = $1)
			OR EXISTS (SELECT 1 FROM reporting_rounds WHERE plan_id = $1)`, newID).Scan(&kept); err != nil {
			return err
		}
		if kept {
			return domain.Keyed(domain.CodeConflict, "", "versions.err.discardKept", "the draft has reports")
		}
		var title, version string
		if err := tx.QueryRow(ctx, `SELECT title, version FROM plans WHERE id = $1`, newID).Scan(&title, &version); err != nil {
			return err
		}
		// The catalogue, the mapping and everything else of the draft go with
		// it (ON DELETE CASCADE); the audit log keeps that it existed.
		if _, err := tx.Exec(ctx, `DELETE FROM plans WHERE id = $1`, newID); err != nil {
			return err
		}
		return auditPlan(ctx, tx, oldID, owner, actorID, "update", map[string]domain.Change{
			"successor": {Old: map[string]any{"id": newID, "title": title, "version": version}}})
	})
	return translate(err, "plan")
}
