package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

type scopeRow struct {
	domain.Plan
	CountyKind domain.OrgKind  `db:"county_kind"`
	OrgID      *int64          `db:"org_id"`
	OrgSlug    *string         `db:"org_slug"`
	OrgName    *string         `db:"org_name"`
	OrgKind    *domain.OrgKind `db:"org_kind"`
}

// FindScope resolves a plan-scoped address in one query: the plan by its
// slug with its county office and, when orgSlug is not empty, the
// organisation, which must take part in the plan (the county office itself
// or one of its towns). Anything else is not found: a town of another county
// does not exist in this plan.
func (db *DB) FindScope(ctx context.Context, planSlug, orgSlug string) (domain.PlanScope, error) {
	rows, _ := db.pool.Query(ctx, `
		SELECT p.id, p.slug, p.title, p.version, p.adopted_on, p.update_interval_days, p.status_colours,
		       p.owner_id, owner.slug AS owner_slug, owner.name AS owner_name, owner.kind AS county_kind,
		       o.id AS org_id, o.slug AS org_slug, o.name AS org_name, o.kind AS org_kind
		FROM plans p
		JOIN organisations owner ON owner.id = p.owner_id
		LEFT JOIN organisations o ON $2 <> '' AND o.slug = $2 AND (o.id = owner.id OR o.parent_id = owner.id)
		WHERE p.slug = $1`, planSlug, orgSlug)
	r, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[scopeRow])
	if err != nil {
		return domain.PlanScope{}, translate(err, "plan")
	}
	sc := domain.PlanScope{Plan: r.Plan,
		County: domain.Organisation{ID: r.OwnerID, Slug: r.OwnerSlug, Name: r.OwnerName, Kind: r.CountyKind}}
	if orgSlug == "" {
		return sc, nil
	}
	if r.OrgID == nil {
		return domain.PlanScope{}, translate(pgx.ErrNoRows, "municipality")
	}
	sc.Org = domain.Organisation{ID: *r.OrgID, Slug: *r.OrgSlug, Name: *r.OrgName, Kind: *r.OrgKind}
	return sc, nil
}

// FindMunicipalities lists the towns of a county office by name.
func (db *DB) FindMunicipalities(ctx context.Context, countyID int64) ([]domain.Organisation, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+organisationColumns+` FROM organisations
		WHERE parent_id = $1 AND kind = 'municipality' ORDER BY name`, countyID)
	if err != nil {
		return nil, translate(err, "municipality")
	}
	orgs, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.Organisation])
	return orgs, translate(err, "municipality")
}
