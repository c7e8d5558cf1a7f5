package postgres

import (
	"context"

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
		return nil, translate(err, "Benutzer")
	}
	flat, err := pgx.CollectRows(rows, pgx.RowToStructByName[accountRow])
	if err != nil {
		return nil, translate(err, "Benutzer")
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

// GrantMembership gives a user a role in an organisation and audits it.
func (db *DB) GrantMembership(ctx context.Context, actorID *int64, userID, orgID int64, role domain.Role) error {
	if !role.Valid() {
		return domain.Keyed(domain.CodeInvalid, "role", "error.store.roleMissing", "Bitte wählen Sie eine Rolle aus.")
	}
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var id int64
		err := tx.QueryRow(ctx, `INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, $3) RETURNING id`,
			userID, orgID, role).Scan(&id)
		if err != nil {
			return err
		}
		return insertAuditEvent(ctx, tx, auditEntry{ActorID: actorID, OrganisationID: &orgID, Entity: "membership",
			EntityID: id, Action: "create", Changes: map[string]domain.Change{
				"user_id": {New: userID}, "role": {New: role}}})
	})
	return translate(err, "Diese Rolle")
}

// RevokeMembership removes a membership and audits it.
func (db *DB) RevokeMembership(ctx context.Context, actorID *int64, membershipID int64) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var userID, orgID int64
		var role string
		err := tx.QueryRow(ctx, `DELETE FROM memberships WHERE id = $1 RETURNING user_id, organisation_id, role`,
			membershipID).Scan(&userID, &orgID, &role)
		if err != nil {
			return err
		}
		return insertAuditEvent(ctx, tx, auditEntry{ActorID: actorID, OrganisationID: &orgID, Entity: "membership",
			EntityID: membershipID, Action: "delete", Changes: map[string]domain.Change{
				"user_id": {Old: userID}, "role": {Old: role}}})
	})
	return translate(err, "Mitgliedschaft")
}
