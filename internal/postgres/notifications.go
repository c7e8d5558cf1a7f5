package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// Notifications ("Neu für Sie") are written by the store method of the event
// that causes them, in its transaction: an answer without its notification
// (or the reverse) cannot be committed. Who receives one is decided here, in
// SQL, from the memberships as they are at that moment (domain.NoticeKind
// names the rule of each kind); the actor never notifies themselves.

// notifyImplementation tells the other side of an event on implementation
// implID. By default that is the coordinators of the implementation's town;
// with toAssigneeWhenTown, an actor who is a member of that town (the town
// writing) reaches the KI staff member who took its support request instead
// (nobody when no one took it).
func notifyImplementation(ctx context.Context, tx pgx.Tx, kind domain.NoticeKind, implID int64, actorID *int64,
	p domain.NoticeParams, toAssigneeWhenTown bool) error {
	_, err := tx.Exec(ctx, `
		INSERT INTO notifications (recipient_id, kind, plan_id, organisation_id, implementation_id, actor_id, params)
		SELECT r.user_id, $2, ms.plan_id, i.organisation_id, i.id, $3,
		       jsonb_build_object('measure_code', ms.code, 'measure_title', ms.title) || $4::jsonb
		FROM implementations i
		JOIN measures ms ON ms.id = i.measure_id
		CROSS JOIN LATERAL (SELECT $5::boolean AND EXISTS (SELECT 1 FROM memberships WHERE user_id = $3
			AND organisation_id = i.organisation_id) AS by_town) side
		JOIN LATERAL (
			SELECT m.user_id FROM memberships m
			WHERE NOT side.by_town AND m.organisation_id = i.organisation_id AND m.role = 'coordinator'
			UNION
			SELECT i.support_assignee_id WHERE side.by_town AND i.support_assignee_id IS NOT NULL
		) r ON true
		WHERE i.id = $1 AND r.user_id IS DISTINCT FROM $3`, implID, kind, actorID, p, toAssigneeWhenTown)
	return err
}

// notifyTowns tells the coordinators of the plan's towns of an event of a
// reporting round: of one town (orgID), or of every town of the plan's
// county (orgID 0). A coordinator of two towns hears once per town, since
// each entry leads to its own town.
func notifyTowns(ctx context.Context, tx pgx.Tx, kind domain.NoticeKind, planID, orgID int64, actorID *int64,
	p domain.NoticeParams) error {
	_, err := tx.Exec(ctx, `
		INSERT INTO notifications (recipient_id, kind, plan_id, organisation_id, actor_id, params)
		SELECT m.user_id, $2, p.id, o.id, $4, $5::jsonb
		FROM plans p
		JOIN organisations o ON o.parent_id = p.owner_id AND o.kind = 'municipality'
		JOIN memberships m ON m.organisation_id = o.id AND m.role = 'coordinator'
		WHERE p.id = $1 AND ($3 = 0 OR o.id = $3) AND m.user_id IS DISTINCT FROM $4`,
		planID, kind, orgID, actorID, p)
	return err
}

// FindNotifications lists the newest entries of a user's inbox, at most limit.
func (db *DB) FindNotifications(ctx context.Context, userID int64, limit int) ([]domain.Notification, error) {
	rows, _ := db.pool.Query(ctx, `
		SELECT n.id, n.kind, p.slug AS plan_slug, o.slug AS org_slug, o.name AS org_name, n.implementation_id,
		       coalesce(u.name, '') AS actor_name, n.params, n.created_at, n.read_at
		FROM notifications n
		JOIN plans p ON p.id = n.plan_id
		JOIN organisations o ON o.id = n.organisation_id
		LEFT JOIN users u ON u.id = n.actor_id
		WHERE n.recipient_id = $1
		ORDER BY n.created_at DESC, n.id DESC
		LIMIT $2`, userID, limit)
	list, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.Notification])
	return list, translate(err, "notification")
}

// MarkNotificationRead marks one entry of the user's inbox read; an entry of
// someone else's inbox is not found. Marking it again keeps the first time.
func (db *DB) MarkNotificationRead(ctx context.Context, userID, id int64) error {
	tag, err := db.pool.Exec(ctx, `UPDATE notifications SET read_at = coalesce(read_at, now())
		WHERE recipient_id = $1 AND id = $2`, userID, id)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return translate(err, "notification")
}

// MarkAllNotificationsRead marks every unread entry of the user's inbox read.
func (db *DB) MarkAllNotificationsRead(ctx context.Context, userID int64) error {
	_, err := db.pool.Exec(ctx, `UPDATE notifications SET read_at = now()
		WHERE recipient_id = $1 AND read_at IS NULL`, userID)
	return translate(err, "notification")
}

// SetStartPage saves the start page the user chose (a domain.StartOption key).
func (db *DB) SetStartPage(ctx context.Context, userID int64, key string) error {
	tag, err := db.pool.Exec(ctx, `UPDATE users SET start_page = $2 WHERE id = $1`, userID, key)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return translate(err, "user")
}
