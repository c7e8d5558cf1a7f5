package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

const milestoneColumns = `m.id, m.implementation_id, m.title, m.due_on, m.done, m.done_on, m.created_at`

// AddMilestone adds a milestone to the implementation key names and records it in the audit log.
func (db *DB) AddMilestone(ctx context.Context, key domain.ImplementationKey, title string, dueOn *time.Time, actorID *int64) (domain.Milestone, error) {
	var saved domain.Milestone
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := findImplementation(ctx, tx, key, false); err != nil {
			return err
		}
		var err error
		saved, err = insertMilestone(ctx, tx, key, title, dueOn, actorID)
		return err
	})
	return saved, translate(err, "milestone")
}

// SetMilestoneDone marks a milestone done (on the given day) or open again.
// Setting the state it already has changes nothing and logs nothing.
func (db *DB) SetMilestoneDone(ctx context.Context, key domain.MilestoneKey, done bool, on time.Time, actorID *int64) (domain.Milestone, error) {
	var saved domain.Milestone
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		current, err := findMilestone(ctx, tx, key)
		if err != nil {
			return err
		}
		if current.Done == done {
			saved = current
			return nil
		}
		var doneOn *time.Time
		if done {
			day := time.Date(on.Year(), on.Month(), on.Day(), 0, 0, 0, 0, time.UTC)
			doneOn = &day
		}
		rows, _ := tx.Query(ctx, `UPDATE milestones m SET done = $2, done_on = $3 WHERE m.id = $1
			RETURNING `+milestoneColumns, key.ID, done, doneOn)
		if saved, err = pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.Milestone]); err != nil {
			return err
		}
		return insertImplementationAudit(ctx, tx, key.Implementation.OrgID, key.Implementation.ID, auditEntry{ActorID: actorID,
			Entity: "milestone", EntityID: key.ID, Action: "update",
			Changes: map[string]domain.Change{
				"title": {Old: current.Title, New: current.Title},
				"done":  {Old: current.Done, New: done},
			}})
	})
	return saved, translate(err, "milestone")
}

// DeleteMilestone removes a milestone; the audit log keeps what it was.
func (db *DB) DeleteMilestone(ctx context.Context, key domain.MilestoneKey, actorID *int64) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		current, err := findMilestone(ctx, tx, key)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM milestones WHERE id = $1`, key.ID); err != nil {
			return err
		}
		return insertImplementationAudit(ctx, tx, key.Implementation.OrgID, key.Implementation.ID, auditEntry{ActorID: actorID,
			Entity: "milestone", EntityID: key.ID, Action: "delete",
			Changes: map[string]domain.Change{"title": {Old: current.Title}, "due_on": {Old: optionalDate(current.DueOn)},
				"done": {Old: current.Done}}})
	})
	return translate(err, "milestone")
}

// findMilestone locks one milestone of one implementation of the given
// key; a milestone of anyone else's implementation is not found.
func findMilestone(ctx context.Context, tx pgx.Tx, key domain.MilestoneKey) (domain.Milestone, error) {
	rows, _ := tx.Query(ctx, `
		SELECT `+milestoneColumns+`
		FROM milestones m
		WHERE m.id = $4 AND m.implementation_id = (
			SELECT i.id FROM implementations i JOIN measures m ON m.id = i.measure_id WHERE `+implementationKeyMatch+`)
		FOR UPDATE OF m`, key.Implementation.OrgID, key.Implementation.ID, key.Implementation.PlanID, key.ID)
	m, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.Milestone])
	return m, translate(err, "milestone")
}

// optionalDate is a date as the audit log stores it: ISO 8601, or nil.
func optionalDate(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Format(time.DateOnly)
}
