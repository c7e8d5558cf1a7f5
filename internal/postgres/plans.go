package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// planSelect reads plans with the county office that owns them.
const planSelect = `SELECT p.id, p.slug, p.title, p.version, p.adopted_on, p.update_interval_days, p.status_colours,
	p.owner_id, owner.slug AS owner_slug, owner.name AS owner_name, p.state
	FROM plans p JOIN organisations owner ON owner.id = p.owner_id`

// planOrder puts the most recently adopted plan first: the one that is
// "current" where a link names no plan.
const planOrder = ` ORDER BY p.adopted_on DESC NULLS LAST, p.id DESC`

// FindPlans lists every current plan of the installation, most recently
// adopted first: neither a draft of a next version nor a superseded one
// (that is reached from its successor).
func (db *DB) FindPlans(ctx context.Context) ([]domain.Plan, error) {
	rows, err := db.pool.Query(ctx, planSelect+` WHERE p.state = 'adopted'`+planOrder)
	if err != nil {
		return nil, translate(err, "plan")
	}
	plans, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.Plan])
	return plans, translate(err, "plan")
}

// FindPlanBySlug returns the plan with the given slug.
func (db *DB) FindPlanBySlug(ctx context.Context, slug string) (domain.Plan, error) {
	rows, _ := db.pool.Query(ctx, planSelect+` WHERE p.slug = $1`, slug)
	plan, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.Plan])
	return plan, translate(err, "plan")
}

// FindCurrentPlanOf returns the most recently adopted plan an organisation
// takes part in: its county office's (or, for the office itself, its own).
// Links from before plans were part of addresses lead there.
func (db *DB) FindCurrentPlanOf(ctx context.Context, orgSlug string) (domain.Plan, error) {
	rows, _ := db.pool.Query(ctx, planSelect+`
		JOIN organisations o ON o.slug = $1 AND p.owner_id = coalesce(o.parent_id, o.id)
		WHERE p.state = 'adopted'`+planOrder+` LIMIT 1`, orgSlug)
	plan, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.Plan])
	return plan, translate(err, "plan")
}

// FindPlanOfMeasure returns the plan a measure belongs to.
func (db *DB) FindPlanOfMeasure(ctx context.Context, measureID int64) (domain.Plan, error) {
	rows, _ := db.pool.Query(ctx, planSelect+` JOIN measures m ON m.plan_id = p.id WHERE m.id = $1`, measureID)
	plan, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.Plan])
	return plan, translate(err, "plan")
}

type catalogueRow struct {
	FieldID          int64         `db:"field_id"`
	FieldCode        string        `db:"field_code"`
	FieldTitle       string        `db:"field_title"`
	FieldDescription string        `db:"field_description"`
	GoalID           *int64        `db:"goal_id"`
	GoalCode         *string       `db:"goal_code"`
	GoalTitle        *string       `db:"goal_title"`
	GoalDescription  *string       `db:"goal_description"`
	MeasureID        *int64        `db:"measure_id"`
	MeasureCode      *string       `db:"measure_code"`
	MeasureTitle     *string       `db:"measure_title"`
	MeasureScope     *domain.Scope `db:"measure_scope"`
	MeasureRetiredAt *time.Time    `db:"measure_retired_at"`
}

// FindCatalogue returns a plan's action fields with their goals and the plan's
// shared measures (county-wide and municipal; local measures belong to their
// municipality's workspace) in one query, in catalogue order.
func (db *DB) FindCatalogue(ctx context.Context, planID int64) ([]domain.ActionField, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT f.id AS field_id, f.code AS field_code, f.title AS field_title, f.description AS field_description,
		       g.id AS goal_id, g.code AS goal_code, g.title AS goal_title, g.description AS goal_description,
		       m.id AS measure_id, m.code AS measure_code, m.title AS measure_title, m.scope AS measure_scope,
		       m.retired_at AS measure_retired_at
		FROM action_fields f
		LEFT JOIN goals g ON g.action_field_id = f.id
		LEFT JOIN measures m ON m.goal_id = g.id AND m.scope <> 'local'
		WHERE f.plan_id = $1
		ORDER BY f.position, f.code, g.position, g.code, m.position, m.code`, planID)
	if err != nil {
		return nil, translate(err, "plan")
	}
	flat, err := pgx.CollectRows(rows, pgx.RowToStructByName[catalogueRow])
	if err != nil {
		return nil, translate(err, "plan")
	}
	return nestCatalogue(flat), nil
}

// nestCatalogue folds the ordered join rows into fields → goals → measures.
func nestCatalogue(flat []catalogueRow) []domain.ActionField {
	var fields []domain.ActionField
	for _, r := range flat {
		if len(fields) == 0 || fields[len(fields)-1].ID != r.FieldID {
			fields = append(fields, domain.ActionField{ID: r.FieldID, Code: r.FieldCode, Title: r.FieldTitle, Description: r.FieldDescription})
		}
		if r.GoalID == nil {
			continue
		}
		f := &fields[len(fields)-1]
		if len(f.Goals) == 0 || f.Goals[len(f.Goals)-1].ID != *r.GoalID {
			f.Goals = append(f.Goals, domain.Goal{ID: *r.GoalID, Code: *r.GoalCode, Title: *r.GoalTitle, Description: *r.GoalDescription})
		}
		if r.MeasureID == nil {
			continue
		}
		g := &f.Goals[len(f.Goals)-1]
		g.Measures = append(g.Measures, domain.Measure{ID: *r.MeasureID, GoalID: g.ID, Code: *r.MeasureCode, Title: *r.MeasureTitle, Scope: *r.MeasureScope, RetiredAt: r.MeasureRetiredAt})
	}
	return fields
}

// TallyByMeasure counts every measure's implementations of a plan by state,
// over all organisations, from the counts kept as implementations change
// (measure_tallies, migration 0014): a few rows per measure, whatever the
// number of towns.
func (db *DB) TallyByMeasure(ctx context.Context, planID int64) (map[int64]domain.Tally, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT t.measure_id, t.relevance, t.status, t.n
		FROM measure_tallies t JOIN measures m ON m.id = t.measure_id
		WHERE m.plan_id = $1 AND t.n > 0`, planID)
	if err != nil {
		return nil, translate(err, "plan")
	}
	tallies := map[int64]domain.Tally{}
	var measureID int64
	var relevance, status string
	var n int
	_, err = pgx.ForEachRow(rows, []any{&measureID, &relevance, &status, &n}, func() error {
		t := tallies[measureID]
		t.Add(domain.Relevance(relevance), domain.Status(status), n)
		tallies[measureID] = t
		return nil
	})
	return tallies, translate(err, "plan")
}
