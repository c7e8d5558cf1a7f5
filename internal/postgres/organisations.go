package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

const organisationColumns = `id, slug, name, kind`

// FindOrganisationBySlug returns the organisation with the given slug.
func (db *DB) FindOrganisationBySlug(ctx context.Context, slug string) (domain.Organisation, error) {
	rows, _ := db.pool.Query(ctx, `SELECT `+organisationColumns+` FROM organisations WHERE slug = $1`, slug)
	org, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.Organisation])
	return org, translate(err, "municipality")
}

// FindOrganisations lists the organisations of one kind by name.
func (db *DB) FindOrganisations(ctx context.Context, kind domain.OrgKind) ([]domain.Organisation, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+organisationColumns+` FROM organisations WHERE kind = $1 ORDER BY name`, kind)
	if err != nil {
		return nil, translate(err, "municipality")
	}
	orgs, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.Organisation])
	return orgs, translate(err, "municipality")
}
