package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

const apiTokenColumns = `id, user_id, name, created_at, expires_at, last_used_at, revoked_at`

// CreateAPIToken stores a new token of userID by the hash of its secret and
// audits its creation.
func (db *DB) CreateAPIToken(ctx context.Context, userID int64, name string, hash []byte, expiresAt time.Time) (domain.APIToken, error) {
	var tok domain.APIToken
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `
			INSERT INTO api_tokens (user_id, name, hash, expires_at) VALUES ($1, $2, $3, $4)
			RETURNING `+apiTokenColumns, userID, name, hash, expiresAt)
		if err != nil {
			return err
		}
		if tok, err = pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.APIToken]); err != nil {
			return err
		}
		return insertAuditEvent(ctx, tx, auditEntry{ActorID: &userID, Entity: "api_token", EntityID: tok.ID,
			Action: "create", Changes: map[string]domain.Change{"name": {New: name},
				"expires_at": {New: expiresAt.UTC().Format(time.RFC3339)}}})
	})
	return tok, translate(err, "apiToken")
}

// FindAPITokens lists the tokens of one user, newest first, revoked ones included.
func (db *DB) FindAPITokens(ctx context.Context, userID int64) ([]domain.APIToken, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+apiTokenColumns+` FROM api_tokens
		WHERE user_id = $1 ORDER BY created_at DESC, id DESC`, userID)
	if err != nil {
		return nil, translate(err, "apiToken")
	}
	toks, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.APIToken])
	return toks, translate(err, "apiToken")
}

// RevokeAPIToken ends a token of userID at the given time and audits it. A
// token of someone else is not found; revoking twice changes nothing.
func (db *DB) RevokeAPIToken(ctx context.Context, userID, id int64, at time.Time) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var revoked *time.Time
		err := tx.QueryRow(ctx, `SELECT revoked_at FROM api_tokens WHERE user_id = $1 AND id = $2 FOR UPDATE`,
			userID, id).Scan(&revoked)
		if err != nil || revoked != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE api_tokens SET revoked_at = $2 WHERE id = $1`, id, at); err != nil {
			return err
		}
		return insertAuditEvent(ctx, tx, auditEntry{ActorID: &userID, Entity: "api_token", EntityID: id,
			Action: "update", Changes: map[string]domain.Change{"revoked_at": {Old: "", New: at.UTC().Format(time.RFC3339)}}})
	})
	return translate(err, "apiToken")
}

// useAPITokenSQL finds a token by its hash and, when it is usable, records
// the use in one statement: last_used_at at most once a minute, and an audit
// event ("use") on the first use of each day ($3 is the day's start). The
// UPDATE rechecks last_used_at under its row lock, so two requests at once
// write one event, not two.
const useAPITokenSQL = `
WITH t AS (
	SELECT ` + apiTokenColumns + ` FROM api_tokens WHERE hash = $1
), touched AS (
	UPDATE api_tokens a SET last_used_at = $2
	FROM t WHERE a.id = t.id AND a.revoked_at IS NULL AND a.expires_at > $2
	  AND (a.last_used_at IS NULL OR a.last_used_at < $2 - interval '1 minute')
	RETURNING a.id
), used AS (
	INSERT INTO audit_events (actor_id, entity, entity_id, action, api_token_id)
	SELECT t.user_id, 'api_token', t.id, 'use', t.id FROM t JOIN touched ON touched.id = t.id
	WHERE t.last_used_at IS NULL OR t.last_used_at < $3
)
SELECT ` + apiTokenColumns + ` FROM t`

// UseAPIToken finds the token whose secret has the given hash and records
// its use when it is usable at now (dayStart: the start of now's day). The
// caller decides whether the token is usable (domain.APIToken.Usable).
func (db *DB) UseAPIToken(ctx context.Context, hash []byte, now, dayStart time.Time) (domain.APIToken, error) {
	rows, err := db.pool.Query(ctx, useAPITokenSQL, hash, now, dayStart)
	if err != nil {
		return domain.APIToken{}, translate(err, "apiToken")
	}
	tok, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.APIToken])
	return tok, translate(err, "apiToken")
}

// FindAuditEventsOfToken lists the audit trail of one API token, oldest
// first: its creation, daily use and revocation, and every write made with it.
func (db *DB) FindAuditEventsOfToken(ctx context.Context, tokenID int64) ([]domain.AuditEvent, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT a.id, a.occurred_at, a.actor_id, coalesce(u.name, '') AS actor_name, a.organisation_id,
		       a.entity, a.entity_id, a.action, a.changes
		FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id
		WHERE a.api_token_id = $1 OR (a.entity = 'api_token' AND a.entity_id = $1)
		ORDER BY a.id`, tokenID)
	if err != nil {
		return nil, translate(err, "auditLog")
	}
	events, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.AuditEvent])
	return events, translate(err, "auditLog")
}
