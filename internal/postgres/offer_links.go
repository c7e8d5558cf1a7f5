package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

const confirmationColumns = confirmationFields + ` FROM offer_confirmations c JOIN offers o ON o.id = c.offer_id`

const confirmationFields = `c.id, c.offer_id, c.created_at, c.expires_at, c.revoked_at, c.used_at, c.answer,
	c.answer_text, c.task_done_at, o.title AS offer_title, o.provider AS offer_provider`

// CreateConfirmation records a new confirmation link of an offer.
func (db *DB) CreateConfirmation(ctx context.Context, actorID *int64, key domain.OfferKey,
	expiresAt time.Time) (domain.OfferConfirmation, error) {
	rows, _ := db.pool.Query(ctx, `
		WITH c AS (INSERT INTO offer_confirmations (offer_id, created_by, expires_at)
			SELECT id, $4, $5 FROM offers WHERE id = $1 AND county_id = $2 AND owner_org_id = $3
			RETURNING *)
		SELECT `+confirmationFields+` FROM c JOIN offers o ON o.id = c.offer_id`, key.ID, key.CountyID, key.OwnerOrgID, actorID, expiresAt)
	link, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.OfferConfirmation])
	return link, translate(err, "offer")
}

// FindConfirmation reads a link by id.
func (db *DB) FindConfirmation(ctx context.Context, id int64) (domain.OfferConfirmation, error) {
	rows, _ := db.pool.Query(ctx, `SELECT `+confirmationColumns+` WHERE c.id = $1`, id)
	link, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.OfferConfirmation])
	return link, translate(err, "confirmation")
}

// FindConfirmations lists an offer's links, newest first.
func (db *DB) FindConfirmations(ctx context.Context, key domain.OfferKey) ([]domain.OfferConfirmation, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+confirmationColumns+`
		WHERE o.id = $1 AND o.county_id = $2 AND o.owner_org_id = $3
		ORDER BY c.created_at DESC, c.id DESC LIMIT 20`, key.ID, key.CountyID, key.OwnerOrgID)
	if err != nil {
		return nil, translate(err, "confirmation")
	}
	links, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.OfferConfirmation])
	return links, translate(err, "confirmation")
}

// RevokeConfirmation makes an unused link of the offer unusable.
func (db *DB) RevokeConfirmation(ctx context.Context, actorID *int64, key domain.OfferKey, linkID int64) error {
	return db.offerLinkWrite(ctx, actorID, key, linkID, `UPDATE offer_confirmations SET revoked_at = now()
		WHERE id = $1 AND offer_id = $2 AND revoked_at IS NULL AND used_at IS NULL`, "link_revoked")
}

// CloseConfirmationTask marks the change a provider asked for as done.
func (db *DB) CloseConfirmationTask(ctx context.Context, actorID *int64, key domain.OfferKey, linkID int64) error {
	return db.offerLinkWrite(ctx, actorID, key, linkID, `UPDATE offer_confirmations SET task_done_at = now()
		WHERE id = $1 AND offer_id = $2 AND answer = 'change' AND task_done_at IS NULL`, "task_done")
}

// offerLinkWrite runs one change of a link of the offer at key, audited on
// the offer; a link that is not the offer's, or not in the state the
// change needs, is not found.
func (db *DB) offerLinkWrite(ctx context.Context, actorID *int64, key domain.OfferKey, linkID int64,
	sql, what string) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := findOffer(ctx, tx, key, true); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, sql, linkID, key.ID)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return pgx.ErrNoRows
		}
		return insertAuditEvent(ctx, tx, auditEntry{ActorID: actorID, OrganisationID: &key.OwnerOrgID,
			Entity: "offer", EntityID: key.ID, Action: "update",
			Changes: map[string]domain.Change{what: {New: linkID}}})
	})
	return translate(err, "confirmation")
}

// AnswerConfirmation uses up a link with the provider's answer: "still
// correct" sets the offer's confirmation date, "has ended" ends the offer
// too; "needs a change" stays on the link as the maintainer's task. A link
// used, revoked or expired meanwhile is refused (the update finds no row).
func (db *DB) AnswerConfirmation(ctx context.Context, linkID int64, a domain.ConfirmationAnswer, now time.Time) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var offerID, ownerID int64
		var status string
		err := tx.QueryRow(ctx, `
			UPDATE offer_confirmations c SET used_at = $4, answer = $2, answer_text = $3
			FROM offers o
			WHERE c.id = $1 AND o.id = c.offer_id AND c.used_at IS NULL AND c.revoked_at IS NULL AND c.expires_at > $4
			RETURNING o.id, o.owner_org_id, o.status`, linkID, a.Answer, a.Text, now).Scan(&offerID, &ownerID, &status)
		if err == pgx.ErrNoRows {
			return domain.Keyed(domain.CodeConflict, "", "offer.link.used", "link used meanwhile")
		}
		if err != nil {
			return err
		}
		changes := map[string]domain.Change{"confirmation": {New: a.Answer}}
		switch a.Answer {
		case domain.AnswerConfirmed:
			_, err = tx.Exec(ctx, `UPDATE offers SET confirmed_at = $2 WHERE id = $1`, offerID, now)
		case domain.AnswerEnded:
			changes["Status"] = domain.Change{Old: status, New: domain.OfferEnded}
			_, err = tx.Exec(ctx, `UPDATE offers SET confirmed_at = $2, status = 'ended', closed_until = NULL,
				version = version + 1, updated_at = now() WHERE id = $1`, offerID, now)
		}
		if err != nil {
			return err
		}
		return insertAuditEvent(ctx, tx, auditEntry{OrganisationID: &ownerID, Entity: "offer",
			EntityID: offerID, Action: "update", Changes: changes})
	})
	return translate(err, "confirmation")
}

// FindOfferMeasures lists the measures of a plan an organisation's offers
// can implement: the plan's county-wide and municipal measures and the
// organisation's own local ones, all still in the catalogue.
func (db *DB) FindOfferMeasures(ctx context.Context, planID, ownerID int64) ([]domain.Measure, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT m.id, m.plan_id, m.goal_id, m.code, m.title, m.description, m.scope, m.retired_at
		FROM measures m
		JOIN goals g ON g.id = m.goal_id
		JOIN action_fields f ON f.id = g.action_field_id
		WHERE m.plan_id = $1 AND (m.scope <> 'local' OR m.owner_org_id = $2) AND m.retired_at IS NULL
		ORDER BY f.position, f.code, g.position, g.code, m.position, m.code`, planID, ownerID)
	if err != nil {
		return nil, translate(err, "measure")
	}
	measures, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.Measure])
	return measures, translate(err, "measure")
}
