package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

type catalogueTreeRow struct {
	Level       domain.CatalogueLevel `db:"level"`
	ID          int64                 `db:"id"`
	ParentID    int64                 `db:"parent_id"`
	Code        string                `db:"code"`
	Title       string                `db:"title"`
	Description string                `db:"description"`
	Scope       domain.Scope          `db:"scope"`
	RetiredAt   *time.Time            `db:"retired_at"`
	Impls       int                   `db:"impls"`
}

// FindCatalogueTree returns the plan's catalogue for its editor: every
// action field, goal and catalogue measure, retired ones included, in their
// order, with each measure's number of implementations (from the kept
// measure_tallies). One statement; local measures are the towns' own.
func (db *DB) FindCatalogueTree(ctx context.Context, planID int64) ([]domain.CatalogueEntry, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT level, id, parent_id, code, title, description, scope, retired_at, impls FROM (
			SELECT 'action_field' AS level, f.id, 0::bigint AS parent_id, f.code, f.title, f.description,
			       ''::text AS scope, f.retired_at, 0 AS impls, f.position AS p1, f.code AS c1, 0 AS p2, '' AS c2, 0 AS p3, '' AS c3
			FROM action_fields f WHERE f.plan_id = $1
			UNION ALL
			SELECT 'goal', g.id, g.action_field_id, g.code, g.title, g.description, '', g.retired_at, 0,
			       f.position, f.code, g.position, g.code, 0, ''
			FROM goals g JOIN action_fields f ON f.id = g.action_field_id WHERE g.plan_id = $1
			UNION ALL
			SELECT 'measure', m.id, m.goal_id, m.code, m.title, m.description, m.scope, m.retired_at,
			       coalesce((SELECT sum(t.n) FROM measure_tallies t WHERE t.measure_id = m.id), 0)::int,
			       f.position, f.code, g.position, g.code, m.position, m.code
			FROM measures m JOIN goals g ON g.id = m.goal_id JOIN action_fields f ON f.id = g.action_field_id
			WHERE m.plan_id = $1 AND m.scope <> 'local'
		) x ORDER BY p1, c1, p2, c2, p3, c3, level`, planID)
	if err != nil {
		return nil, translate(err, "plan")
	}
	flat, err := pgx.CollectRows(rows, pgx.RowToStructByName[catalogueTreeRow])
	if err != nil {
		return nil, translate(err, "plan")
	}
	return nestTree(flat), nil
}

// nestTree folds the ordered rows (a field, then its goals, each followed by
// its measures) into the tree.
func nestTree(flat []catalogueTreeRow) []domain.CatalogueEntry {
	var fields []domain.CatalogueEntry
	for _, r := range flat {
		e := domain.CatalogueEntry{Level: r.Level, ID: r.ID, ParentID: r.ParentID, Code: r.Code, Title: r.Title,
			Description: r.Description, Scope: r.Scope, RetiredAt: r.RetiredAt, Implementations: r.Impls}
		switch r.Level {
		case domain.LevelField:
			fields = append(fields, e)
		case domain.LevelGoal:
			f := &fields[len(fields)-1]
			f.Children = append(f.Children, e)
		default:
			f := &fields[len(fields)-1]
			g := &f.Children[len(f.Children)-1]
			g.Children = append(g.Children, e)
		}
	}
	return fields
}

// FindCatalogueHistory lists the latest limit changes of plan planID's
// catalogue, newest first, each with the item's current code.
func (db *DB) FindCatalogueHistory(ctx context.Context, planID int64, limit int) ([]domain.CatalogueEvent, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT a.id, a.occurred_at, a.actor_id, coalesce(u.name, '') AS actor_name, a.organisation_id,
		       a.entity, a.entity_id, a.action, a.changes,
		       coalesce(m.code, g.code, f.code, '') AS code
		FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id
		LEFT JOIN measures m ON a.entity = 'measure' AND m.id = a.entity_id
		LEFT JOIN goals g ON a.entity = 'goal' AND g.id = a.entity_id
		LEFT JOIN action_fields f ON a.entity = 'action_field' AND f.id = a.entity_id
		WHERE a.plan_id = $1 AND a.entity IN ('action_field', 'goal', 'measure')
		ORDER BY a.occurred_at DESC, a.id DESC LIMIT $2`, planID, limit)
	if err != nil {
		return nil, translate(err, "auditLog")
	}
	events, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.CatalogueEvent])
	return events, translate(err, "auditLog")
}
