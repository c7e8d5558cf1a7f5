package postgres

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// maxBulkImplementations bounds one bulk change: more than a plan has
// measures cannot come from the workspace form.
const maxBulkImplementations = 1000

// UpdateImplementations applies change to each implementation named in
// versions (id → the version the caller saw), all of the workspace ws, in one
// transaction: every row is locked, every version checked, every change
// written with its own audit event, or nothing is written at all. A partly
// applied bulk review would leave the user guessing which decisions count.
//
// It returns the implementations as saved, by id. An id of another
// organisation (or none) is not found; a version someone else has replaced is
// a conflict wrapping domain.ErrStaleVersion.
func (db *DB) UpdateImplementations(ctx context.Context, ws domain.WorkspaceKey, versions map[int64]int, actorID *int64,
	change func(domain.Implementation) (domain.Implementation, error)) ([]domain.Implementation, error) {
	if len(versions) == 0 || len(versions) > maxBulkImplementations {
		return nil, domain.Keyed(domain.CodeInvalid, "", "error.store.selectionSize",
			fmt.Sprintf("Bitte wählen Sie zwischen 1 und %d Umsetzungen aus.", maxBulkImplementations),
			"Max", maxBulkImplementations)
	}
	ids := make([]int64, 0, len(versions))
	for id := range versions {
		ids = append(ids, id)
	}
	slices.Sort(ids) // one lock order for everyone, so two bulk reviews cannot deadlock
	var saved []domain.Implementation
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		current, err := lockImplementations(ctx, tx, ws, ids)
		if err != nil {
			return err
		}
		for _, cur := range current {
			if cur.Version != versions[cur.ID] {
				return &domain.Error{Code: domain.CodeConflict, Err: domain.ErrStaleVersion, Key: "error.store.staleSome",
					Message: "Mindestens eine der ausgewählten Umsetzungen wurde inzwischen von jemand anderem geändert."}
			}
			updated, err := change(cur)
			if err != nil {
				return err
			}
			s, err := writeImplementation(ctx, tx, cur, updated, actorID)
			if err != nil {
				return err
			}
			saved = append(saved, s)
		}
		return nil
	})
	if err != nil {
		return nil, translate(err, "Umsetzung")
	}
	return saved, nil
}

// lockImplementations reads and locks the implementations with the given
// (sorted) ids; it is not found unless every one belongs to the workspace
// (the organisation's implementations of the plan).
func lockImplementations(ctx context.Context, tx pgx.Tx, ws domain.WorkspaceKey, ids []int64) ([]domain.Implementation, error) {
	rows, _ := tx.Query(ctx, `SELECT `+implementationColumns+`
		FROM implementations i JOIN measures m ON m.id = i.measure_id
		WHERE i.organisation_id = $1 AND i.id = ANY($2) AND m.plan_id = $3
		ORDER BY i.id FOR UPDATE OF i`, ws.OrgID, ids, ws.PlanID)
	current, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.Implementation])
	if err != nil {
		return nil, err
	}
	if len(current) != len(ids) {
		return nil, domain.Keyed(domain.CodeNotFound, "", "error.store.foreignSelection",
			"Mindestens eine der ausgewählten Umsetzungen gehört nicht zu dieser Kommune.")
	}
	return current, nil
}
