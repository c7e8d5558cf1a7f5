package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// StartPlanVersion starts the next version of plan oldID (which must be the
// county's current one, without a next version yet) in one transaction: a
// draft plan with a copy of the current catalogue (local measures included,
// with their towns) and every measure mapped as continued into its copy. The
// draft has no implementations: adoption creates them.
func (db *DB) StartPlanVersion(ctx context.Context, oldID int64, actorID *int64, v domain.VersionStart) (domain.Plan, error) {
	var newID int64
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var state domain.PlanState
		var slug string
		var owner int64
		err := tx.QueryRow(ctx, `SELECT state, slug, owner_id FROM plans WHERE id = $1 FOR UPDATE`, oldID).
			Scan(&state, &slug, &owner)
		if err != nil {
			return err
		}
		var started bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM plans WHERE predecessor_id = $1)`, oldID).Scan(&started); err != nil {
			return err
		}
		switch {
		case started:
			return domain.Keyed(domain.CodeConflict, "", "versions.err.started", "a next version exists already")
		case state != domain.PlanAdopted:
			return domain.Keyed(domain.CodeConflict, "", "versions.err.notCurrent", "only the current version is continued")
		}
		if newID, err = insertDraftPlan(ctx, tx, oldID, slug, v); err != nil {
			return err
		}
		if err := copyCatalogue(ctx, tx, oldID, newID); err != nil {
			return err
		}
		return auditPlan(ctx, tx, newID, owner, actorID, "create", map[string]domain.Change{
			"title": {New: v.Title}, "version": {New: v.Version}, "predecessor": {New: oldID}})
	})
	if err != nil {
		return domain.Plan{}, translate(err, "plan")
	}
	rows, _ := db.pool.Query(ctx, planSelect+` WHERE p.id = $1`, newID)
	plan, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.Plan])
	return plan, translate(err, "plan")
}

// insertDraftPlan adds the draft with the old plan's settings under a free
// address made of the old one's and the version name.
func insertDraftPlan(ctx context.Context, tx pgx.Tx, oldID int64, oldSlug string, v domain.VersionStart) (int64, error) {
	base := domain.VersionSlug(oldSlug, v.Version)
	slug := base
	for n := 2; ; n++ {
		var taken bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM plans WHERE slug = $1)`, slug).Scan(&taken); err != nil {
			return 0, err
		}
		if !taken {
			break
		}
		slug = fmt.Sprintf("%s-%d", base, n)
	}
	var id int64
	err := tx.QueryRow(ctx, `
		INSERT INTO plans (owner_id, slug, title, version, adopted_on, update_interval_days, status_colours, state, predecessor_id)
		SELECT owner_id, $2, $3, $4, $5, update_interval_days, status_colours, 'draft', id FROM plans WHERE id = $1
		RETURNING id`, oldID, slug, v.Title, v.Version, v.AdoptedOn).Scan(&id)
	return id, err
}

// copyCatalogue copies the current (not retired) catalogue of plan oldID
// into newID, matching parents by code (codes are unique within a plan), and
// maps every copied measure as continued into its copy.
func copyCatalogue(ctx context.Context, tx pgx.Tx, oldID, newID int64) error {
	for _, sql := range []string{`
		INSERT INTO action_fields (plan_id, code, position, title, description)
		SELECT $2, code, position, title, description FROM action_fields
		WHERE plan_id = $1 AND retired_at IS NULL ORDER BY position, code`, `
		INSERT INTO goals (plan_id, action_field_id, code, position, title, description)
		SELECT $2, nf.id, g.code, g.position, g.title, g.description
		FROM goals g JOIN action_fields f ON f.id = g.action_field_id
		JOIN action_fields nf ON nf.plan_id = $2 AND nf.code = f.code
		WHERE g.plan_id = $1 AND g.retired_at IS NULL ORDER BY g.position, g.code`, `
		INSERT INTO measures (plan_id, goal_id, code, position, title, description, scope, owner_org_id)
		SELECT $2, ng.id, m.code, m.position, m.title, m.description, m.scope, m.owner_org_id
		FROM measures m JOIN goals g ON g.id = m.goal_id
		JOIN goals ng ON ng.plan_id = $2 AND ng.code = g.code
		WHERE m.plan_id = $1 AND m.retired_at IS NULL ORDER BY m.position, m.code`, `
		INSERT INTO version_mappings (plan_id, old_measure_id, kind)
		SELECT $2, m.id, 'continued' FROM measures m WHERE m.plan_id = $1 AND m.retired_at IS NULL`, `
		INSERT INTO version_mapping_targets (plan_id, old_measure_id, new_measure_id)
		SELECT $2, m.id, nm.id FROM measures m JOIN measures nm ON nm.plan_id = $2 AND nm.code = m.code
		WHERE m.plan_id = $1 AND m.retired_at IS NULL`,
	} {
		if _, err := tx.Exec(ctx, sql, oldID, newID); err != nil {
			return err
		}
	}
	return nil
}

// auditPlan records a change of a plan version under its county office.
func auditPlan(ctx context.Context, tx pgx.Tx, planID, owner int64, actorID *int64, action string,
	changes map[string]domain.Change) error {
	_, err := tx.Exec(ctx, `
		INSERT INTO audit_events (actor_id, organisation_id, entity, entity_id, action, changes, api_token_id, plan_id)
		VALUES ($1, $2, 'plan', $3, $4, $5, $6, $3)`,
		actorID, owner, planID, action, changes, domain.APITokenOf(ctx))
	return err
}
