package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// auditEntry is what a change records; the database stamps the time.
type auditEntry struct {
	ActorID        *int64
	OrganisationID *int64
	Entity         string
	EntityID       int64
	Action         string
	Changes        map[string]domain.Change
}

// insertAuditEvent appends to the audit log inside the caller's transaction,
// so that a change and its record are committed together or not at all. A
// change made through the API names the token it came with (domain.WithAPIToken).
func insertAuditEvent(ctx context.Context, tx pgx.Tx, e auditEntry) error {
	_, err := tx.Exec(ctx, `
		INSERT INTO audit_events (actor_id, organisation_id, entity, entity_id, action, changes, api_token_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		e.ActorID, e.OrganisationID, e.Entity, e.EntityID, e.Action, e.Changes, domain.APITokenOf(ctx))
	return err
}

// FindAuditEvents lists the audit trail of one entity of an organisation,
// newest first.
func (db *DB) FindAuditEvents(ctx context.Context, orgID int64, entity string, entityID int64) ([]domain.AuditEvent, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT a.id, a.occurred_at, a.actor_id, coalesce(u.name, '') AS actor_name, a.organisation_id,
		       a.entity, a.entity_id, a.action, a.changes
		FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id
		WHERE a.organisation_id = $1 AND a.entity = $2 AND a.entity_id = $3
		ORDER BY a.occurred_at DESC, a.id DESC`, orgID, entity, entityID)
	if err != nil {
		return nil, translate(err, "auditLog")
	}
	events, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.AuditEvent])
	return events, translate(err, "auditLog")
}
