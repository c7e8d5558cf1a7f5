package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

const userColumns = `id, issuer, subject, name, email, created_at, last_login_at`

// UpsertUserAtLogin records a sign-in: the user known by (issuer, subject) is
// created on first sign-in; name and e-mail follow the identity provider on
// every later one, which keeps the provider the single source of truth.
func (db *DB) UpsertUserAtLogin(ctx context.Context, issuer, subject, name, email string) (domain.User, error) {
	rows, _ := db.pool.Query(ctx, `
		INSERT INTO users (issuer, subject, name, email, last_login_at)
		VALUES ($1, $2, $3, $4, now())
		ON CONFLICT (issuer, subject) DO UPDATE
			SET name = EXCLUDED.name, email = EXCLUDED.email, last_login_at = EXCLUDED.last_login_at
		RETURNING `+userColumns, issuer, subject, name, email)
	user, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.User])
	return user, translate(err, "user")
}

// FindUser returns the user with the given id.
func (db *DB) FindUser(ctx context.Context, id int64) (domain.User, error) {
	rows, _ := db.pool.Query(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id)
	user, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.User])
	return user, translate(err, "user")
}

// FindMemberships lists a user's memberships with the organisation's slug and
// name, so callers need no second query to show or check them.
func (db *DB) FindMemberships(ctx context.Context, userID int64) ([]domain.Membership, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT m.id, m.user_id, m.organisation_id, o.slug AS org_slug, o.name AS org_name,
		       coalesce(county.slug, o.slug) AS county_slug, m.role
		FROM memberships m JOIN organisations o ON o.id = m.organisation_id
		LEFT JOIN organisations county ON county.id = o.parent_id
		WHERE m.user_id = $1
		ORDER BY o.name, m.role`, userID)
	if err != nil {
		return nil, translate(err, "membership")
	}
	memberships, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.Membership])
	return memberships, translate(err, "membership")
}
