package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// monitoringSQL counts a plan's implementations per organisation (the county
// office and its municipalities) and action field in one statement, whatever
// the number of towns, and compares each cell with the baseline report (the
// newest frozen report no frozen correction replaces). $1 plan, $2 county
// office, $3 the judging day, $4 the day before which a last report is stale.
// The conditions are those of domain.WorkspaceFilter (see domain.MonitoringDay).
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
), passed AS (
	-- Implementations with a milestone passed while not done, in one pass: a
	-- probe per implementation cost a third of the page at Land scale.
	SELECT DISTINCT x.implementation_id FROM milestones x
	JOIN implementations i ON i.id = x.implementation_id
	JOIN measures m ON m.id = i.measure_id
	WHERE m.plan_id = $1 AND NOT x.done AND x.due_on < $3::date
), impl AS (
	SELECT i.organisation_id, g.action_field_id, i.relevance, i.status, i.support,
	       m.scope = ANY (coalesce((SELECT included_scopes FROM baseline), '{}')) AS compared,
	       (i.relevance = 'relevant' AND coalesce(i.status, '') NOT IN ('completed', 'cancelled')) AS open,
	       (NOT i.continuous AND i.due_on < $3::date) AS due_passed,
	       (mp.implementation_id IS NOT NULL) AS milestone_passed,
	       (i.last_update_on IS NULL OR i.last_update_on < $4::date) AS unreported
	FROM implementations i
	JOIN measures m ON m.id = i.measure_id
	JOIN goals g ON g.id = m.goal_id
	LEFT JOIN passed mp ON mp.implementation_id = i.id
	WHERE m.plan_id = $1 AND i.organisation_id IN (SELECT id FROM orgs)
), now AS (
	SELECT organisation_id, action_field_id,
	       count(*) FILTER (WHERE relevance = 'relevant') AS relevant,
	       count(*) FILTER (WHERE relevance = 'relevant' AND status = 'in_progress') AS in_progress,
	       count(*) FILTER (WHERE relevance = 'relevant' AND status = 'completed') AS completed,
	       count(*) FILTER (WHERE relevance = 'open') AS open_decisions,
	       count(*) FILTER (WHERE open AND (due_passed OR milestone_passed)) AS overdue,
	       count(*) FILTER (WHERE open AND unreported) AS stale,
	       count(*) FILTER (WHERE support = 'requested') AS open_support,
	       count(*) FILTER (WHERE compared AND relevance = 'relevant') AS compared_relevant,
	       count(*) FILTER (WHERE compared AND relevance = 'relevant' AND status = 'completed') AS compared_completed
	FROM impl GROUP BY organisation_id, action_field_id
), before AS (
	SELECT organisation_id, action_field_id,
	       count(*) FILTER (WHERE relevance = 'relevant') AS relevant,
	       count(*) FILTER (WHERE relevance = 'relevant' AND status = 'completed') AS completed
	FROM report_rows WHERE report_id = (SELECT id FROM baseline)
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
       coalesce(n.compared_completed, 0) - coalesce(p.completed, 0) AS completed_change
FROM orgs o CROSS JOIN fields f
LEFT JOIN now n ON n.organisation_id = o.id AND n.action_field_id = f.id
LEFT JOIN before p ON p.organisation_id = o.id AND p.action_field_id = f.id
LEFT JOIN baseline b ON true
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
}

// FindMonitoring counts a plan's implementations for the KI's monitoring
// matrix: per organisation of the county office countyID (itself included)
// and action field, judged on day, with the change since the baseline report.
// One statement, whatever the number of towns.
func (db *DB) FindMonitoring(ctx context.Context, planID, countyID int64, day domain.MonitoringDay) (domain.MonitoringData, error) {
	rows, err := db.pool.Query(ctx, monitoringSQL, planID, countyID, day.Today, day.StaleBefore)
	if err != nil {
		return domain.MonitoringData{}, translate(err, "plan")
	}
	flat, err := pgx.CollectRows(rows, pgx.RowToStructByName[monitoringRow])
	if err != nil {
		return domain.MonitoringData{}, translate(err, "plan")
	}
	return monitoringDataOf(flat), nil
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
