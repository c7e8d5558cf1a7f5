package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// monitoringSQL reads a plan's monitoring cells (kept per organisation,
// action field and scope as writes happen, see migration 0014) for the
// organisations of the county office (itself included) and compares each
// cell with the baseline report (the newest frozen report no frozen
// correction replaces). Every row carries the day the cells' overdue and
// stale counts were judged on, so the caller sees whether to judge again.
// $1 plan, $2 county office.
const monitoringSQL = `
WITH orgs AS (
	SELECT id, slug, name, kind FROM organisations
	WHERE id = $2 OR (parent_id = $2 AND kind = 'municipality')
), fields AS (
	SELECT id, code, title, position FROM action_fields WHERE plan_id = $1
), baseline AS (
	SELECT r.id, r.title, r.frozen_at, r.included_org_ids, r.included_scopes FROM reports r
	WHERE r.plan_id = $1 AND r.state = 'frozen'
	  AND NOT EXISTS (SELECT 1 FROM reports c WHERE c.replaces_id = r.id AND c.state = 'frozen')
	ORDER BY r.frozen_at DESC, r.id DESC LIMIT 1
), now AS (
	SELECT organisation_id, action_field_id,
	       sum(relevant) AS relevant, sum(in_progress) AS in_progress, sum(completed) AS completed,
	       sum(open_decisions) AS open_decisions, sum(overdue) AS overdue, sum(stale) AS stale,
	       sum(open_support) AS open_support,
	       -- Only the scopes the baseline report covered are compared with it.
	       sum(relevant) FILTER (WHERE scope = ANY (coalesce((SELECT included_scopes FROM baseline), '{}'))) AS compared_relevant,
	       sum(completed) FILTER (WHERE scope = ANY (coalesce((SELECT included_scopes FROM baseline), '{}'))) AS compared_completed
	FROM monitoring_cells WHERE plan_id = $1
	GROUP BY organisation_id, action_field_id
)
SELECT o.id AS org_id, o.slug AS org_slug, o.name AS org_name, o.kind AS org_kind,
       f.id AS field_id, f.code AS field_code, f.title AS field_title,
       coalesce(n.relevant, 0) AS relevant, coalesce(n.in_progress, 0) AS in_progress,
       coalesce(n.completed, 0) AS completed, coalesce(n.open_decisions, 0) AS open_decisions,
       coalesce(n.overdue, 0) AS overdue, coalesce(n.stale, 0) AS stale,
       coalesce(n.open_support, 0) AS open_support,
       b.id AS baseline_id, b.title AS baseline_title, b.frozen_at AS baseline_frozen_at,
       coalesce(o.id = ANY (b.included_org_ids), false) AS baseline_covers,
       coalesce(n.compared_relevant, 0) - coalesce(p.relevant, 0) AS relevant_change,
       coalesce(n.compared_completed, 0) - coalesce(p.completed, 0) AS completed_change,
       j.judged_on, j.stale_before
FROM orgs o CROSS JOIN fields f
LEFT JOIN now n ON n.organisation_id = o.id AND n.action_field_id = f.id
LEFT JOIN report_cells p ON p.report_id = (SELECT id FROM baseline) AND p.organisation_id = o.id AND p.action_field_id = f.id
LEFT JOIN baseline b ON true
LEFT JOIN monitoring_judgements j ON j.plan_id = $1
ORDER BY o.name, o.id, f.position, f.code`

// monitoringRow is one row of monitoringSQL.
type monitoringRow struct {
	OrgID      int64          `db:"org_id"`
	OrgSlug    string         `db:"org_slug"`
	OrgName    string         `db:"org_name"`
	OrgKind    domain.OrgKind `db:"org_kind"`
	FieldID    int64          `db:"field_id"`
	FieldCode  string         `db:"field_code"`
	FieldTitle string         `db:"field_title"`
	domain.MonitoringCounts
	BaselineID       *int64     `db:"baseline_id"`
	BaselineTitle    *string    `db:"baseline_title"`
	BaselineFrozenAt *time.Time `db:"baseline_frozen_at"`
	BaselineCovers   bool       `db:"baseline_covers"`
	domain.MonitoringChange
	JudgedOn    *time.Time `db:"judged_on"`
	StaleBefore *time.Time `db:"stale_before"`
}

