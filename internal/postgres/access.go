package postgres

import (
	"context"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// AccessGrant and AccessResult are the command line's grant (domain.AccessGrant).
type (
	AccessGrant  = domain.AccessGrant
	AccessResult = domain.AccessResult
)

// GrantAccess finds or creates the person and grants the membership, in one
// transaction, under the same rules and with the same audit event as a grant
// on the administration page; the event names no actor, since no signed-in
// person made the change.
func (db *DB) GrantAccess(ctx context.Context, g AccessGrant) (AccessResult, error) {
	var res AccessResult
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var err error
		if res.Organisation, err = findOrganisationBySlug(ctx, tx, g.OrgSlug); err != nil {
			return err
		}
		if res.User, res.UserCreated, err = findOrCreateUser(ctx, tx, g); err != nil {
			return err
		}
		err = tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM memberships WHERE user_id = $1 AND organisation_id = $2 AND role = $3)`,
			res.User.ID, res.Organisation.ID, g.Role).Scan(&res.AlreadyHeld)
		if err != nil || res.AlreadyHeld {
			return err
		}
		return insertMembership(ctx, tx, nil, res.User.ID, res.Organisation.ID, g.Role)
	})
	return res, translate(err, "membership")
}

func findOrganisationBySlug(ctx context.Context, tx pgx.Tx, slug string) (domain.Organisation, error) {
	rows, _ := tx.Query(ctx, `SELECT id, slug, name, kind FROM organisations WHERE slug = $1`, slug)
	org, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.Organisation])
	if errors.Is(err, pgx.ErrNoRows) {
		return org, domain.Keyed(domain.CodeNotFound, "", "error.access.orgUnknown", "unknown organisation", "Slug", slug)
	}
	return org, err
}

// findOrCreateUser finds the person by issuer and subject (adding them when
// unknown, so they get their role at their first sign-in) or, without a
// subject, by e-mail among those who signed in before.
func findOrCreateUser(ctx context.Context, tx pgx.Tx, g AccessGrant) (domain.User, bool, error) {
	if g.Subject == "" {
		rows, _ := tx.Query(ctx, `SELECT `+userColumns+` FROM users WHERE lower(email) = lower($1) ORDER BY id`, g.Email)
		users, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.User])
		switch {
		case err != nil:
			return domain.User{}, false, err
		case len(users) == 0:
			return domain.User{}, false, domain.Keyed(domain.CodeNotFound, "", "error.access.emailUnknown",
				"nobody with this e-mail signed in", "Email", g.Email)
		case len(users) > 1:
			return domain.User{}, false, domain.Keyed(domain.CodeConflict, "", "error.access.emailAmbiguous",
				"several people have this e-mail", "Email", g.Email, "Count", len(users))
		}
		return users[0], false, nil
	}
	// The provider sets name and e-mail at the first sign-in; until then the
	// administration page shows the e-mail address or the subject.
	name := strings.TrimSpace(g.Email)
	if name == "" {
		name = g.Subject
	}
	rows, _ := tx.Query(ctx, `
		INSERT INTO users (issuer, subject, name, email) VALUES ($1, $2, $3, $4)
		ON CONFLICT (issuer, subject) DO NOTHING
		RETURNING `+userColumns, g.Issuer, g.Subject, name, g.Email)
	user, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.User])
	if !errors.Is(err, pgx.ErrNoRows) {
		return user, err == nil, err
	}
	rows, _ = tx.Query(ctx, `SELECT `+userColumns+` FROM users WHERE issuer = $1 AND subject = $2`, g.Issuer, g.Subject)
	user, err = pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.User])
	return user, false, err
}
