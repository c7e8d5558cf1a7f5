package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// offerRemindersSQL: public offers whose last confirmation is more than $2
// days before $1, named to their maintainers (the owner town's
// coordinators; the county office's KI staff for county-wide offers). An
// offer is named once per confirmation (reminder_marks): a maintainer hears
// of it again only after someone confirmed it and it went stale anew. One
// notification per person, organisation and day lists what is new; the
// plan is the county's newest, whose pages hold the organisation's offers.
const offerRemindersSQL = `
	WITH due AS (
		SELECT o.id, o.owner_org_id, o.title, o.confirmed_at::date AS confirmed_on,
		       'offer:' || o.id || ':' || o.confirmed_at::date AS subject,
		       (SELECT p.id FROM plans p WHERE p.owner_id = o.county_id ORDER BY p.adopted_on DESC, p.id DESC LIMIT 1) AS plan_id
		FROM offers o
		WHERE o.state = 'published' AND o.status <> 'ended' AND o.confirmed_at::date < $1::date - $2::int
	), fresh AS (
		SELECT m.user_id, d.plan_id, d.owner_org_id, d.subject,
		       jsonb_build_object('impl_id', 0, 'title', d.title, 'what', 'unconfirmed', 'on', d.confirmed_on::text) AS item,
		       row_number() OVER (PARTITION BY m.user_id, d.owner_org_id ORDER BY d.confirmed_on, d.id) AS rn
		FROM due d
		JOIN organisations org ON org.id = d.owner_org_id
		JOIN memberships m ON m.organisation_id = d.owner_org_id
		 AND m.role = CASE WHEN org.kind = 'municipality' THEN 'coordinator' ELSE 'ki' END
		WHERE d.plan_id IS NOT NULL
		  AND NOT EXISTS (SELECT 1 FROM reminder_marks rm
		                  WHERE rm.recipient_id = m.user_id AND rm.kind = 'offer_unconfirmed' AND rm.subject = d.subject)
	), written AS (
		INSERT INTO notifications (recipient_id, kind, plan_id, organisation_id, params, remind_key, remind_slot)
		SELECT user_id, 'offer_unconfirmed', plan_id, owner_org_id,
		       jsonb_build_object('items', jsonb_agg(item ORDER BY rn) FILTER (WHERE rn <= 20), 'total', count(*)),
		       concat('offers:o', owner_org_id, ':', $1::date), $1::date::text
		FROM fresh
		GROUP BY user_id, plan_id, owner_org_id
		ON CONFLICT (recipient_id, kind, remind_key) DO NOTHING
		RETURNING recipient_id, organisation_id
	), marked AS (
		INSERT INTO reminder_marks (recipient_id, kind, subject, marked_on)
		SELECT f.user_id, 'offer_unconfirmed', f.subject, $1::date
		FROM fresh f JOIN written w ON w.recipient_id = f.user_id AND w.organisation_id = f.owner_org_id
		ON CONFLICT DO NOTHING
	)
	SELECT count(*) FROM written`

// ScanOfferReminders writes today's notifications about public offers
// unconfirmed for more than afterDays days and reports how many.
func (db *DB) ScanOfferReminders(ctx context.Context, today time.Time, afterDays int) (int, error) {
	var n int
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if err := longStatements(ctx, tx); err != nil {
			return err
		}
		return tx.QueryRow(ctx, offerRemindersSQL, today.Format(time.DateOnly), afterDays).Scan(&n)
	})
	return n, translate(err, "reminder")
}
