package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// reportColumns lists the columns of domain.Report except the narratives; the
// FROM clause is reportFrom.
const reportColumns = `r.id, r.plan_id, r.title, r.committee, r.meeting_on, r.period_from, r.period_to,
	r.introduction, r.included_org_ids, r.included_scopes, r.state, r.frozen_at,
	coalesce(fu.name, ''), r.replaces_id, r.correction_reason, nx.id, rr.id, r.version, r.created_at, r.updated_at`

const reportFrom = ` FROM reports r
	LEFT JOIN users fu ON fu.id = r.frozen_by
	LEFT JOIN reports nx ON nx.replaces_id = r.id
	LEFT JOIN reporting_rounds rr ON rr.report_id = r.id`

func scanReport(row pgx.Row) (domain.Report, error) {
	var r domain.Report
	var scopes []string
	err := row.Scan(&r.ID, &r.PlanID, &r.Title, &r.Committee, &r.MeetingOn, &r.PeriodFrom, &r.PeriodTo,
		&r.Introduction, &r.IncludedOrgIDs, &scopes, &r.State, &r.FrozenAt,
		&r.FrozenByName, &r.ReplacesID, &r.CorrectionReason, &r.ReplacedByID, &r.RoundID, &r.Version, &r.CreatedAt, &r.UpdatedAt)
	for _, s := range scopes {
		r.IncludedScopes = append(r.IncludedScopes, domain.Scope(s))
	}
	return r, err
}

// CreateReport saves a new draft report of r.PlanID with its narratives and
// its audit event; a correction (r.ReplacesID set) names the frozen report it
// replaces and why.
func (db *DB) CreateReport(ctx context.Context, actor domain.Actor, r domain.Report) (domain.Report, error) {
	var out domain.Report
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		id, err := insertReport(ctx, tx, actor, r)
		if err != nil {
			return err
		}
		out, err = findReport(ctx, tx, r.PlanID, id)
		return err
	})
	return out, translate(err, "report")
}

func insertReport(ctx context.Context, tx pgx.Tx, actor domain.Actor, r domain.Report) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO reports (plan_id, title, committee, meeting_on, period_from, period_to,
			introduction, included_org_ids, included_scopes, replaces_id, correction_reason, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
		r.PlanID, r.Title, r.Committee, r.MeetingOn, r.PeriodFrom, r.PeriodTo, r.Introduction,
		r.IncludedOrgIDs, scopeStrings(r.IncludedScopes), r.ReplacesID, r.CorrectionReason, actor.UserID()).Scan(&id)
	if err != nil {
		return 0, err
	}
	if err := writeNarratives(ctx, tx, id, r.Narratives); err != nil {
		return 0, err
	}
	changes := map[string]domain.Change{"title": {New: r.Title}, "state": {New: domain.ReportDraft}}
	if r.ReplacesID != nil {
		changes["replaces_id"] = domain.Change{New: *r.ReplacesID}
		changes["correction_reason"] = domain.Change{New: r.CorrectionReason}
	}
	return id, insertAuditEvent(ctx, tx, auditEntry{ActorID: actor.UserID(), Entity: "report",
		EntityID: id, Action: "create", Changes: changes})
}

func writeNarratives(ctx context.Context, tx pgx.Tx, reportID int64, narratives map[int64]string) error {
	if _, err := tx.Exec(ctx, `DELETE FROM report_narratives WHERE report_id = $1`, reportID); err != nil {
		return err
	}
	for fieldID, body := range narratives {
		if body == "" {
			continue
		}
		// The action field must be one of the report's plan.
		_, err := tx.Exec(ctx, `INSERT INTO report_narratives (report_id, action_field_id, body)
			SELECT $1, af.id, $3 FROM action_fields af JOIN reports r ON r.plan_id = af.plan_id
			WHERE r.id = $1 AND af.id = $2`, reportID, fieldID, body)
		if err != nil {
			return err
		}
	}
	return nil
}

func scopeStrings(scopes []domain.Scope) []string {
	out := make([]string, 0, len(scopes))
	for _, s := range scopes {
		out = append(out, string(s))
	}
	return out
}

// UpdateReportDraft saves the KI's changes to a draft saved from
// expectedVersion; a frozen report is refused by the database itself.
func (db *DB) UpdateReportDraft(ctx context.Context, actor domain.Actor, r domain.Report, expectedVersion int) (domain.Report, error) {
	var out domain.Report
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		cur, err := lockReport(ctx, tx, r.PlanID, r.ID, expectedVersion)
		if err != nil {
			return err
		}
		if cur.Frozen() {
			return domain.Keyed(domain.CodeConflict, "", "error.report.frozen", "report is frozen")
		}
		_, err = tx.Exec(ctx, `UPDATE reports SET title = $2, committee = $3, meeting_on = $4, period_from = $5,
				period_to = $6, introduction = $7, included_org_ids = $8, included_scopes = $9,
				version = version + 1, updated_at = now()
			WHERE id = $1`, r.ID, r.Title, r.Committee, r.MeetingOn, r.PeriodFrom, r.PeriodTo, r.Introduction,
			r.IncludedOrgIDs, scopeStrings(r.IncludedScopes))
		if err != nil {
			return err
		}
		if err := writeNarratives(ctx, tx, r.ID, r.Narratives); err != nil {
			return err
		}
		err = insertAuditEvent(ctx, tx, auditEntry{ActorID: actor.UserID(), Entity: "report", EntityID: r.ID,
			Action: "update", Changes: map[string]domain.Change{"title": {Old: cur.Title, New: r.Title}}})
		if err != nil {
			return err
		}
		out, err = findReport(ctx, tx, r.PlanID, r.ID)
		return err
	})
	return out, translate(err, "report")
}

