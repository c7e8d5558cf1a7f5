package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// ReportStatus records a "Sachstand" in one transaction: it applies change
// to the implementation (status and progress, with optimistic locking on
// expectedVersion as UpdateImplementation does), then records the progress
// report with the status and progress just saved, then adds the milestone
// when one is given. Each part writes the audit event its own save writes,
// and a failure of any part leaves nothing behind.
//
// On a version conflict it returns the current implementation with an error
// wrapping domain.ErrStaleVersion.
func (db *DB) ReportStatus(ctx context.Context, key domain.ImplementationKey, expectedVersion int, actorID *int64,
	change func(domain.Implementation) (domain.Implementation, error),
	report domain.NewProgressReport, milestone *domain.NewMilestone) (domain.Implementation, error) {
	var result domain.Implementation
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		current, err := findImplementation(ctx, tx, key, true)
		if err != nil {
			return err
		}
		if current.Version != expectedVersion {
			result = current
			return staleVersion("error.store.stale", "implementation changed since it was read")
		}
		updated, err := change(current)
		if err != nil {
			return err
		}
		if result, err = writeImplementation(ctx, tx, current, updated, actorID); err != nil {
			return err
		}
		if _, err = insertProgressUpdate(ctx, tx, key.OrgID, result, report.ReportedOn, report.Body, actorID); err != nil {
			return err
		}
		if milestone != nil {
			_, err = insertMilestone(ctx, tx, key, milestone.Title, milestone.DueOn, actorID)
		}
		return err
	})
	return result, translate(err, "implementation")
}

// insertProgressUpdate records a progress report with impl's status and
// progress, keeps last_update_on in step and writes the audit event.
func insertProgressUpdate(ctx context.Context, tx pgx.Tx, orgID int64, impl domain.Implementation, reportedOn time.Time,
	body string, actorID *int64) (domain.ProgressUpdate, error) {
	rows, _ := tx.Query(ctx, `
		INSERT INTO progress_updates (implementation_id, reported_on, body, status, progress, author_id)
		VALUES ($1, $2, $3, nullif($4, ''), $5, $6)
		RETURNING id, implementation_id, reported_on, body, coalesce(status, '') AS status, progress, created_at`,
		impl.ID, reportedOn, body, impl.Status, impl.Progress, actorID)
	saved, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.ProgressUpdate])
	if err != nil {
		return saved, err
	}
	// A report not later than the last one leaves the date as it is: no
	// UPDATE, so neither the row nor the kept counts' triggers are touched
	// (statement triggers fire even for an UPDATE that changes no row).
	if impl.LastUpdateOn == nil || saved.ReportedOn.After(*impl.LastUpdateOn) {
		if _, err = tx.Exec(ctx, `UPDATE implementations SET last_update_on = greatest(last_update_on, $2)
			WHERE id = $1`, impl.ID, reportedOn); err != nil {
			return saved, err
		}
	}
	return saved, insertImplementationAudit(ctx, tx, orgID, impl.ID, auditEntry{ActorID: actorID,
		Entity: "progress_update", EntityID: saved.ID, Action: "create",
		Changes: map[string]domain.Change{"body": {New: body}, "reported_on": {New: reportedOn.Format(time.DateOnly)}}})
}

// insertMilestone adds a milestone to the implementation key names and
// writes the audit event.
func insertMilestone(ctx context.Context, tx pgx.Tx, key domain.ImplementationKey, title string, dueOn *time.Time,
	actorID *int64) (domain.Milestone, error) {
	rows, _ := tx.Query(ctx, `
		INSERT INTO milestones AS m (implementation_id, title, due_on) VALUES ($1, $2, $3)
		RETURNING `+milestoneColumns, key.ID, title, dueOn)
	saved, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.Milestone])
	if err != nil {
		return saved, err
	}
	return saved, insertImplementationAudit(ctx, tx, key.OrgID, key.ID, auditEntry{ActorID: actorID,
		Entity: "milestone", EntityID: saved.ID, Action: "create",
		Changes: map[string]domain.Change{"title": {New: title}, "due_on": {New: optionalDate(dueOn)}}})
}
