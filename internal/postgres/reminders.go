package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// ReminderTowns lists the towns the reminder scan visits (those with a
// coordinator), in a stable order, for the scan to take them in batches.
func (db *DB) ReminderTowns(ctx context.Context) ([]int64, error) {
	rows, _ := db.pool.Query(ctx, `SELECT o.id FROM organisations o
		WHERE o.kind = 'municipality'
		  AND EXISTS (SELECT 1 FROM memberships m WHERE m.organisation_id = o.id AND m.role = 'coordinator')
		ORDER BY o.id`)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	return ids, translate(err, "organisation")
}

// ScanReminders writes the reminders due on day today for the towns named
// (one short transaction: the scan takes the towns in batches so that no
// statement holds a core or its snapshot for long while pages are served)
// as notifications, mailed by notify.DispatchReminders, and reports how
// many it wrote. Running it again, on another instance or after a crash,
// writes nothing new: each reminder has a slot per town
// (notifications.remind_key, unique per person and kind), each thing
// reminded of is marked per person (reminder_marks), and once a person's
// mail of a kind and step is out (remind_slot, across towns) no other
// town's reminder of that step is written for them.
func (db *DB) ScanReminders(ctx context.Context, today time.Time, towns []int64) (int, error) {
	day := today.Format(time.DateOnly)
	var n int64
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if err := longStatements(ctx, tx); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, roundRemindersSQL, day, towns)
		if err != nil {
			return err
		}
		n += tag.RowsAffected()
		var items int64
		if err := tx.QueryRow(ctx, workRemindersSQL, day, towns).Scan(&items); err != nil {
			return err
		}
		n += items
		return nil
	})
	return int(n), translate(err, "reminder")
}

// longStatements lifts the pool's statement timeout (made for pages) for
// the rest of tx: at Land scale the scan and the digest read every
// implementation, which takes seconds, not milliseconds, in a background job.
func longStatements(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `SET LOCAL statement_timeout = '5min'`)
	return err
}

// roundRemindersSQL: an open round's deadline 14, 7 and 1 days ahead (the
// nearest step not yet behind; a step that had passed when the round opened
// is skipped, the opening said it), and the deadline missed; to the
// coordinators of each town that has not marked its reporting complete.
const roundRemindersSQL = `
	INSERT INTO notifications (recipient_id, kind, plan_id, organisation_id, params, remind_key, remind_slot)
	SELECT m.user_id, s.kind, r.plan_id, o.id,
	       jsonb_strip_nulls(jsonb_build_object('round_id', r.id, 'round_title', r.title,
	           'deadline', r.deadline::text, 'days_left', s.step)),
	       concat('r', r.id, ':o', o.id, ':', s.slot), concat('r', r.id, ':', s.slot)
	FROM reporting_rounds r
	JOIN plans p ON p.id = r.plan_id
	CROSS JOIN LATERAL (SELECT r.deadline - $1::date AS days_left) d
	CROSS JOIN LATERAL (SELECT CASE WHEN d.days_left < 0 THEN NULL WHEN d.days_left <= 1 THEN 1
	                                WHEN d.days_left <= 7 THEN 7 WHEN d.days_left <= 14 THEN 14 END AS step) st
	CROSS JOIN LATERAL (
		SELECT 'round_missed' AS kind, 'missed' AS slot, NULL::int AS step WHERE d.days_left < 0
		UNION ALL
		SELECT 'round_deadline', 'd' || st.step, st.step
		WHERE st.step IS NOT NULL AND r.opened_at::date < r.deadline - st.step
	) s
	JOIN organisations o ON o.parent_id = p.owner_id AND o.kind = 'municipality'
	JOIN memberships m ON m.organisation_id = o.id AND m.role = 'coordinator'
	WHERE r.state = 'open' AND o.id = ANY($2::bigint[])
	  AND NOT EXISTS (SELECT 1 FROM round_completions c WHERE c.round_id = r.id AND c.organisation_id = o.id)
	  AND NOT EXISTS (SELECT 1 FROM notifications x WHERE x.recipient_id = m.user_id AND x.kind = s.kind
	                  AND x.remind_slot = concat('r', r.id, ':', s.slot) AND NOT x.mail_pending)
	ON CONFLICT (recipient_id, kind, remind_key) DO NOTHING`

