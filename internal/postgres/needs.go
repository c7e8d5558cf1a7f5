package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// needColumns lists the columns of domain.Need; the FROM clause is needFrom.
const needColumns = `n.id, n.organisation_id, o.slug AS org_slug, o.name AS org_name, n.title, n.description,
	n.status, n.measure_id, coalesce(m.code, '') AS measure_code, coalesce(m.title, '') AS measure_title,
	n.linked_at, coalesce(lu.name, '') AS linked_by_name, coalesce(cu.name, '') AS created_by_name, n.created_at, n.version`

const needFrom = ` FROM needs n
	JOIN organisations o ON o.id = n.organisation_id
	LEFT JOIN measures m ON m.id = n.measure_id
	LEFT JOIN users lu ON lu.id = n.linked_by
	LEFT JOIN users cu ON cu.id = n.created_by`

// CreateNeed records a need a municipality reports, with its audit event.
func (db *DB) CreateNeed(ctx context.Context, orgID int64, actorID *int64, title, description string) (domain.Need, error) {
	var need domain.Need
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var id int64
		err := tx.QueryRow(ctx, `INSERT INTO needs (organisation_id, title, description, created_by)
			VALUES ($1, $2, $3, $4) RETURNING id`, orgID, title, description, actorID).Scan(&id)
		if err != nil {
			return err
		}
		err = insertAuditEvent(ctx, tx, auditEntry{ActorID: actorID, OrganisationID: &orgID, Entity: "need",
			EntityID: id, Action: "create", Changes: map[string]domain.Change{
				"title": {New: title}, "description": {New: description}, "status": {New: domain.NeedOpen}}})
		if err != nil {
			return err
		}
		need, err = findNeed(ctx, tx, id, false)
		return err
	})
	return need, translate(err, "need")
}

// FindNeeds lists the needs one municipality reported, newest first.
func (db *DB) FindNeeds(ctx context.Context, orgID int64) ([]domain.Need, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+needColumns+needFrom+`
		WHERE n.organisation_id = $1 ORDER BY n.created_at DESC, n.id DESC`, orgID)
	return collectNeeds(rows, err)
}

// FindAllNeeds lists the needs of every municipality, oldest first, for the
// KI; status "" lists every status.
func (db *DB) FindAllNeeds(ctx context.Context, countyID int64, status domain.NeedStatus) ([]domain.Need, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+needColumns+needFrom+`
		WHERE ($1 = '' OR n.status = $1)
		  AND n.organisation_id IN (SELECT id FROM organisations WHERE id = $2 OR parent_id = $2)
		ORDER BY n.created_at, n.id`, string(status), countyID)
	return collectNeeds(rows, err)
}

func collectNeeds(rows pgx.Rows, err error) ([]domain.Need, error) {
	if err != nil {
		return nil, translate(err, "need")
	}
	needs, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.Need])
	return needs, translate(err, "need")
}

func findNeed(ctx context.Context, q querier, id int64, forUpdate bool) (domain.Need, error) {
	sql := `SELECT ` + needColumns + needFrom + ` WHERE n.id = $1`
	if forUpdate {
		sql += ` FOR UPDATE OF n`
	}
	rows, _ := q.Query(ctx, sql, id)
	need, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.Need])
	return need, translate(err, "need")
}

