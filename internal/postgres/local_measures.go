package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// CreateLocalMeasure adds a municipality's own measure under a goal of plan
// planID, together with the municipality's implementation of it (relevant,
// planned), in one transaction with an audit event for each. It returns the
// new implementation.
//
// The code is the goal's code, "L-", the municipality's slug and a running
// number ("3.2.L-duelmen-1"), unique within the plan. A goal that does not
// exist or belongs to another plan is refused as invalid input.
func (db *DB) CreateLocalMeasure(ctx context.Context, orgID, planID int64, actorID *int64,
	m domain.NewLocalMeasure) (domain.Implementation, error) {
	var impl domain.Implementation
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		prefix, err := localCodePrefix(ctx, tx, orgID, planID, m.GoalID)
		if err != nil {
			return err
		}
		var measureID int64
		var code string
		// The goal row is locked (localCodePrefix), so two towns adding
		// measures to one goal at once number them one after the other.
		err = tx.QueryRow(ctx, `
			INSERT INTO measures (plan_id, goal_id, code, position, title, description, scope, owner_org_id)
			SELECT $1, $2, $3 || (SELECT coalesce(max(substr(code, length($3) + 1)::int), 0) + 1
			                      FROM measures WHERE plan_id = $1 AND starts_with(code, $3)
			                        AND substr(code, length($3) + 1) ~ '^[0-9]{1,9}$'),
			       (SELECT coalesce(max(position), 0) + 1 FROM measures WHERE goal_id = $2),
			       $4, $5, 'local', $6
			RETURNING id, code`, planID, m.GoalID, prefix, m.Title, m.Description, orgID).Scan(&measureID, &code)
		if err != nil {
			return err
		}
		rows, _ := tx.Query(ctx, `
			INSERT INTO implementations AS i (measure_id, organisation_id, relevance, status)
			VALUES ($1, $2, 'relevant', 'planned')
			RETURNING `+implementationColumns, measureID, orgID)
		if impl, err = pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.Implementation]); err != nil {
			return err
		}
		return auditLocalMeasure(ctx, tx, actorID, orgID, measureID, code, m, impl)
	})
	return impl, translate(err, "measure")
}

// localCodePrefix locks the goal and returns the code prefix of the town's
// local measures under it, e.g. "3.2.L-duelmen-".
func localCodePrefix(ctx context.Context, tx pgx.Tx, orgID, planID, goalID int64) (string, error) {
	var goalCode, slug string
	err := tx.QueryRow(ctx, `
		SELECT g.code, o.slug FROM goals g, organisations o
		WHERE g.id = $1 AND g.plan_id = $2 AND o.id = $3 AND g.retired_at IS NULL
		FOR UPDATE OF g`, goalID, planID, orgID).Scan(&goalCode, &slug)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", domain.Keyed(domain.CodeInvalid, "goal_id", "localMeasure.err.goal", "no goal of the plan")
	}
	return goalCode + ".L-" + slug + "-", err
}

func auditLocalMeasure(ctx context.Context, tx pgx.Tx, actorID *int64, orgID, measureID int64, code string,
	m domain.NewLocalMeasure, impl domain.Implementation) error {
	err := insertAuditEvent(ctx, tx, auditEntry{ActorID: actorID, OrganisationID: &orgID, Entity: "measure",
		EntityID: measureID, Action: "create", Changes: map[string]domain.Change{
			"code": {New: code}, "title": {New: m.Title}, "description": {New: m.Description},
			"goal_id": {New: m.GoalID}, "scope": {New: domain.ScopeLocal}}})
	if err != nil {
		return err
	}
	return insertAuditEvent(ctx, tx, auditEntry{ActorID: actorID, OrganisationID: &orgID, Entity: "implementation",
		EntityID: impl.ID, Action: "create", Changes: map[string]domain.Change{
			"relevance": {New: impl.Relevance}, "status": {New: impl.Status}}})
}
