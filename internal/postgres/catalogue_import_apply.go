package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// ApplyCatalogueImport writes a catalogue import in one transaction, on the
// catalogue revision its dry run was made on: creations, updates,
// retirements and takings back through the editor's own writes and audit
// events. Parents are found by code, those created by the import included.
func (db *DB) ApplyCatalogueImport(ctx context.Context, planID int64, actorID *int64, revision int64, token string,
	ops []domain.CatalogueOp) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		owner, err := lockCatalogue(ctx, tx, planID)
		if err != nil {
			return err
		}
		var rev int64
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(id), 0) FROM audit_events WHERE plan_id = $1`, planID).Scan(&rev); err != nil {
			return err
		}
		if rev != revision {
			return importChanged()
		}
		ids, err := catalogueIDs(ctx, tx, planID)
		if err != nil {
			return err
		}
		for _, op := range ops {
			if err := applyCatalogueOp(ctx, tx, planID, owner, actorID, ids, op); err != nil {
				return err
			}
		}
		return deleteUpload(ctx, tx, token)
	})
	return translate(err, "plan")
}

type codeKey struct {
	level domain.CatalogueLevel
	code  string
}

// catalogueIDs maps the plan's codes to ids, per level (local measures excluded).
func catalogueIDs(ctx context.Context, tx pgx.Tx, planID int64) (map[codeKey]int64, error) {
	ids := map[codeKey]int64{}
	for l, t := range levelTable {
		rows, err := tx.Query(ctx, `SELECT id, code FROM `+t.table+` WHERE plan_id = $1`+
			map[bool]string{true: ` AND scope <> 'local'`}[l == domain.LevelMeasure], planID)
		if err != nil {
			return nil, err
		}
		var id int64
		var code string
		if _, err := pgx.ForEachRow(rows, []any{&id, &code}, func() error {
			ids[codeKey{l, code}] = id
			return nil
		}); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

func applyCatalogueOp(ctx context.Context, tx pgx.Tx, planID, owner int64, actorID *int64, ids map[codeKey]int64,
	op domain.CatalogueOp) error {
	it := op.Item
	it.ID = ids[codeKey{it.Level, it.Code}]
	if it.Level != domain.LevelField {
		parent := domain.LevelField
		if it.Level == domain.LevelMeasure {
			parent = domain.LevelGoal
		}
		it.ParentID = ids[codeKey{parent, op.Parent}]
	}
	if op.Retire != nil {
		// An item may be retired already, with the parent retired before it.
		cur, retired, err := itemInTx(ctx, tx, planID, it.Level, it.ID)
		switch {
		case err != nil || retired == *op.Retire:
			return err
		case *op.Retire:
			return retireTree(ctx, tx, planID, owner, actorID, it.Level, it.ID)
		}
		return restoreItem(ctx, tx, planID, owner, actorID, cur)
	}
	if op.Create {
		if err := checkParent(ctx, tx, planID, it); err != nil {
			return err
		}
		id, err := createItem(ctx, tx, planID, owner, actorID, it)
		ids[codeKey{it.Level, it.Code}] = id
		return err
	}
	return updateItem(ctx, tx, planID, owner, actorID, it)
}
