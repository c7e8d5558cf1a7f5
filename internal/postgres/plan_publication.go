package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// FindPlanPublication reads what a plan shows the public; a plan without a
// setting shows nothing.
func (db *DB) FindPlanPublication(ctx context.Context, planID int64) (domain.PlanPublication, error) {
	p := domain.PlanPublication{PlanID: planID}
	err := db.pool.QueryRow(ctx, `SELECT published, per_town FROM plan_publications WHERE plan_id = $1`,
		planID).Scan(&p.Published, &p.PerTown)
	if err == pgx.ErrNoRows {
		return p, nil
	}
	return p, translate(err, "plan")
}

// SavePlanPublication sets what a plan shows the public, with its audit event.
func (db *DB) SavePlanPublication(ctx context.Context, actorID *int64, ownerID int64, p domain.PlanPublication) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var old domain.PlanPublication
		err := tx.QueryRow(ctx, `SELECT published, per_town FROM plan_publications WHERE plan_id = $1 FOR UPDATE`,
			p.PlanID).Scan(&old.Published, &old.PerTown)
		if err != nil && err != pgx.ErrNoRows {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO plan_publications (plan_id, published, per_town) VALUES ($1, $2, $3)
			ON CONFLICT (plan_id) DO UPDATE SET published = $2, per_town = $3, updated_at = now()`,
			p.PlanID, p.Published, p.PerTown); err != nil {
			return err
		}
		return insertAuditEvent(ctx, tx, auditEntry{ActorID: actorID, OrganisationID: &ownerID, Entity: "plan",
			EntityID: p.PlanID, Action: "update", Changes: map[string]domain.Change{
				"public": {Old: old.Published, New: p.Published}, "public_per_town": {Old: old.PerTown, New: p.PerTown}}})
	})
	return translate(err, "plan")
}

// TallyByTown counts a plan's implementations by organisation, relevance
// and status: the state of the plan in each town, and nothing else.
func (db *DB) TallyByTown(ctx context.Context, planID int64) (map[int64]domain.Tally, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT i.organisation_id, i.relevance, coalesce(i.status, ''), count(*)::int
		FROM implementations i JOIN measures m ON m.id = i.measure_id
		WHERE m.plan_id = $1 GROUP BY 1, 2, 3`, planID)
	if err != nil {
		return nil, translate(err, "plan")
	}
	tallies := map[int64]domain.Tally{}
	var orgID int64
	var relevance, status string
	var n int
	_, err = pgx.ForEachRow(rows, []any{&orgID, &relevance, &status, &n}, func() error {
		t := tallies[orgID]
		t.Add(domain.Relevance(relevance), domain.Status(status), n)
		tallies[orgID] = t
		return nil
	})
	return tallies, translate(err, "plan")
}
