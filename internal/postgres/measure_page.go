package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// measurePageRow is one implementation of a measure with the measure's own
// context repeated on every row; the measure's columns carry an m_ prefix so
// that they do not collide with the implementation's.
type measurePageRow struct {
	domain.MunicipalImplementation
	MID          int64             `db:"m_id"`
	MPlanID      int64             `db:"m_plan_id"`
	MGoalID      int64             `db:"m_goal_id"`
	MCode        string            `db:"m_code"`
	MTitle       string            `db:"m_title"`
	MDescription string            `db:"m_description"`
	MScope       domain.Scope      `db:"m_scope"`
	GoalCode     string            `db:"goal_code"`
	GoalTitle    string            `db:"goal_title"`
	FieldCode    string            `db:"field_code"`
	FieldTitle   string            `db:"field_title"`
	PlanSlug     string            `db:"plan_slug"`
	PlanTitle    string            `db:"plan_title"`
	PlanColours  map[string]string `db:"plan_colours"`
}

func (r measurePageRow) measure() domain.MeasureContext {
	return domain.MeasureContext{
		Measure: domain.Measure{ID: r.MID, PlanID: r.MPlanID, GoalID: r.MGoalID, Code: r.MCode,
			Title: r.MTitle, Description: r.MDescription, Scope: r.MScope},
		GoalCode: r.GoalCode, GoalTitle: r.GoalTitle, FieldCode: r.FieldCode, FieldTitle: r.FieldTitle,
		PlanSlug: r.PlanSlug, PlanTitle: r.PlanTitle, PlanColours: r.PlanColours}
}

// FindMeasurePage returns a measure of a plan with every organisation's
// implementation of it, by organisation name, in one statement: the measure
// page's budget of statements has room for one read after the session, the
// account and the scope. A measure of another plan is not found. Only a
// measure that nobody implements yet (none of its rows come back) costs a
// second statement, for the measure alone.
func (db *DB) FindMeasurePage(ctx context.Context, planID, measureID int64) (domain.MeasureContext, []domain.MunicipalImplementation, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT m.id AS m_id, m.plan_id AS m_plan_id, m.goal_id AS m_goal_id, m.code AS m_code, m.title AS m_title,
		       m.description AS m_description, m.scope AS m_scope,
		       g.code AS goal_code, g.title AS goal_title, f.code AS field_code, f.title AS field_title,
		       p.slug AS plan_slug, p.title AS plan_title, p.status_colours AS plan_colours,
		       `+implementationColumns+`, o.slug AS org_slug, o.name AS org_name
		FROM measures m
		JOIN goals g ON g.id = m.goal_id
		JOIN action_fields f ON f.id = g.action_field_id
		JOIN plans p ON p.id = m.plan_id
		JOIN implementations i ON i.measure_id = m.id
		JOIN organisations o ON o.id = i.organisation_id
		WHERE m.id = $1 AND m.plan_id = $2
		ORDER BY o.name`, measureID, planID)
	if err != nil {
		return domain.MeasureContext{}, nil, translate(err, "measure")
	}
	flat, err := pgx.CollectRows(rows, pgx.RowToStructByName[measurePageRow])
	if err != nil {
		return domain.MeasureContext{}, nil, translate(err, "measure")
	}
	if len(flat) == 0 {
		m, err := db.FindMeasure(ctx, measureID)
		if err == nil && m.PlanID != planID {
			err = translate(pgx.ErrNoRows, "measure")
		}
		return m, nil, err
	}
	impls := make([]domain.MunicipalImplementation, len(flat))
	for i, r := range flat {
		impls[i] = r.MunicipalImplementation
	}
	return flat[0].measure(), impls, nil
}
