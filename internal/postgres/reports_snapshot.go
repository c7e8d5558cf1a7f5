package postgres

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// snapshotSQL copies every implementation a draft report ($1) covers into
// report_rows, as it stands on day $2: one INSERT … SELECT, so that freezing
// at Land scale is one statement. Overdue and stale follow the rules of
// domain.Implementation (Overdue, Stale) and domain.Milestone.Overdue.
// Comments, support texts and contact data are not selected.
const snapshotSQL = `
WITH r AS (SELECT * FROM reports WHERE id = $1),
inc AS (
	SELECT i.id FROM r
	JOIN measures m ON m.plan_id = r.plan_id AND m.scope = ANY (r.included_scopes)
	JOIN implementations i ON i.measure_id = m.id AND i.organisation_id = ANY (r.included_org_ids)),
-- Milestones of the included implementations, aggregated in one pass.
ms AS (
	SELECT ml.implementation_id,
		jsonb_agg(jsonb_build_object('title', ml.title, 'due_on', ml.due_on, 'done', ml.done,
			'done_on', ml.done_on) ORDER BY ml.due_on NULLS LAST, ml.id) AS list,
		bool_or(NOT ml.done AND ml.due_on < $2) AS overdue
	FROM milestones ml JOIN inc ON inc.id = ml.implementation_id
	GROUP BY ml.implementation_id)
INSERT INTO report_rows (report_id, implementation_id, organisation_id, organisation_name, organisation_kind,
	action_field_id, action_field_code, action_field_title, action_field_pos, goal_code, goal_title, goal_pos,
	measure_id, measure_code, measure_title, measure_scope, measure_pos, relevance, status, progress,
	continuous, start_on, due_on, first_due_on, postponements, last_postponed_on, postponement_reason,
	overdue, stale, last_report_on, last_report_text, milestones)
SELECT r.id, i.id, o.id, o.name, o.kind, af.id, af.code, af.title, af.position, g.code, g.title, g.position,
	m.id, m.code, m.title, m.scope, m.position, i.relevance, i.status, i.progress,
	i.continuous, i.start_on, i.due_on, i.original_due_on, i.postponements, i.last_postponed_on, i.postponement_reason,
	-- Without a due date or a milestone the comparisons are NULL: not overdue.
	open.yes AND coalesce((NOT i.continuous AND i.due_on < $2) OR ms.overdue, false),
	-- The rule of domain.Implementation.Stale, on the stale_clock column.
	open.yes AND coalesce(i.stale_clock < $2::date - p.update_interval_days, false),
	lu.reported_on, coalesce(lu.body, ''), coalesce(ms.list, '[]')
FROM r
JOIN plans p ON p.id = r.plan_id
JOIN inc ON true
JOIN implementations i ON i.id = inc.id
JOIN measures m ON m.id = i.measure_id
JOIN goals g ON g.id = m.goal_id
JOIN action_fields af ON af.id = g.action_field_id
JOIN organisations o ON o.id = i.organisation_id
LEFT JOIN ms ON ms.implementation_id = i.id
CROSS JOIN LATERAL (SELECT coalesce(i.relevance = 'relevant' AND i.status NOT IN ('completed', 'cancelled'), false) AS yes) open
-- The latest progress report, by the index on (implementation, day, id).
LEFT JOIN LATERAL (
	SELECT pu.reported_on, pu.body FROM progress_updates pu
	WHERE pu.implementation_id = i.id ORDER BY pu.reported_on DESC, pu.id DESC LIMIT 1) lu ON true`