// FindMonitoring counts a plan's implementations for the KI's monitoring
// matrix: per organisation of the county office countyID (itself included)
// and action field, judged on day, with the change since the baseline report.
// One statement, whatever the number of towns; when the cells were judged on
// another day (or with another interval), the plan is judged again first.
func (db *DB) FindMonitoring(ctx context.Context, planID, countyID int64, day domain.MonitoringDay) (domain.MonitoringData, error) {
	flat, err := db.findMonitoringRows(ctx, planID, countyID)
	if err == nil && len(flat) > 0 && !judgedOn(flat[0], day) {
		if err = db.JudgeMonitoring(ctx, planID, day); err == nil {
			flat, err = db.findMonitoringRows(ctx, planID, countyID)
		}
	}
	if err != nil {
		return domain.MonitoringData{}, translate(err, "plan")
	}
	return monitoringDataOf(flat), nil
}

func (db *DB) findMonitoringRows(ctx context.Context, planID, countyID int64) ([]monitoringRow, error) {
	rows, err := db.pool.Query(ctx, monitoringSQL, planID, countyID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[monitoringRow])
}

// judgedOn reports whether the cells were counted for day.
func judgedOn(r monitoringRow, day domain.MonitoringDay) bool {
	return r.JudgedOn != nil && r.StaleBefore != nil &&
		r.JudgedOn.Equal(day.Today) && r.StaleBefore.Equal(day.StaleBefore)
}

// JudgeMonitoring counts every cell of the plan again, judged on day (the
// first read of a day does it; a nightly job could do it instead). It
// holds the plan's monitoring lock exclusively, so the writes that maintain
// the cells (which hold it shared) wait, and it waits for those in flight.
func (db *DB) JudgeMonitoring(ctx context.Context, planID int64, day domain.MonitoringDay) error {
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		batch := &pgx.Batch{}
		batch.Queue(`SELECT pg_advisory_xact_lock(hashtext('planwerk.monitoring.plan'), ($1::bigint % 2147483647)::int)`, planID)
		batch.Queue(`INSERT INTO monitoring_judgements (plan_id, judged_on, stale_before) VALUES ($1, $2, $3)
			ON CONFLICT (plan_id) DO UPDATE SET judged_on = $2, stale_before = $3`, planID, day.Today, day.StaleBefore)
		batch.Queue(`SELECT monitoring_recount($1, NULL, NULL)`, planID)
		return tx.SendBatch(ctx, batch).Close()
	})
}

// monitoringDataOf splits the rows (ordered by organisation, then field) into
// the organisations, the fields and the cells.
func monitoringDataOf(flat []monitoringRow) domain.MonitoringData {
	var d domain.MonitoringData
	seenField := map[int64]bool{}
	for _, r := range flat {
		if n := len(d.Orgs); n == 0 || d.Orgs[n-1].ID != r.OrgID {
			d.Orgs = append(d.Orgs, domain.Organisation{ID: r.OrgID, Slug: r.OrgSlug, Name: r.OrgName, Kind: r.OrgKind})
		}
		if !seenField[r.FieldID] {
			seenField[r.FieldID] = true
			d.Fields = append(d.Fields, domain.MonitoringField{ID: r.FieldID, Code: r.FieldCode, Title: r.FieldTitle})
		}
		cell := domain.MonitoringCell{OrgID: r.OrgID, FieldID: r.FieldID, MonitoringCounts: r.MonitoringCounts}
		if r.BaselineCovers {
			change := r.MonitoringChange
			cell.Change = &change
		}
		d.Cells = append(d.Cells, cell)
		if d.Baseline == nil && r.BaselineID != nil {
			d.Baseline = &domain.MonitoringBaseline{ReportID: *r.BaselineID, Title: *r.BaselineTitle, FrozenAt: *r.BaselineFrozenAt}
		}
	}
	return d
}