// workRemindersSQL: a town's implementations turning stale, due dates and
// milestones within 7 days or passed; one notification per coordinator,
// town and kind listing what is new to them. The slot is the week for
// stale (at most one such mail a week) and the day for due dates, per
// person across towns; what a slot already taken leaves out stays
// unmarked and comes in the next one.
const workRemindersSQL = `
	WITH open_impl AS (
		SELECT i.id, i.organisation_id, i.due_on, i.continuous, i.stale_clock, ms.code, ms.title, p.id AS plan_id,
		       p.update_interval_days
		FROM implementations i
		JOIN measures ms ON ms.id = i.measure_id
		JOIN plans p ON p.id = ms.plan_id AND p.state = 'adopted' -- a superseded version is done with
		WHERE i.organisation_id = ANY($2::bigint[])
		  AND i.relevance = 'relevant' AND i.status NOT IN ('completed', 'cancelled')
	), thing AS (
		SELECT 'stale' AS kind, oi.*, 'i' || oi.id || ':stale:' || oi.stale_clock AS subject,
		       'stale' AS what, oi.stale_clock AS on_day, NULL::text AS milestone
		FROM open_impl oi WHERE oi.stale_clock < $1::date - oi.update_interval_days
		UNION ALL
		SELECT 'due', oi.*, 'i' || oi.id || ':' || w.what || ':' || oi.due_on, w.what, oi.due_on, NULL
		FROM open_impl oi
		CROSS JOIN LATERAL (SELECT CASE WHEN oi.due_on < $1::date THEN 'past' ELSE 'soon' END AS what) w
		WHERE NOT oi.continuous AND oi.due_on <= $1::date + 7
		UNION ALL
		SELECT 'due', oi.*, 'm' || mi.id || ':' || w.what || ':' || mi.due_on, w.what, mi.due_on, mi.title
		FROM milestones mi
		JOIN open_impl oi ON oi.id = mi.implementation_id
		CROSS JOIN LATERAL (SELECT CASE WHEN mi.due_on < $1::date THEN 'past' ELSE 'soon' END AS what) w
		WHERE NOT mi.done AND mi.due_on <= $1::date + 7
	), fresh AS (
		SELECT m.user_id, t.kind, t.plan_id, t.organisation_id, t.subject, t.on_day,
		       CASE t.kind WHEN 'stale' THEN to_char($1::date, 'IYYY-"W"IW') ELSE $1::date::text END AS slot,
		       jsonb_strip_nulls(jsonb_build_object('impl_id', t.id, 'code', t.code, 'title', t.title,
		           'milestone', t.milestone, 'what', t.what, 'on', t.on_day::text)) AS item,
		       row_number() OVER (PARTITION BY m.user_id, t.kind, t.plan_id, t.organisation_id
		                          ORDER BY t.on_day, t.subject) AS rn
		FROM thing t
		JOIN memberships m ON m.organisation_id = t.organisation_id AND m.role = 'coordinator'
		WHERE NOT EXISTS (SELECT 1 FROM reminder_marks rm
		                  WHERE rm.recipient_id = m.user_id AND rm.kind = t.kind AND rm.subject = t.subject)
	), written AS (
		INSERT INTO notifications (recipient_id, kind, plan_id, organisation_id, params, remind_key, remind_slot)
		SELECT user_id, kind, plan_id, organisation_id,
		       jsonb_build_object('items', jsonb_agg(item ORDER BY rn) FILTER (WHERE rn <= 20), 'total', count(*)),
		       concat('p', plan_id, ':o', organisation_id, ':', slot), slot
		FROM fresh f
		WHERE NOT EXISTS (SELECT 1 FROM notifications x WHERE x.recipient_id = f.user_id AND x.kind = f.kind
		                  AND x.remind_slot = f.slot AND NOT x.mail_pending)
		GROUP BY user_id, kind, plan_id, organisation_id, slot
		ON CONFLICT (recipient_id, kind, remind_key) DO NOTHING
		RETURNING recipient_id, kind, plan_id, organisation_id
	), marked AS (
		INSERT INTO reminder_marks (recipient_id, kind, subject, marked_on)
		SELECT f.user_id, f.kind, f.subject, $1::date
		FROM fresh f
		JOIN written w ON w.recipient_id = f.user_id AND w.kind = f.kind AND w.plan_id = f.plan_id
		              AND w.organisation_id = f.organisation_id
		ON CONFLICT DO NOTHING
	)
	SELECT count(*) FROM written`
