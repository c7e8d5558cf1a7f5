package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// FindAccounts lists every user with their memberships, by name, in one query.
func (db *DB) FindAccounts(ctx context.Context) ([]domain.Account, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT u.id, u.issuer, u.subject, u.name, u.email, u.created_at, u.last_login_at,
		       m.id AS membership_id, o.id AS organisation_id, o.slug AS org_slug, o.name AS org_name,
		       coalesce(county.slug, o.slug) AS county_slug, m.role
		FROM users u
		LEFT JOIN memberships m ON m.user_id = u.id
		LEFT JOIN organisations o ON o.id = m.organisation_id
		LEFT JOIN organisations county ON county.id = o.parent_id
		ORDER BY u.name, u.id, o.name, m.role`)
	if err != nil {
		return nil, translate(err, "user")
	}
	flat, err := pgx.CollectRows(rows, pgx.RowToStructByName[accountRow])
	if err != nil {
		return nil, translate(err, "user")
	}
	var accounts []domain.Account
	for _, r := range flat {
		if len(accounts) == 0 || accounts[len(accounts)-1].ID != r.ID {
			accounts = append(accounts, domain.Account{User: r.User})
		}
		if r.MembershipID != nil {
			a := &accounts[len(accounts)-1]
			a.Memberships = append(a.Memberships, r.membership())
		}
	}
	return accounts, nil
}

// GrantMembership gives a user a role in an organisation and audits it,
// provided domain.CheckMembership allows the pair and the roles the user
// already holds. The user's row is locked meanwhile, so two grants at once
// cannot together make a combination that each alone would have refused.
func (db *DB) GrantMembership(ctx context.Context, actorID *int64, userID, orgID int64, role domain.Role) error {
	if !role.Valid() {
		return domain.Keyed(domain.CodeInvalid, "role", "error.store.roleMissing", "unknown role")
	}
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		return insertMembership(ctx, tx, actorID, userID, orgID, role)
	})
	return translate(err, "role")
}

// insertMembership checks and grants one membership with its audit event.
func insertMembership(ctx context.Context, tx pgx.Tx, actorID *int64, userID, orgID int64, role domain.Role) error {
	if err := checkGrant(ctx, tx, userID, orgID, role); err != nil {
		return err
	}
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, $3) RETURNING id`,
		userID, orgID, role).Scan(&id)
	if err != nil {
		return err
	}
	return insertAuditEvent(ctx, tx, auditEntry{ActorID: actorID, OrganisationID: &orgID, Entity: "membership",
		EntityID: id, Action: "create", Changes: map[string]domain.Change{
			"user_id": {New: userID}, "role": {New: role}}})
}

// checkGrant locks the user and applies the domain's rules to the kind of
// organisation and the roles the user holds already.
func checkGrant(ctx context.Context, tx pgx.Tx, userID, orgID int64, role domain.Role) error {
	var kind domain.OrgKind
	var held []domain.Role
	err := tx.QueryRow(ctx, `
		SELECT o.kind, ARRAY(SELECT m.role FROM memberships m WHERE m.user_id = u.id)
		FROM users u, organisations o
		WHERE u.id = $1 AND o.id = $2
		FOR UPDATE OF u`, userID, orgID).Scan(&kind, &held)
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.Keyed(domain.CodeInvalid, "", "error.store.missingReference", "user or organisation missing")
	}
	if err != nil {
		return err
	}
	return domain.CheckMembership(role, kind, held)
}

// RevokeMembership removes a membership and audits it. The last
// administration role is never removed: every admin membership is locked
// first, so of two revokes at the same moment the second sees the first one's
// result and is refused.
func (db *DB) RevokeMembership(ctx context.Context, actorID *int64, membershipID int64) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		admins, err := lockAdminMemberships(ctx, tx)
		if err != nil {
			return err
		}
		if len(admins) == 1 && admins[0] == membershipID {
			return domain.LastAdminError()
		}
		var userID, orgID int64
		var role string
		err = tx.QueryRow(ctx, `DELETE FROM memberships WHERE id = $1 RETURNING user_id, organisation_id, role`,
			membershipID).Scan(&userID, &orgID, &role)
		if err != nil {
			return err
		}
		return insertAuditEvent(ctx, tx, auditEntry{ActorID: actorID, OrganisationID: &orgID, Entity: "membership",
			EntityID: membershipID, Action: "delete", Changes: map[string]domain.Change{
				"user_id": {Old: userID}, "role": {Old: role}}})
	})
	return translate(err, "membership")
}

// lockAdminMemberships locks the admin memberships (in id order, so that
// concurrent callers cannot deadlock) and returns their ids. Under READ
// COMMITTED a caller that had to wait gets the rows as the other transaction
// left them: a membership it deleted is no longer among them.
func lockAdminMemberships(ctx context.Context, tx pgx.Tx) ([]int64, error) {
	rows, _ := tx.Query(ctx, `SELECT id FROM memberships WHERE role = 'admin' ORDER BY id FOR UPDATE`)
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}

// FindMembership returns one membership with the person who holds it, for the
// page that asks before it is revoked.
func (db *DB) FindMembership(ctx context.Context, id int64) (domain.User, domain.Membership, error) {
	rows, _ := db.pool.Query(ctx, `
		SELECT u.id, u.issuer, u.subject, u.name, u.email, u.created_at, u.last_login_at,
		       m.id AS membership_id, o.id AS organisation_id, o.slug AS org_slug, o.name AS org_name,
		       coalesce(county.slug, o.slug) AS county_slug, m.role
		FROM memberships m
		JOIN users u ON u.id = m.user_id
		JOIN organisations o ON o.id = m.organisation_id
		LEFT JOIN organisations county ON county.id = o.parent_id
		WHERE m.id = $1`, id)
	r, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[accountRow])
	if err != nil {
		return domain.User{}, domain.Membership{}, translate(err, "membership")
	}
	return r.User, r.membership(), nil
}
