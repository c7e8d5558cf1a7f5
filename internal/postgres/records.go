package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// isoDate renders a date column as the RFC 3339 midnight that time.Time's
// JSON decoding accepts, so json_agg rows decode straight into Go structs.
const isoDate = `'YYYY-MM-DD"T00:00:00Z"'`

// recordsSQL gathers an implementation's records in one statement: one
// json_agg subselect per kind, so the page costs one round trip however many
// records there are. $1–$3 are the key, $4 asks for the comments, $5 for the history.
const recordsSQL = `
SELECT
  (SELECT coalesce(json_agg(json_build_object(
          'ID', p.id, 'ImplementationID', p.implementation_id,
          'ReportedOn', to_char(p.reported_on, ` + isoDate + `), 'Body', p.body,
          'Status', coalesce(p.status, ''), 'Progress', p.progress, 'CreatedAt', p.created_at,
          'AuthorName', coalesce(u.name, ''))
          ORDER BY p.reported_on DESC, p.id DESC), '[]'::json)
   FROM progress_updates p LEFT JOIN users u ON u.id = p.author_id
   WHERE p.implementation_id = i.id) AS reports,
  (SELECT coalesce(json_agg(json_build_object(
          'id', m.id, 'implementation_id', m.implementation_id, 'title', m.title,
          'due_on', to_char(m.due_on, ` + isoDate + `), 'done', m.done,
          'done_on', to_char(m.done_on, ` + isoDate + `), 'created_at', m.created_at)
          ORDER BY m.due_on NULLS LAST, m.id), '[]'::json)
   FROM milestones m
   WHERE m.implementation_id = i.id) AS milestones,
  CASE WHEN $4 THEN
  (SELECT coalesce(json_agg(json_build_object(
          'id', c.id, 'implementation_id', c.implementation_id, 'author_name', coalesce(u.name, ''),
          'body', c.body, 'created_at', c.created_at)
          ORDER BY c.created_at, c.id), '[]'::json)
   FROM comments c LEFT JOIN users u ON u.id = c.author_id
   WHERE c.implementation_id = i.id)
  ELSE '[]'::json END AS comments,
  CASE WHEN $5 THEN
  (SELECT coalesce(json_agg(json_build_object(
          'ID', a.id, 'OccurredAt', a.occurred_at, 'ActorID', a.actor_id, 'ActorName', coalesce(u.name, ''),
          'OrganisationID', a.organisation_id, 'Entity', a.entity, 'EntityID', a.entity_id,
          'Action', a.action, 'Changes', a.changes)
          ORDER BY a.occurred_at DESC, a.id DESC), '[]'::json)
   FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id
   -- The thread is its own record of the comments; leaving their events
   -- out keeps comment texts away from readers of the history who may not
   -- read comments (administrators).
   WHERE a.organisation_id = i.organisation_id AND a.entity <> 'comment'
     AND ((a.entity = 'implementation' AND a.entity_id = i.id) OR a.implementation_id = i.id))
  ELSE '[]'::json END AS history,
  -- Public offers only (published, not ended), whoever reads: those serving
  -- the town, the county-wide ones of its county, and for the county office
  -- every one of its county.
  (SELECT coalesce(json_agg(json_build_object('PublicID', o.public_id, 'Title', o.title,
          'Provider', o.provider, 'Status', o.status) ORDER BY o.title, o.id), '[]'::json)
   FROM (SELECT o.* FROM offer_measures om JOIN offers o ON o.id = om.offer_id
         JOIN organisations org ON org.id = i.organisation_id
         WHERE om.measure_id = i.measure_id AND o.state = 'published' AND o.status <> 'ended'
           AND (o.town_ids @> ARRAY[org.id] OR (o.town_ids = '{}' AND o.county_id = org.parent_id)
                OR o.county_id = org.id)
         ORDER BY o.title, o.id LIMIT 20) o) AS offers
FROM implementations i JOIN measures m ON m.id = i.measure_id
WHERE ` + implementationKeyMatch

// FindImplementationRecords returns the progress reports, milestones, the
// public offers and, as scope allows, the comments and the history of the
// implementation key names, in a single statement.
func (db *DB) FindImplementationRecords(ctx context.Context, key domain.ImplementationKey, scope domain.RecordScope) (domain.ImplementationRecords, error) {
	var r domain.ImplementationRecords
	err := db.pool.QueryRow(ctx, recordsSQL, key.OrgID, key.ID, key.PlanID, scope.Comments, scope.History).
		Scan(&r.Reports, &r.Milestones, &r.Comments, &r.History, &r.Offers)
	return r, translate(err, "implementation")
}

// insertImplementationAudit appends an audit event about an implementation or
// one of its records, naming the implementation so that its page finds the
// event even after the record itself was deleted (and the API token, as
// insertAuditEvent does).
func insertImplementationAudit(ctx context.Context, tx pgx.Tx, orgID, implID int64, e auditEntry) error {
	_, err := tx.Exec(ctx, `
		INSERT INTO audit_events (actor_id, organisation_id, entity, entity_id, action, changes, implementation_id,
		                          api_token_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		e.ActorID, orgID, e.Entity, e.EntityID, e.Action, e.Changes, implID, domain.APITokenOf(ctx))
	return err
}
