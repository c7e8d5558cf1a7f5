package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/seed"
)

// SeedDemoReporting loads the demo plan's frozen status reports and its open
// reporting round, in one transaction; it is idempotent: when the plan has a
// report already it does nothing and returns (false, nil). Each report is
// frozen as the plan stood on its day (snapshotAsOfSQL), with its freezing
// backdated to that day. Like the rest of the demo history, nothing of this
// is audited.
func (db *DB) SeedDemoReporting(ctx context.Context, planSlug string, reports []seed.DemoReport, round seed.DemoRound) (created bool, err error) {
	err = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, seedLockKey); err != nil {
			return fmt.Errorf("advisory lock: %w", err)
		}
		var planID int64
		var orgIDs []int64
		var exists bool
		err := tx.QueryRow(ctx, `SELECT p.id, EXISTS (SELECT 1 FROM reports WHERE plan_id = p.id),
				array_prepend(p.owner_id, (SELECT array_agg(o.id ORDER BY o.id) FROM organisations o
					WHERE o.parent_id = p.owner_id AND o.kind = 'municipality'))
			FROM plans p WHERE p.slug = $1`, planSlug).Scan(&planID, &exists, &orgIDs)
		if err != nil || exists {
			return err
		}
		created = true
		for _, r := range reports {
			if err := seedFrozenReport(ctx, tx, planID, orgIDs, r); err != nil {
				return fmt.Errorf("report %s: %w", r.Title, err)
			}
		}
		return seedOpenRound(ctx, tx, planID, orgIDs, round)
	})
	if err != nil {
		return false, translate(fmt.Errorf("seed demo reporting: %w", err), "report")
	}
	return created, nil
}

// seedAt is a demo event's time: the given day at hour o'clock in Berlin.
func seedAt(day time.Time, hour int) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), hour, 0, 0, 0, domain.Berlin)
}

func seedReportDraft(ctx context.Context, tx pgx.Tx, planID int64, orgIDs []int64, title, committee, intro string,
	meeting, from, to, createdAt time.Time) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO reports (plan_id, title, committee, meeting_on, period_from, period_to,
			introduction, included_org_ids, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
		planID, title, committee, meeting, from, to, intro, orgIDs, createdAt).Scan(&id)
	return id, err
}

func seedFrozenReport(ctx context.Context, tx pgx.Tx, planID int64, orgIDs []int64, r seed.DemoReport) error {
	id, err := seedReportDraft(ctx, tx, planID, orgIDs, r.Title, r.Committee, r.Introduction,
		r.MeetingOn, r.PeriodFrom, r.PeriodTo, seedAt(r.FrozenOn, 9).AddDate(0, 0, -7))
	if err != nil {
		return err
	}
	for code, body := range r.Narratives {
		_, err := tx.Exec(ctx, `INSERT INTO report_narratives (report_id, action_field_id, body)
			SELECT $1, id, $3 FROM action_fields WHERE plan_id = $2 AND code = $4`, id, planID, body, code)
		if err != nil {
			return err
		}
	}
	if _, err := tx.Exec(ctx, snapshotSQL, id, r.FrozenOn); err != nil {
		return err
	}
	for _, sql := range snapshotAsOfSQL {
		if _, err := tx.Exec(ctx, sql, id, r.FrozenOn); err != nil {
			return err
		}
	}
	if err := insertReportCells(ctx, tx, id); err != nil {
		return err
	}
	// Frozen in the same statement that backdates it: afterwards the
	// triggers refuse any change.
	_, err = tx.Exec(ctx, `UPDATE reports SET state = 'frozen', frozen_at = $2, updated_at = $2, version = 2
		WHERE id = $1`, id, seedAt(r.FrozenOn, 15))
	return err
}

