package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// FindDigestEntries lists the weekly digest's entries on day today, sorted
// by person, for every person (userID 0) or for one (the preview on the
// settings page). People who opted out of the digest are left out unless
// it is their own preview; entries with nothing to say are left in for the
// caller to drop (domain.GroupDigests).
func (db *DB) FindDigestEntries(ctx context.Context, today time.Time, userID int64) ([]domain.DigestEntry, map[int64]domain.DigestRecipient, error) {
	var entries []domain.DigestEntry
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if userID == 0 { // everyone's: a background job at Land scale
			if err := longStatements(ctx, tx); err != nil {
				return err
			}
		}
		rows, _ := tx.Query(ctx, digestSQL, today.Format(time.DateOnly), userID)
		var err error
		entries, err = pgx.CollectRows(rows, pgx.RowToStructByName[domain.DigestEntry])
		return err
	})
	if err != nil {
		return nil, nil, translate(err, "digest")
	}
	rows, _ := db.pool.Query(ctx, `SELECT id, email, mail_language FROM users
		WHERE ($1 = 0 OR id = $1) AND id IN (SELECT user_id FROM memberships)`, userID)
	people, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.DigestRecipient])
	byID := make(map[int64]domain.DigestRecipient, len(people))
	for _, p := range people {
		byID[p.ID] = p
	}
	return entries, byID, translate(err, "digest")
}

// digestSQL counts each town's open items once (town), then hands them to
// its coordinators; the KI gets the open support requests of each plan of
// their county that nobody took or they took.
const digestSQL = `
	WITH town AS (
		SELECT p.id AS plan_id, i.organisation_id,
		       count(*) FILTER (WHERE i.stale_clock < $1::date - p.update_interval_days) AS stale,
		       count(*) FILTER (WHERE NOT i.continuous AND i.due_on < $1::date) AS overdue,
		       count(*) FILTER (WHERE NOT i.continuous AND i.due_on BETWEEN $1::date AND $1::date + 14) AS due_soon
		FROM implementations i
		JOIN measures ms ON ms.id = i.measure_id
		JOIN plans p ON p.id = ms.plan_id AND p.state = 'adopted' -- not a superseded version, nor a draft
		WHERE i.relevance = 'relevant' AND i.status NOT IN ('completed', 'cancelled')
		  AND ($2 = 0 OR i.organisation_id IN (SELECT organisation_id FROM memberships
		                                       WHERE user_id = $2 AND role = 'coordinator'))
		GROUP BY p.id, i.organisation_id
	)
	SELECT m.user_id AS recipient_id, p.slug AS plan_slug, p.title AS plan_title, o.slug AS org_slug,
	       o.name AS org_name, coalesce(t.stale, 0)::int AS stale, coalesce(t.overdue, 0)::int AS overdue,
	       coalesce(t.due_soon, 0)::int AS due_soon, 0 AS support_open,
	       coalesce(r.title, '') AS round_title, r.deadline AS round_deadline
	FROM memberships m
	JOIN organisations o ON o.id = m.organisation_id AND o.kind = 'municipality'
	JOIN plans p ON p.owner_id = o.parent_id AND p.state = 'adopted'
	LEFT JOIN town t ON t.plan_id = p.id AND t.organisation_id = o.id
	LEFT JOIN reporting_rounds r ON r.plan_id = p.id AND r.state = 'open'
	     AND NOT EXISTS (SELECT 1 FROM round_completions c WHERE c.round_id = r.id AND c.organisation_id = o.id)
	WHERE m.role = 'coordinator' AND ($2 = 0 OR m.user_id = $2)
	  AND ($2 <> 0 OR NOT EXISTS (SELECT 1 FROM mail_optouts x WHERE x.user_id = m.user_id AND x.kind = 'digest'))
	UNION ALL
	SELECT m.user_id, p.slug, p.title, o.slug, o.name, 0, 0, 0,
	       (SELECT count(*) FROM implementations i JOIN measures ms ON ms.id = i.measure_id
	        WHERE ms.plan_id = p.id AND i.support = 'requested'
	          AND (i.support_assignee_id IS NULL OR i.support_assignee_id = m.user_id))::int,
	       '', NULL
	FROM memberships m
	JOIN organisations o ON o.id = m.organisation_id AND o.kind = 'county'
	JOIN plans p ON p.owner_id = o.id AND p.state = 'adopted'
	WHERE m.role = 'ki' AND ($2 = 0 OR m.user_id = $2)
	  AND ($2 <> 0 OR NOT EXISTS (SELECT 1 FROM mail_optouts x WHERE x.user_id = m.user_id AND x.kind = 'digest'))
	ORDER BY 1, 3, 5`
