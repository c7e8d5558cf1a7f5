package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// DemoAccount is an account of the demo sign-in service, with the one
// membership it gets.
type DemoAccount struct {
	Subject, Name, Email, Role, OrgSlug string
}

// EnsureDemoAccounts makes every demo account a user of issuer with its
// membership, in one transaction, so that the demo opens with filled roles.
// It is idempotent: users are matched by (issuer, subject) and take the
// given name and e-mail; a membership already held is left alone, a new one
// is audited as granted by the system. Memberships granted by hand are kept.
func (db *DB) EnsureDemoAccounts(ctx context.Context, issuer string, accounts []DemoAccount) error {
	var subjects, names, emails, roles, slugs []string
	for _, a := range accounts {
		if !domain.Role(a.Role).Valid() {
			return domain.Errorf(domain.CodeInvalid, "demo account %s: unknown role %q", a.Subject, a.Role)
		}
		subjects, names, emails = append(subjects, a.Subject), append(names, a.Name), append(emails, a.Email)
		roles, slugs = append(roles, a.Role), append(slugs, a.OrgSlug)
	}
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if err := demoAccountsCheckOrganisations(ctx, tx, slugs); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, demoAccountsSQL, issuer, subjects, names, emails, roles, slugs)
		return err
	})
	if err != nil {
		return translate(fmt.Errorf("demo accounts: %w", err), "demoAccount")
	}
	return nil
}

// demoAccountsCheckOrganisations names every organisation the accounts
// refer to that does not exist, instead of silently granting nothing.
func demoAccountsCheckOrganisations(ctx context.Context, tx pgx.Tx, slugs []string) error {
	var missing []string
	err := tx.QueryRow(ctx, `
		SELECT coalesce(array_agg(DISTINCT s ORDER BY s), '{}')
		FROM unnest($1::text[]) AS s
		WHERE NOT EXISTS (SELECT 1 FROM organisations o WHERE o.slug = s)`, slugs).Scan(&missing)
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		return domain.Errorf(domain.CodeInvalid,
			"organisations of the demo accounts missing: %s (load the demo data first: planwerk seed --demo)",
			strings.Join(missing, ", "))
	}
	return nil
}

// demoAccountsSQL upserts the users, grants the missing memberships and
// audits each grant, in one statement. DISTINCT ON lets one subject carry
// several memberships without updating its user row twice.
const demoAccountsSQL = `
WITH input AS (
	SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
		AS t(subject, name, email, role, org_slug)
), upserted AS (
	INSERT INTO users (issuer, subject, name, email)
	SELECT DISTINCT ON (subject) $1, subject, name, email FROM input ORDER BY subject
	ON CONFLICT (issuer, subject) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email
	RETURNING id, subject
), granted AS (
	INSERT INTO memberships (user_id, organisation_id, role)
	SELECT u.id, o.id, i.role
	FROM input i JOIN upserted u ON u.subject = i.subject JOIN organisations o ON o.slug = i.org_slug
	ON CONFLICT (user_id, organisation_id, role) DO NOTHING
	RETURNING id, organisation_id, role
)
INSERT INTO audit_events (organisation_id, entity, entity_id, action, changes)
SELECT g.organisation_id, 'membership', g.id, 'create', jsonb_build_object(
	'role', jsonb_build_object('old', NULL, 'new', g.role),
	'organisation', jsonb_build_object('old', NULL, 'new', o.slug))
FROM granted g JOIN organisations o ON o.id = g.organisation_id`