// FindCountyMeasures lists the county-wide measures of a plan in catalogue
// order: the measures a need can be linked to.
func (db *DB) FindCountyMeasures(ctx context.Context, planID int64) ([]domain.Measure, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT m.id, m.plan_id, m.goal_id, m.code, m.title, m.description, m.scope, m.retired_at
		FROM measures m
		JOIN goals g ON g.id = m.goal_id
		JOIN action_fields f ON f.id = g.action_field_id
		WHERE m.plan_id = $1 AND m.scope = 'county'
		ORDER BY f.position, f.code, g.position, g.code, m.position, m.code`, planID)
	if err != nil {
		return nil, translate(err, "measure")
	}
	measures, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.Measure])
	return measures, translate(err, "measure")
}

// UpdateNeed sets a need's status and the county-wide measure of plan planID
// it is linked to, with an audit event of what changed, provided nobody saved
// since expectedVersion was read. A measure that is not county-wide or belongs
// to another plan is refused as invalid input.
//
// On a version conflict it returns the need as stored now together with a
// conflict error, so the caller can show the other person's values.
func (db *DB) UpdateNeed(ctx context.Context, actorID *int64, id, planID int64, expectedVersion int,
	change domain.NeedChange) (domain.Need, error) {
	if !change.Status.Valid() {
		return domain.Need{}, domain.Keyed(domain.CodeInvalid, "status", "need.err.status", "unknown need status")
	}
	var need domain.Need
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		current, err := findNeed(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if err := checkNeedInPlan(ctx, tx, planID, current); err != nil {
			return err
		}
		if current.Version != expectedVersion {
			need = current
			return staleVersion("error.store.staleNeed", "need changed since it was read")
		}
		if err := checkCountyMeasure(ctx, tx, planID, change.MeasureID); err != nil {
			return err
		}
		changes := needChanges(current, change)
		if len(changes) == 0 {
			need = current
			return nil
		}
		_, err = tx.Exec(ctx, `
			UPDATE needs SET status = $2, measure_id = $3,
				linked_by = CASE WHEN measure_id IS NOT DISTINCT FROM $3 THEN linked_by WHEN $3::bigint IS NULL THEN NULL ELSE $4 END,
				linked_at = CASE WHEN measure_id IS NOT DISTINCT FROM $3 THEN linked_at WHEN $3::bigint IS NULL THEN NULL ELSE now() END,
				version = version + 1, updated_at = now()
			WHERE id = $1`, id, change.Status, change.MeasureID, actorID)
		if err != nil {
			return err
		}
		err = insertAuditEvent(ctx, tx, auditEntry{ActorID: actorID, OrganisationID: &current.OrganisationID,
			Entity: "need", EntityID: id, Action: "update", Changes: changes})
		if err != nil {
			return err
		}
		need, err = findNeed(ctx, tx, id, false)
		return err
	})
	return need, translate(err, "need")
}

func checkCountyMeasure(ctx context.Context, tx pgx.Tx, planID int64, measureID *int64) error {
	if measureID == nil {
		return nil
	}
	var ok bool
	err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM measures WHERE id = $1 AND plan_id = $2 AND scope = 'county')`,
		*measureID, planID).Scan(&ok)
	if err == nil && !ok {
		return domain.Keyed(domain.CodeInvalid, "measure_id", "need.err.measure", "no county-wide measure of the plan")
	}
	return err
}

// needChanges lists what the KI changed, keyed as the audit log keeps it.
func needChanges(cur domain.Need, ch domain.NeedChange) map[string]domain.Change {
	changes := map[string]domain.Change{}
	if cur.Status != ch.Status {
		changes["status"] = domain.Change{Old: cur.Status, New: ch.Status}
	}
	if !sameID(cur.MeasureID, ch.MeasureID) {
		changes["measure_id"] = domain.Change{Old: cur.MeasureID, New: ch.MeasureID}
	}
	return changes
}

func sameID(a, b *int64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// checkNeedInPlan refuses a need of a town outside the plan's county: the KI
// of one county never touches another county's needs. It is "not found", as
// for anything its caller may not see.
func checkNeedInPlan(ctx context.Context, tx pgx.Tx, planID int64, need domain.Need) error {
	var ok bool
	err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM plans p JOIN organisations o ON o.id = $2
		WHERE p.id = $1 AND p.owner_id = coalesce(o.parent_id, o.id))`, planID, need.OrganisationID).Scan(&ok)
	if err == nil && !ok {
		return translate(pgx.ErrNoRows, "need")
	}
	return err
}