func seedOpenRound(ctx context.Context, tx pgx.Tx, planID int64, orgIDs []int64, r seed.DemoRound) error {
	var from time.Time
	if err := tx.QueryRow(ctx, `SELECT coalesce(max(period_to) + 1, $2::date) FROM reports
		WHERE plan_id = $1 AND state = 'frozen'`, planID, r.OpenedOn).Scan(&from); err != nil {
		return err
	}
	opened := seedAt(r.OpenedOn, 10)
	reportID, err := seedReportDraft(ctx, tx, planID, orgIDs, r.ReportTitle, r.Committee, "",
		r.MeetingOn, from, r.Deadline, opened)
	if err != nil {
		return err
	}
	var roundID int64
	err = tx.QueryRow(ctx, `INSERT INTO reporting_rounds (plan_id, title, deadline, committee, meeting_on, report_id, opened_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		planID, r.Title, r.Deadline, r.Committee, r.MeetingOn, reportID, opened).Scan(&roundID)
	if err != nil {
		return err
	}
	for _, c := range r.Completed {
		if _, err := tx.Exec(ctx, `INSERT INTO round_completions (round_id, organisation_id, completed_at)
			SELECT $1, id, $3 FROM organisations WHERE slug = $2`, roundID, c.OrgSlug, seedAt(c.On, 11)); err != nil {
			return err
		}
	}
	_, err = tx.Exec(ctx, `INSERT INTO round_nudges (round_id, organisation_id, body, created_at)
		SELECT $1, id, $3, $4 FROM organisations WHERE slug = $2`, roundID, r.Nudge.OrgSlug, r.Nudge.Body, seedAt(r.Nudge.On, 14))
	return err
}

// snapshotAsOfSQL turns a draft's fresh snapshot ($1, taken with snapshotSQL
// on day $2) into the plan as it stood on day $2, from the progress history:
// status, progress and latest report as of the last progress report up to
// that day; an implementation first reported on later was still undecided
// then; a milestone done later was still open. Then overdue and stale are
// judged again on those values. Only the demo seed backdates reports.
var snapshotAsOfSQL = []string{`
UPDATE report_rows rr SET
	relevance = CASE WHEN lu.reported_on IS NULL AND later.yes THEN 'open' ELSE rr.relevance END,
	status = CASE WHEN lu.reported_on IS NULL AND later.yes THEN NULL
		WHEN lu.reported_on IS NOT NULL AND rr.relevance = 'relevant' THEN coalesce(lu.status, rr.status)
		ELSE rr.status END,
	progress = CASE WHEN lu.reported_on IS NULL AND later.yes THEN 0 ELSE coalesce(lu.progress, rr.progress) END,
	-- A due date moved after that day had not moved yet (the demo moves each at most once).
	due_on = CASE WHEN rr.last_postponed_on > $2::date THEN rr.first_due_on ELSE rr.due_on END,
	first_due_on = CASE WHEN rr.last_postponed_on > $2::date THEN NULL ELSE rr.first_due_on END,
	postponements = CASE WHEN rr.last_postponed_on > $2::date THEN 0 ELSE rr.postponements END,
	postponement_reason = CASE WHEN rr.last_postponed_on > $2::date THEN '' ELSE rr.postponement_reason END,
	last_postponed_on = CASE WHEN rr.last_postponed_on > $2::date THEN NULL ELSE rr.last_postponed_on END,
	last_report_on = lu.reported_on,
	last_report_text = coalesce(lu.body, ''),
	milestones = coalesce((
		SELECT jsonb_agg(jsonb_build_object('title', m->'title', 'due_on', m->'due_on', 'done', d.done,
				'done_on', CASE WHEN d.done THEN m->'done_on' ELSE 'null'::jsonb END) ORDER BY e.ord)
		FROM jsonb_array_elements(rr.milestones) WITH ORDINALITY AS e(m, ord)
		CROSS JOIN LATERAL (SELECT coalesce((m->>'done')::boolean AND (m->>'done_on')::date <= $2::date, false) AS done) d
	), '[]')
FROM report_rows r0
LEFT JOIN LATERAL (
	SELECT pu.reported_on, pu.body, pu.status, pu.progress FROM progress_updates pu
	WHERE pu.implementation_id = r0.implementation_id AND pu.reported_on <= $2::date
	ORDER BY pu.reported_on DESC, pu.id DESC LIMIT 1) lu ON true
CROSS JOIN LATERAL (
	SELECT EXISTS (SELECT 1 FROM progress_updates pu
		WHERE pu.implementation_id = r0.implementation_id AND pu.reported_on > $2::date) AS yes) later
WHERE r0.report_id = $1 AND rr.report_id = $1 AND rr.implementation_id = r0.implementation_id`, `
UPDATE report_rows rr SET
	overdue = rr.relevance = 'relevant' AND coalesce(rr.status NOT IN ('completed', 'cancelled'), false)
		AND ((NOT rr.continuous AND coalesce(rr.due_on < $2::date, false)) OR EXISTS (
			SELECT 1 FROM jsonb_array_elements(rr.milestones) m
			WHERE NOT (m->>'done')::boolean AND (m->>'due_on')::date < $2::date)),
	stale = rr.relevance = 'relevant' AND coalesce(rr.status NOT IN ('completed', 'cancelled'), false)
		-- stale_clock as of that day: a relevance decision taken later did not count yet.
		AND coalesce(greatest(rr.start_on, rr.last_report_on, (SELECT i.relevance_decided_on FROM implementations i
			WHERE i.id = rr.implementation_id AND i.relevance_decided_on <= $2::date)) < $2::date - p.update_interval_days, false)
FROM reports r JOIN plans p ON p.id = r.plan_id
WHERE r.id = $1 AND rr.report_id = $1`}
