package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// FindPublishedPlans lists the plans whose status is public, current and
// superseded versions (drafts never), most recently adopted first, each with
// its published successor and its newest change.
func (db *DB) FindPublishedPlans(ctx context.Context) ([]domain.PublishedPlan, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT p.id, p.slug, p.title, p.version, p.adopted_on, p.update_interval_days, p.status_colours,
		       p.owner_id, owner.slug AS owner_slug, owner.name AS owner_name, p.state, pub.per_town,
		       s.slug AS successor_slug, s.title AS successor_title, s.version AS successor_version,
		       greatest(p.updated_at, pub.updated_at,
		                (SELECT max(greatest(m.created_at, m.state_changed_at)) FROM measures m
		                 WHERE m.plan_id = p.id AND m.scope <> 'local'),
		                (SELECT max(a.occurred_at) FROM audit_events a
		                 WHERE a.plan_id = p.id AND a.entity IN ('measure', 'goal', 'action_field'))) AS modified_at
		FROM plans p JOIN organisations owner ON owner.id = p.owner_id
		JOIN plan_publications pub ON pub.plan_id = p.id AND pub.published
		LEFT JOIN plans s ON s.predecessor_id = p.id AND s.state <> 'draft'
		    AND EXISTS (SELECT 1 FROM plan_publications sp WHERE sp.plan_id = s.id AND sp.published)
		WHERE p.state <> 'draft'`+planOrder)
	if err != nil {
		return nil, translate(err, "plan")
	}
	var out []domain.PublishedPlan
	var p domain.Plan
	var perTown bool
	var sSlug, sTitle, sVersion *string
	var modified time.Time
	_, err = pgx.ForEachRow(rows, []any{&p.ID, &p.Slug, &p.Title, &p.Version, &p.AdoptedOn, &p.UpdateIntervalDays,
		&p.StatusColours, &p.OwnerID, &p.OwnerSlug, &p.OwnerName, &p.State, &perTown, &sSlug, &sTitle, &sVersion, &modified}, func() error {
		pp := domain.PublishedPlan{Plan: p, PerTown: perTown, ModifiedAt: modified}
		if sSlug != nil {
			pp.SupersededBy = &domain.Plan{Slug: *sSlug, Title: *sTitle, Version: *sVersion}
		}
		out = append(out, pp)
		return nil
	})
	return out, translate(err, "plan")
}

// FindMeasureChanges says when each shared measure of a plan last changed for
// the public: the newest catalogue event of the measure, its goal or its
// action field (audit_events by plan), its creation, or the last change of a
// town's relevance or status (measures.state_changed_at, migration 0028).
func (db *DB) FindMeasureChanges(ctx context.Context, planID int64) (map[int64]time.Time, error) {
	rows, err := db.pool.Query(ctx, `
		WITH cat AS (
			SELECT entity, entity_id, max(occurred_at) AS at FROM audit_events
			WHERE plan_id = $1 AND entity IN ('measure', 'goal', 'action_field') GROUP BY 1, 2)
		SELECT m.id, greatest(m.created_at, m.state_changed_at, cm.at, cg.at, cf.at)
		FROM measures m JOIN goals g ON g.id = m.goal_id
		LEFT JOIN cat cm ON cm.entity = 'measure' AND cm.entity_id = m.id
		LEFT JOIN cat cg ON cg.entity = 'goal' AND cg.entity_id = g.id
		LEFT JOIN cat cf ON cf.entity = 'action_field' AND cf.entity_id = g.action_field_id
		WHERE m.plan_id = $1 AND m.scope <> 'local'`, planID)
	if err != nil {
		return nil, translate(err, "plan")
	}
	out := map[int64]time.Time{}
	var id int64
	var at time.Time
	_, err = pgx.ForEachRow(rows, []any{&id, &at}, func() error {
		out[id] = at
		return nil
	})
	return out, translate(err, "plan")
}

// FindTownStates reads each town's relevance and status of the given
// measures of a plan (the county office's own implementations are not a
// town's), by measure and town name.
func (db *DB) FindTownStates(ctx context.Context, planID int64, measureIDs []int64) ([]domain.TownState, error) {
	return db.townStates(ctx, `i.measure_id = ANY ($2)`, planID, measureIDs)
}

// FindStatesOfTown reads one town's relevance and status of every measure
// of a plan it implements, by measure.
func (db *DB) FindStatesOfTown(ctx context.Context, planID, townID int64) ([]domain.TownState, error) {
	return db.townStates(ctx, `i.organisation_id = $2`, planID, townID)
}

func (db *DB) townStates(ctx context.Context, where string, planID int64, arg any) ([]domain.TownState, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT i.measure_id, o.id, o.slug, o.name, o.kind, i.relevance, coalesce(i.status, '')
		FROM implementations i
		JOIN measures m ON m.id = i.measure_id
		JOIN plans p ON p.id = m.plan_id
		JOIN organisations o ON o.id = i.organisation_id AND o.parent_id = p.owner_id AND o.kind = 'municipality'
		WHERE m.plan_id = $1 AND `+where+`
		ORDER BY i.measure_id, o.name, o.id`, planID, arg)
	if err != nil {
		return nil, translate(err, "plan")
	}
	var out []domain.TownState
	var s domain.TownState
	_, err = pgx.ForEachRow(rows, []any{&s.MeasureID, &s.Town.ID, &s.Town.Slug, &s.Town.Name, &s.Town.Kind,
		&s.Relevance, &s.Status}, func() error {
		out = append(out, s)
		return nil
	})
	return out, translate(err, "plan")
}
