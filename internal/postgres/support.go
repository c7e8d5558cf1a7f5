package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// FindSupportQueue lists the support requests of one tab of the KI's queue
// for every municipality of the plan, in one query: new ones by request
// (oldest first), accepted ones by answer (oldest first), closed ones by
// answer (newest first, at most domain.MaxClosedSupportRequests). An empty
// OrgSlug matches every town.
func (db *DB) FindSupportQueue(ctx context.Context, f domain.SupportQueueFilter) ([]domain.SupportRequest, error) {
	states := f.Tab.States()
	order := `i.support_requested_at, i.id`
	switch f.Tab {
	case domain.SupportTabAccepted:
		order = `i.support_answered_at NULLS FIRST, i.id`
	case domain.SupportTabClosed:
		order = `i.support_answered_at DESC NULLS LAST, i.id DESC`
	}
	rows, err := db.pool.Query(ctx, `
		SELECT i.id AS implementation_id, o.slug AS org_slug, o.name AS org_name,
		       m.id AS measure_id, m.code AS measure_code, m.title AS measure_title,
		       i.support, i.support_request, i.support_response, i.support_requested_at,
		       i.support_answered_at, i.support_assignee_id, coalesce(u.name, '') AS assignee_name, i.version
		FROM implementations i
		JOIN organisations o ON o.id = i.organisation_id
		JOIN measures m ON m.id = i.measure_id
		LEFT JOIN users u ON u.id = i.support_assignee_id
		WHERE i.support = ANY ($1)
		  AND ($2 = '' OR o.slug = $2)
		  AND m.plan_id = $3
		ORDER BY `+order+` LIMIT $4`,
		supportStrings(states), f.OrgSlug, f.PlanID, domain.MaxClosedSupportRequests)
	if err != nil {
		return nil, translate(err, "supportRequest")
	}
	queue, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.SupportRequest])
	return queue, translate(err, "supportRequest")
}

func supportStrings(states []domain.Support) []string {
	out := make([]string, len(states))
	for i, s := range states {
		out[i] = string(s)
	}
	return out
}

// TakeSupportRequest makes actorID the KI staff member who works on an open
// (requested or accepted) support request, with its audit event. It does not
// change the implementation's version: taking a request is no edit of the
// town's data, and must not make the town's open form stale.
func (db *DB) TakeSupportRequest(ctx context.Context, key domain.ImplementationKey, actorID *int64) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		// The audit event names people, not user ids: the history shows it as it is.
		var support domain.Support
		var oldName, newName string
		err := tx.QueryRow(ctx, `SELECT i.support, coalesce(ou.name, ''), coalesce((SELECT name FROM users WHERE id = $4), '')
			FROM implementations i
			JOIN measures m ON m.id = i.measure_id
			LEFT JOIN users ou ON ou.id = i.support_assignee_id
			WHERE `+implementationKeyMatch+` FOR UPDATE OF i`, key.OrgID, key.ID, key.PlanID, actorID).Scan(&support, &oldName, &newName)
		if err != nil {
			return err
		}
		if support != domain.SupportRequested && support != domain.SupportAccepted {
			return domain.Keyed(domain.CodeConflict, "", "support.err.notOpen", "support request is not open")
		}
		if _, err := tx.Exec(ctx, `UPDATE implementations SET support_assignee_id = $2 WHERE id = $1`, key.ID, actorID); err != nil {
			return err
		}
		return insertImplementationAudit(ctx, tx, key.OrgID, key.ID, auditEntry{ActorID: actorID,
			Entity: "implementation", EntityID: key.ID, Action: "update",
			Changes: map[string]domain.Change{"support_assignee": {Old: oldName, New: newName}}})
	})
	return translate(err, "implementation")
}
