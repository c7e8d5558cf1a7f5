package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// FindSupportQueue lists the open support requests (requested or accepted)
// of every municipality, oldest request first, in one query. The filter's
// empty fields match everything.
func (db *DB) FindSupportQueue(ctx context.Context, f domain.SupportQueueFilter) ([]domain.SupportRequest, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT i.id AS implementation_id, o.slug AS org_slug, o.name AS org_name,
		       m.id AS measure_id, m.code AS measure_code, m.title AS measure_title,
		       i.support, i.support_request, i.support_response, i.support_requested_at
		FROM implementations i
		JOIN organisations o ON o.id = i.organisation_id
		JOIN measures m ON m.id = i.measure_id
		WHERE i.support IN ('requested', 'accepted')
		  AND ($1 = '' OR o.slug = $1)
		  AND ($2 = '' OR i.support = $2)
		  AND m.plan_id = $3
		ORDER BY i.support_requested_at, i.id`, f.OrgSlug, string(f.Support), f.PlanID)
	if err != nil {
		return nil, translate(err, "supportRequest")
	}
	queue, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.SupportRequest])
	return queue, translate(err, "supportRequest")
}
