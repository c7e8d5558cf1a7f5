package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// sourceClaim marks a membership granted at sign-in from the provider's role
// claim (memberships.source); the default, "manual", one granted in Planwerk.
const sourceClaim = "claim"

// SyncClaimMemberships brings the memberships a user holds from the role
// claim in line with want, the memberships the claim grants at this sign-in:
// claim memberships no longer wanted are removed, missing ones added. Manual
// memberships are never touched; where one already holds a wanted role in
// the organisation it stays the only row and stays manual, so a grant by
// hand outlives the claim. Each change is audited in the same transaction,
// with no actor (the system acts on the provider's word).
//
// Entries naming an unknown organisation or role are returned and otherwise
// ignored: a mistake in the role map must not lock anyone out.
func (db *DB) SyncClaimMemberships(ctx context.Context, userID int64, want []domain.OrgRole) ([]domain.OrgRole, error) {
	var unknown []domain.OrgRole
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		// One sync per user at a time: two sign-ins at once (two tabs) would
		// otherwise lock the same memberships in different orders and deadlock.
		// NO KEY UPDATE, unlike UPDATE, lets an administrator's grant take its
		// foreign-key lock on the user meanwhile.
		if _, err := tx.Exec(ctx, `SELECT FROM users WHERE id = $1 FOR NO KEY UPDATE`, userID); err != nil {
			return err
		}
		orgs, err := organisationIDs(ctx, tx, want)
		if err != nil {
			return err
		}
		var orgIDs []int64
		var roles []string
		for _, w := range want {
			id, found := orgs[w.OrgSlug]
			if !found || !w.Role.Valid() {
				unknown = append(unknown, w)
				continue
			}
			orgIDs, roles = append(orgIDs, id), append(roles, string(w.Role))
		}
		if err := dropClaimMemberships(ctx, tx, userID, orgIDs, roles); err != nil {
			return err
		}
		return addClaimMemberships(ctx, tx, userID, orgIDs, roles, orgs)
	})
	return unknown, translate(err, "membership")
}

// organisationIDs maps the slugs named in want that exist to their ids.
func organisationIDs(ctx context.Context, tx pgx.Tx, want []domain.OrgRole) (map[string]int64, error) {
	slugs := make([]string, 0, len(want))
	for _, w := range want {
		slugs = append(slugs, w.OrgSlug)
	}
	rows, _ := tx.Query(ctx, `SELECT slug, id FROM organisations WHERE slug = ANY($1)`, slugs)
	ids := map[string]int64{}
	var slug string
	var id int64
	_, err := pgx.ForEachRow(rows, []any{&slug, &id}, func() error {
		ids[slug] = id
		return nil
	})
	return ids, err
}

// dropClaimMemberships removes the user's claim memberships that are not in
// the wanted (organisation, role) pairs.
func dropClaimMemberships(ctx context.Context, tx pgx.Tx, userID int64, orgIDs []int64, roles []string) error {
	rows, _ := tx.Query(ctx, `
		DELETE FROM memberships m USING organisations o
		WHERE o.id = m.organisation_id AND m.user_id = $1 AND m.source = $4
		  AND (m.organisation_id, m.role) NOT IN (SELECT * FROM unnest($2::bigint[], $3::text[]))
		RETURNING m.id, m.organisation_id, o.slug, m.role`, userID, orgIDs, roles, sourceClaim)
	type dropped struct {
		id, orgID int64
		slug      string
		role      string
	}
	var gone []dropped
	var d dropped
	if _, err := pgx.ForEachRow(rows, []any{&d.id, &d.orgID, &d.slug, &d.role}, func() error {
		gone = append(gone, d)
		return nil
	}); err != nil {
		return err
	}
	for _, d := range gone {
		if err := auditClaimMembership(ctx, tx, "delete", d.id, userID, d.orgID, d.slug, d.role); err != nil {
			return err
		}
	}
	return nil
}

// addClaimMemberships grants the wanted pairs the user lacks. A pair the user
// already holds, by claim or by hand, conflicts and is left as it is.
func addClaimMemberships(ctx context.Context, tx pgx.Tx, userID int64, orgIDs []int64, roles []string, orgs map[string]int64) error {
	rows, _ := tx.Query(ctx, `
		INSERT INTO memberships (user_id, organisation_id, role, source)
		SELECT DISTINCT $1::bigint, w.org, w.role, $4 FROM unnest($2::bigint[], $3::text[]) AS w(org, role)
		ON CONFLICT (user_id, organisation_id, role) DO NOTHING
		RETURNING id, organisation_id, role`, userID, orgIDs, roles, sourceClaim)
	type added struct {
		id, orgID int64
		role      string
	}
	var granted []added
	var a added
	if _, err := pgx.ForEachRow(rows, []any{&a.id, &a.orgID, &a.role}, func() error {
		granted = append(granted, a)
		return nil
	}); err != nil {
		return err
	}
	slugs := make(map[int64]string, len(orgs))
	for slug, id := range orgs {
		slugs[id] = slug
	}
	for _, a := range granted {
		if err := auditClaimMembership(ctx, tx, "create", a.id, userID, a.orgID, slugs[a.orgID], a.role); err != nil {
			return err
		}
	}
	return nil
}

// auditClaimMembership records a membership the sync created or deleted:
// the new values for "create", the old ones for "delete".
func auditClaimMembership(ctx context.Context, tx pgx.Tx, action string, id, userID, orgID int64, slug, role string) error {
	change := func(v any) domain.Change {
		if action == "delete" {
			return domain.Change{Old: v}
		}
		return domain.Change{New: v}
	}
	return insertAuditEvent(ctx, tx, auditEntry{OrganisationID: &orgID, Entity: "membership", EntityID: id, Action: action,
		Changes: map[string]domain.Change{"user_id": change(userID), "role": change(role),
			"organisation": change(slug), "source": change(sourceClaim)}})
}
