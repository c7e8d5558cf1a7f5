package postgres

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// FindImplementationDetail returns the implementation key names with its
// measure, goal, action field and plan in one query.
func (db *DB) FindImplementationDetail(ctx context.Context, key domain.ImplementationKey) (domain.ImplementationDetail, error) {
	rows, _ := db.pool.Query(ctx, `
		SELECT `+implementationColumns+`,
		       m.code AS measure_code, m.title AS measure_title, m.scope, m.description AS measure_description,
		       m.retired_at IS NOT NULL AS measure_retired,
		       g.id AS goal_id, g.code AS goal_code, g.title AS goal_title,
		       f.id AS field_id, f.code AS field_code, f.title AS field_title,
		       p.title AS plan_title, p.update_interval_days, p.status_colours,
		       `+strings.Replace(lineageSQL, "$1", "i.id", -1)+`
		FROM implementations i
		JOIN measures m ON m.id = i.measure_id
		JOIN goals g ON g.id = m.goal_id
		JOIN action_fields f ON f.id = g.action_field_id
		JOIN plans p ON p.id = m.plan_id
		WHERE `+implementationKeyMatch, key.OrgID, key.ID, key.PlanID)
	d, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.ImplementationDetail])
	return d, translate(err, "implementation")
}
