package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// implementationColumns lists the columns of domain.Implementation, qualified
// with the alias i so that the list can be joined with other tables.
const implementationColumns = `i.id, i.measure_id, i.organisation_id, i.relevance, i.relevance_note, i.relevance_decided_on,
	coalesce(i.status, '') AS status, i.status_note, i.continuous, i.progress, i.responsible_org, i.contact,
	i.contact_is_person, i.contact_consent_at,
	i.start_on, i.due_on, i.original_due_on, i.postponements, i.last_postponed_on, i.postponement_reason,
	i.support, i.support_request, i.support_response, i.support_requested_at,
	i.last_update_on, i.version, i.updated_at`

// implementationKeyMatch is the condition of a domain.ImplementationKey on
// implementations i joined with their measures m, with $1 the organisation,
// $2 the implementation and $3 the plan.
const implementationKeyMatch = `i.organisation_id = $1 AND i.id = $2 AND m.plan_id = $3`

// FindMeasure returns a measure with its goal, action field and plan.
func (db *DB) FindMeasure(ctx context.Context, measureID int64) (domain.MeasureContext, error) {
	rows, _ := db.pool.Query(ctx, `
		SELECT m.id, m.plan_id, m.goal_id, m.code, m.title, m.description, m.scope, m.retired_at,
		       g.code AS goal_code, g.title AS goal_title, f.code AS field_code, f.title AS field_title,
		       p.slug AS plan_slug, p.title AS plan_title, p.status_colours AS plan_colours
		FROM measures m
		JOIN goals g ON g.id = m.goal_id
		JOIN action_fields f ON f.id = g.action_field_id
		JOIN plans p ON p.id = m.plan_id
		WHERE m.id = $1`, measureID)
	m, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.MeasureContext])
	return m, translate(err, "measure")
}

// FindWorkspace lists one organisation's implementations of a plan with their
// measures, goals and action fields, in catalogue order. Each row carries its
// open milestones (not done, with a due date) as two parallel arrays, so that
// the workspace can show overdue milestones with this one query.
func (db *DB) FindWorkspace(ctx context.Context, orgID, planID int64) ([]domain.WorkspaceEntry, error) {
	rows, err := db.pool.Query(ctx, workspaceSQL, orgID, planID)
	if err != nil {
		return nil, translate(err, "municipality")
	}
	items, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.WorkspaceEntry])
	return items, translate(err, "municipality")
}

// workspaceSQL is FindWorkspace's statement ($1 organisation, $2 plan); the
// bench's floor (benchfloor.go) runs the very same.
const workspaceSQL = `
		SELECT ` + implementationColumns + `,
		       m.code AS measure_code, m.title AS measure_title, m.scope, m.retired_at IS NOT NULL AS measure_retired,
		       g.id AS goal_id, g.code AS goal_code, g.title AS goal_title,
		       f.id AS field_id, f.code AS field_code, f.title AS field_title,
		       coalesce(ms.titles, '{}') AS open_milestone_titles,
		       coalesce(ms.dues, '{}') AS open_milestone_dues
		FROM implementations i
		JOIN measures m ON m.id = i.measure_id
		JOIN goals g ON g.id = m.goal_id
		JOIN action_fields f ON f.id = g.action_field_id
		LEFT JOIN LATERAL (
			SELECT array_agg(x.title ORDER BY x.due_on, x.id) AS titles,
			       array_agg(x.due_on ORDER BY x.due_on, x.id) AS dues
			FROM milestones x
			WHERE x.implementation_id = i.id AND NOT x.done AND x.due_on IS NOT NULL
		) ms ON true
		WHERE i.organisation_id = $1 AND m.plan_id = $2
		ORDER BY f.position, f.code, g.position, g.code, m.position, m.code`

// FindImplementation returns the implementation key names.
func (db *DB) FindImplementation(ctx context.Context, key domain.ImplementationKey) (domain.Implementation, error) {
	return findImplementation(ctx, db.pool, key, false)
}

// querier is what pgxpool.Pool and pgx.Tx have in common.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// findImplementation reads (and with forUpdate locks) the implementation key
// names: its organisation, id and the plan of its measure must all match.
func findImplementation(ctx context.Context, q querier, key domain.ImplementationKey, forUpdate bool) (domain.Implementation, error) {
	sql := `SELECT ` + implementationColumns + ` FROM implementations i JOIN measures m ON m.id = i.measure_id
		WHERE ` + implementationKeyMatch
	if forUpdate {
		sql += ` FOR UPDATE OF i`
	}
	rows, _ := q.Query(ctx, sql, key.OrgID, key.ID, key.PlanID)
	impl, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.Implementation])
	return impl, translate(err, "implementation")
}
