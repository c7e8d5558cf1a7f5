package postgres

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// FindVersionDraft returns the mapping of plan oldID onto its next version
// (a draft or the adopted one), in the old catalogue's order; not found
// when the plan has no next version.
func (db *DB) FindVersionDraft(ctx context.Context, oldID int64) (domain.VersionDraft, error) {
	d, err := findVersionDraft(ctx, db.pool, oldID)
	return d, translate(err, "plan")
}

func findVersionDraft(ctx context.Context, q querier, oldID int64) (domain.VersionDraft, error) {
	rows, _ := q.Query(ctx, strings.Replace(planSelect, "p.state", "p.state, p.superseded_at", 1)+`
		WHERE p.id = $1 OR p.predecessor_id = $1 ORDER BY p.id = $1 DESC`, oldID)
	plans, err := pgx.CollectRows(rows, pgx.RowToStructByName[versionPlanRow])
	if err != nil {
		return domain.VersionDraft{}, err
	}
	if len(plans) != 2 {
		return domain.VersionDraft{}, pgx.ErrNoRows
	}
	d := domain.VersionDraft{Old: plans[0].Plan, New: plans[1].Plan, SupersededAt: plans[0].SupersededAt}
	if d.Rows, err = findMappingRows(ctx, q, oldID, d.New.ID); err != nil {
		return d, err
	}
	d.NewMeasures, err = findMappingMeasures(ctx, q, d.New.ID)
	return d, err
}

type versionPlanRow struct {
	domain.Plan
	SupersededAt *time.Time `db:"superseded_at"`
}

// mappingMeasureSQL reads measures as the mapping names them, in catalogue order.
const mappingMeasureSQL = `
	SELECT m.id, m.code, m.title, m.scope, m.owner_org_id, coalesce(o.name, '') AS owner_name,
	       m.retired_at IS NOT NULL AS retired, f.code AS field_code, f.title AS field
	FROM measures m JOIN goals g ON g.id = m.goal_id JOIN action_fields f ON f.id = g.action_field_id
	LEFT JOIN organisations o ON o.id = m.owner_org_id`

const mappingOrder = ` ORDER BY f.position, f.code, g.position, g.code, m.scope = 'local', o.name, m.position, m.code`

func findMappingMeasures(ctx context.Context, q querier, planID int64) ([]domain.MappingMeasure, error) {
	rows, _ := q.Query(ctx, mappingMeasureSQL+` WHERE m.plan_id = $1`+mappingOrder, planID)
	return pgx.CollectRows(rows, pgx.RowToStructByName[domain.MappingMeasure])
}

type mappingRow struct {
	domain.MappingMeasure
	Kind            *domain.MappingKind     `db:"kind"`
	Reason          *string                 `db:"reason"`
	Targets         []domain.MappingMeasure `db:"targets"`
	Implementations int                     `db:"implementations"`
}

// findMappingRows lists the old version's measures that are in its
// catalogue or mapped, each with its mapping and targets.
func findMappingRows(ctx context.Context, q querier, oldID, newID int64) ([]domain.MappingRow, error) {
	rows, _ := q.Query(ctx, `
		SELECT m.id, m.code, m.title, m.scope, m.owner_org_id, coalesce(o.name, '') AS owner_name,
		       m.retired_at IS NOT NULL AS retired, f.code AS field_code, f.title AS field,
		       vm.kind, vm.reason,
		       coalesce((SELECT json_agg(json_build_object('id', t.id, 'code', t.code, 'title', t.title, 'scope', t.scope,
		                    'owner_org_id', t.owner_org_id, 'retired', t.retired_at IS NOT NULL) ORDER BY t.code)
		                 FROM version_mapping_targets vt JOIN measures t ON t.id = vt.new_measure_id
		                 WHERE vt.plan_id = $2 AND vt.old_measure_id = m.id), '[]') AS targets,
		       (SELECT count(*) FROM implementations i WHERE i.measure_id = m.id)::int AS implementations
		FROM measures m JOIN goals g ON g.id = m.goal_id JOIN action_fields f ON f.id = g.action_field_id
		LEFT JOIN organisations o ON o.id = m.owner_org_id
		LEFT JOIN version_mappings vm ON vm.plan_id = $2 AND vm.old_measure_id = m.id
		WHERE m.plan_id = $1 AND (m.retired_at IS NULL OR vm.kind IS NOT NULL)`+mappingOrder, oldID, newID)
	flat, err := pgx.CollectRows(rows, pgx.RowToStructByName[mappingRow])
	if err != nil {
		return nil, err
	}
	out := make([]domain.MappingRow, len(flat))
	for i, r := range flat {
		out[i] = domain.MappingRow{Old: r.MappingMeasure, Targets: r.Targets, Implementations: r.Implementations}
		if r.Kind != nil {
			out[i].Kind, out[i].Reason = *r.Kind, *r.Reason
		}
	}
	return out, nil
}