// lockReport reads and locks a report of planID, refusing a stale version
// (expectedVersion 0 skips the check).
func lockReport(ctx context.Context, tx pgx.Tx, planID, id int64, expectedVersion int) (domain.Report, error) {
	cur, err := scanReport(tx.QueryRow(ctx, `SELECT `+reportColumns+reportFrom+`
		WHERE r.id = $1 AND r.plan_id = $2 FOR UPDATE OF r`, id, planID))
	if err != nil {
		return domain.Report{}, translate(err, "report")
	}
	if expectedVersion != 0 && cur.Version != expectedVersion {
		return domain.Report{}, staleVersion("error.store.staleReport", "report changed since it was read")
	}
	return cur, nil
}

// FindReport reads one report of a plan with its narratives.
func (db *DB) FindReport(ctx context.Context, planID, id int64) (domain.Report, error) {
	r, err := findReport(ctx, db.pool, planID, id)
	return r, translate(err, "report")
}

type rowQuerier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func findReport(ctx context.Context, q rowQuerier, planID, id int64) (domain.Report, error) {
	r, err := scanReport(q.QueryRow(ctx, `SELECT `+reportColumns+reportFrom+`
		WHERE r.id = $1 AND r.plan_id = $2`, id, planID))
	if err != nil {
		return r, err
	}
	rows, err := q.Query(ctx, `SELECT action_field_id, body FROM report_narratives WHERE report_id = $1`, id)
	if err != nil {
		return r, err
	}
	r.Narratives = map[int64]string{}
	var fieldID int64
	var body string
	_, err = pgx.ForEachRow(rows, []any{&fieldID, &body}, func() error {
		r.Narratives[fieldID] = body
		return nil
	})
	return r, err
}

// FindReports lists a plan's reports, drafts first, then frozen ones newest
// first; withDrafts false lists the frozen ones only.
func (db *DB) FindReports(ctx context.Context, planID int64, withDrafts bool) ([]domain.Report, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+reportColumns+reportFrom+`
		WHERE r.plan_id = $1 AND ($2 OR r.state = 'frozen')
		ORDER BY r.frozen_at DESC NULLS FIRST, r.id DESC`, planID, withDrafts)
	if err != nil {
		return nil, translate(err, "report")
	}
	var out []domain.Report
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			rows.Close()
			return nil, translate(err, "report")
		}
		out = append(out, r)
	}
	return out, translate(rows.Err(), "report")
}

// FreezeReport takes the snapshot of a draft report saved from
// expectedVersion and freezes it, with its audit event, in one transaction:
// every included implementation as it stands on today. It returns the number
// of rows frozen; a report covering nothing is refused and nothing changes.
func (db *DB) FreezeReport(ctx context.Context, actor domain.Actor, planID, id int64, expectedVersion int, today time.Time) (int, error) {
	var n int
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var err error
		n, err = freezeReport(ctx, tx, actor, planID, id, expectedVersion, today)
		return err
	})
	return n, translate(err, "report")
}

// freezeReport is FreezeReport inside the caller's transaction, so that
// closing a reporting round freezes its report in the same transaction.
func freezeReport(ctx context.Context, tx pgx.Tx, actor domain.Actor, planID, id int64, expectedVersion int, today time.Time) (int, error) {
	cur, err := lockReport(ctx, tx, planID, id, expectedVersion)
	if err != nil {
		return 0, err
	}
	if cur.Frozen() {
		return 0, domain.Keyed(domain.CodeConflict, "", "error.report.alreadyFrozen", "report is frozen already")
	}
	tag, err := tx.Exec(ctx, snapshotSQL, id, today)
	if err != nil {
		return 0, err
	}
	n := int(tag.RowsAffected())
	if n == 0 {
		return 0, domain.Keyed(domain.CodeInvalid, "", "error.report.empty", "the report covers no implementation")
	}
	if err := insertReportCells(ctx, tx, id); err != nil {
		return 0, err
	}
	if _, err := tx.Exec(ctx, `UPDATE reports SET state = 'frozen', frozen_at = now(), frozen_by = $2,
			version = version + 1, updated_at = now() WHERE id = $1`, id, actor.UserID()); err != nil {
		return 0, err
	}
	return n, insertAuditEvent(ctx, tx, auditEntry{ActorID: actor.UserID(), Entity: "report", EntityID: id,
		Action: "update", Changes: map[string]domain.Change{
			"state": {Old: domain.ReportDraft, New: domain.ReportFrozen}, "rows": {New: n}}})
}

// insertReportCells counts a report's snapshot per organisation and action
// field for the monitoring matrix's comparison (report_cells); it runs just
// before the report is frozen, after which the table refuses changes.
func insertReportCells(ctx context.Context, tx pgx.Tx, reportID int64) error {
	_, err := tx.Exec(ctx, `
		INSERT INTO report_cells (report_id, organisation_id, action_field_id, relevant, completed)
		SELECT report_id, organisation_id, action_field_id,
		       count(*) FILTER (WHERE relevance = 'relevant'),
		       count(*) FILTER (WHERE relevance = 'relevant' AND status = 'completed')
		FROM report_rows WHERE report_id = $1
		GROUP BY report_id, organisation_id, action_field_id`, reportID)
	return err
}