// FindFrozenReport reads a frozen report of a plan with its snapshot rows in
// catalogue order (action field, measure, organisation), its plan and the
// plan's action fields. A draft is not found: it has no snapshot.
func (db *DB) FindFrozenReport(ctx context.Context, plan domain.Plan, id int64) (domain.FrozenReport, error) {
	r, err := findReport(ctx, db.pool, plan.ID, id)
	if err != nil {
		return domain.FrozenReport{}, translate(err, "report")
	}
	if !r.Frozen() {
		return domain.FrozenReport{}, domain.Keyed(domain.CodeNotFound, "", "error.msg.notFound", "report is a draft")
	}
	fr := domain.FrozenReport{Report: r, Plan: plan}
	if fr.Fields, err = findReportFields(ctx, db.pool, plan.ID); err != nil {
		return fr, translate(err, "report")
	}
	fr.Rows, err = findReportRows(ctx, db.pool, id)
	return fr, translate(err, "report")
}

func findReportFields(ctx context.Context, q rowQuerier, planID int64) ([]domain.ActionField, error) {
	rows, err := q.Query(ctx, `SELECT id, code, title, description FROM action_fields
		WHERE plan_id = $1 ORDER BY position, code`, planID)
	if err != nil {
		return nil, err
	}
	var out []domain.ActionField
	var f domain.ActionField
	_, err = pgx.ForEachRow(rows, []any{&f.ID, &f.Code, &f.Title, &f.Description}, func() error {
		out = append(out, f)
		return nil
	})
	return out, err
}

func findReportRows(ctx context.Context, q rowQuerier, reportID int64) ([]domain.ReportRow, error) {
	rows, err := q.Query(ctx, `SELECT implementation_id, organisation_id, organisation_name, organisation_kind,
			action_field_id, action_field_code, action_field_title, action_field_pos, goal_code, goal_title, goal_pos,
			measure_id, measure_code, measure_title, measure_scope, measure_pos, relevance, coalesce(status, ''),
			progress, continuous, start_on, due_on, first_due_on, postponements, last_postponed_on, postponement_reason,
			overdue, stale,
			last_report_on, last_report_text, milestones
		FROM report_rows WHERE report_id = $1
		ORDER BY action_field_pos, action_field_code, goal_pos, goal_code, measure_pos, measure_code, organisation_kind, organisation_name`, reportID)
	if err != nil {
		return nil, err
	}
	var out []domain.ReportRow
	var r domain.ReportRow
	var milestones []byte
	_, err = pgx.ForEachRow(rows, []any{&r.ImplementationID, &r.OrgID, &r.OrgName, &r.OrgKind,
		&r.FieldID, &r.FieldCode, &r.FieldTitle, &r.FieldPosition, &r.GoalCode, &r.GoalTitle, &r.GoalPosition,
		&r.MeasureID, &r.MeasureCode, &r.MeasureTitle, &r.MeasureScope, &r.MeasurePosition, &r.Relevance, &r.Status,
		&r.Progress, &r.Continuous, &r.StartOn, &r.DueOn, &r.FirstDueOn, &r.Postponements, &r.LastPostponedOn,
		&r.PostponementReason, &r.Overdue, &r.Stale,
		&r.LastReportOn, &r.LastReportText, &milestones}, func() error {
		row := r
		var err error
		row.Milestones, err = parseSnapshotMilestones(milestones)
		out = append(out, row)
		return err
	})
	return out, err
}

// parseSnapshotMilestones reads report_rows.milestones, whose dates are
// JSON strings of the form 2006-01-02.
func parseSnapshotMilestones(raw []byte) ([]domain.ReportMilestone, error) {
	var list []struct {
		Title  string  `json:"title"`
		DueOn  *string `json:"due_on"`
		Done   bool    `json:"done"`
		DoneOn *string `json:"done_on"`
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, err
	}
	out := make([]domain.ReportMilestone, 0, len(list))
	for _, m := range list {
		due, err := parseOptionalDate(m.DueOn)
		if err != nil {
			return nil, err
		}
		done, err := parseOptionalDate(m.DoneOn)
		if err != nil {
			return nil, err
		}
		out = append(out, domain.ReportMilestone{Title: m.Title, DueOn: due, Done: m.Done, DoneOn: done})
	}
	return out, nil
}

func parseOptionalDate(s *string) (*time.Time, error) {
	if s == nil {
		return nil, nil
	}
	t, err := time.Parse(time.DateOnly, *s)
	return &t, err
}
