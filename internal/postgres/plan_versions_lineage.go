package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// lineageSQL is the lineage of the implementation $1 as a JSON array, for
// the implementation page's one detail statement.
const lineageSQL = `coalesce((SELECT json_agg(json_build_object('implementation_id', i.id, 'earlier', l.earlier,
		'kind', l.kind, 'plan_slug', p.slug, 'plan_title', p.title, 'plan_version', p.version, 'org_slug', o.slug,
		'measure_code', m.code, 'measure_title', m.title,
		'updates', (SELECT count(*) FROM progress_updates u WHERE u.implementation_id = i.id),
		'milestones', (SELECT count(*) FROM milestones x WHERE x.implementation_id = i.id),
		'comments', (SELECT count(*) FROM comments c WHERE c.implementation_id = i.id))
		ORDER BY l.earlier DESC, m.code, i.id)
	FROM (SELECT predecessor_id AS other, true AS earlier, kind FROM implementation_predecessors WHERE implementation_id = $1
	      UNION ALL
	      SELECT implementation_id, false, kind FROM implementation_predecessors WHERE predecessor_id = $1) l
	JOIN implementations i ON i.id = l.other JOIN measures m ON m.id = i.measure_id JOIN plans p ON p.id = m.plan_id
	JOIN organisations o ON o.id = i.organisation_id), '[]') AS lineage`

// FindLineage lists the implementations of other plan versions that
// implementation implID was carried from and into, with how much history
// each holds, earlier ones first.
func (db *DB) FindLineage(ctx context.Context, implID int64) ([]domain.LineageLink, error) {
	rows, _ := db.pool.Query(ctx, `
		WITH links AS (
			SELECT predecessor_id AS other, true AS earlier, kind FROM implementation_predecessors WHERE implementation_id = $1
			UNION ALL
			SELECT implementation_id, false, kind FROM implementation_predecessors WHERE predecessor_id = $1
		)
		SELECT i.id AS implementation_id, l.earlier, l.kind, p.slug AS plan_slug, p.title AS plan_title,
		       p.version AS plan_version, o.slug AS org_slug, m.code AS measure_code, m.title AS measure_title,
		       (SELECT count(*) FROM progress_updates u WHERE u.implementation_id = i.id)::int AS updates,
		       (SELECT count(*) FROM milestones x WHERE x.implementation_id = i.id)::int AS milestones,
		       (SELECT count(*) FROM comments c WHERE c.implementation_id = i.id)::int AS comments
		FROM links l JOIN implementations i ON i.id = l.other
		JOIN measures m ON m.id = i.measure_id JOIN plans p ON p.id = m.plan_id
		JOIN organisations o ON o.id = i.organisation_id
		ORDER BY l.earlier DESC, m.code, i.id`, implID)
	links, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.LineageLink])
	return links, translate(err, "implementation")
}
