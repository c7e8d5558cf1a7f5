package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

type scopeRow struct {
	domain.Plan
	CountyKind  domain.OrgKind  `db:"county_kind"`
	CountyPlans []scopePlan     `db:"county_plans"`
	OrgID       *int64          `db:"org_id"`
	OrgSlug     *string         `db:"org_slug"`
	OrgName     *string         `db:"org_name"`
	OrgKind     *domain.OrgKind `db:"org_kind"`
	Successor   *scopePlan      `db:"successor"`
	Predecessor *scopePlan      `db:"predecessor"`
}

// scopePlan is one of the county's plans as the scope lists them (JSON).
type scopePlan struct {
	ID      int64            `json:"id"`
	Slug    string           `json:"slug"`
	Title   string           `json:"title"`
	Version string           `json:"version"`
	State   domain.PlanState `json:"state"`
}

func (p *scopePlan) plan() *domain.Plan {
	if p == nil {
		return nil
	}
	return &domain.Plan{ID: p.ID, Slug: p.Slug, Title: p.Title, Version: p.Version, State: p.State}
}

// FindScope resolves a plan-scoped address in one query: the plan by its
// slug with its county office and the county's plans (for switching between
// them, without a statement of its own) and, when orgSlug is not empty, the
// organisation, which must take part in the plan (the county office itself
// or one of its towns). Anything else is not found: a town of another county
// does not exist in this plan.
func (db *DB) FindScope(ctx context.Context, planSlug, orgSlug string) (domain.PlanScope, error) {
	rows, _ := db.pool.Query(ctx, `
		SELECT p.id, p.slug, p.title, p.version, p.adopted_on, p.update_interval_days, p.status_colours,
		       p.owner_id, owner.slug AS owner_slug, owner.name AS owner_name, owner.kind AS county_kind, p.state,
		       o.id AS org_id, o.slug AS org_slug, o.name AS org_name, o.kind AS org_kind,
		       (SELECT json_agg(json_build_object('id', cp.id, 'slug', cp.slug, 'title', cp.title)
		                        ORDER BY cp.adopted_on DESC NULLS LAST, cp.id DESC)
		        FROM plans cp WHERE cp.owner_id = p.owner_id AND cp.state = 'adopted') AS county_plans,
		       (SELECT json_build_object('id', s.id, 'slug', s.slug, 'title', s.title, 'version', s.version, 'state', s.state)
		        FROM plans s WHERE s.predecessor_id = p.id) AS successor,
		       (SELECT json_build_object('id', v.id, 'slug', v.slug, 'title', v.title, 'version', v.version, 'state', v.state)
		        FROM plans v WHERE v.id = p.predecessor_id) AS predecessor
		FROM plans p
		JOIN organisations owner ON owner.id = p.owner_id
		LEFT JOIN organisations o ON $2 <> '' AND o.slug = $2 AND (o.id = owner.id OR o.parent_id = owner.id)
		WHERE p.slug = $1`, planSlug, orgSlug)
	r, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[scopeRow])
	if err != nil {
		return domain.PlanScope{}, translate(err, "plan")
	}
	sc := domain.PlanScope{Plan: r.Plan,
		County:    domain.Organisation{ID: r.OwnerID, Slug: r.OwnerSlug, Name: r.OwnerName, Kind: r.CountyKind},
		Successor: r.Successor.plan(), Predecessor: r.Predecessor.plan()}
	for _, cp := range r.CountyPlans {
		sc.CountyPlans = append(sc.CountyPlans, domain.Plan{ID: cp.ID, Slug: cp.Slug, Title: cp.Title})
	}
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
