package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// MoveCatalogueItem moves an item one place up or down among its siblings
// (the action fields of the plan, the goals of a field, the catalogue
// measures of a goal), numbering the siblings 1…n in their order first. At
// the first or last place nothing moves and nothing is recorded.
func (db *DB) MoveCatalogueItem(ctx context.Context, planID int64, actorID *int64, l domain.CatalogueLevel,
	id int64, dir domain.Direction) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		owner, err := lockCatalogue(ctx, tx, planID)
		if err != nil {
			return err
		}
		ids, err := siblingsOf(ctx, tx, planID, l, id)
		if err != nil {
			return err
		}
		at := indexOf(ids, id)
		to := at + int(dir)
		if to < 0 || to >= len(ids) {
			return nil
		}
		ids[at], ids[to] = ids[to], ids[at]
		_, err = tx.Exec(ctx, `UPDATE `+levelTable[l].table+` t SET position = x.pos
			FROM unnest($2::bigint[]) WITH ORDINALITY AS x(id, pos)
			WHERE t.plan_id = $1 AND t.id = x.id AND t.position IS DISTINCT FROM x.pos`, planID, ids)
		if err != nil {
			return err
		}
		return auditCatalogue(ctx, tx, planID, owner, actorID, l, id, "update",
			map[string]domain.Change{"position": {Old: at + 1, New: to + 1}})
	})
	return translate(err, "plan")
}

// siblingsOf lists the ids of item id and its siblings in their order; an
// id that is not an item of the plan (or a local measure) is not found.
func siblingsOf(ctx context.Context, tx pgx.Tx, planID int64, l domain.CatalogueLevel, id int64) ([]int64, error) {
	t := levelTable[l]
	same := "true"
	if t.parent != "" {
		same = "s." + t.parent + " = i." + t.parent
	}
	local := ""
	if l == domain.LevelMeasure {
		local = " AND s.scope <> 'local' AND i.scope <> 'local'"
	}
	rows, err := tx.Query(ctx, `SELECT s.id FROM `+t.table+` i JOIN `+t.table+` s ON s.plan_id = i.plan_id AND `+same+local+`
		WHERE i.plan_id = $1 AND i.id = $2 ORDER BY s.position, s.code, s.id`, planID, id)
	if err != nil {
		return nil, err
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err == nil && len(ids) == 0 {
		err = pgx.ErrNoRows
	}
	return ids, err
}

func indexOf(ids []int64, id int64) int {
	for i, x := range ids {
		if x == id {
			return i
		}
	}
	return -1
}

// RetireCatalogueItem takes an item out of the catalogue ("entfallen im
// Katalog") with everything under it, or (retired false) takes it back.
// Nothing with data is deleted: a retired measure keeps every implementation
// that was ever decided, reported on or discussed, shown as retired; only
// the untouched ones (open, never saved, no reports, milestones, comments or
// support) go, so towns are not asked to review what no longer exists. A
// measure taken back gets them again; taking back an item under a retired
// one is refused.
func (db *DB) RetireCatalogueItem(ctx context.Context, planID int64, actorID *int64, l domain.CatalogueLevel,
	id int64, retired bool) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		owner, err := lockCatalogue(ctx, tx, planID)
		if err != nil {
			return err
		}
		item, wasRetired, err := itemInTx(ctx, tx, planID, l, id)
		if err != nil || wasRetired == retired {
			return err
		}
		if !retired {
			return restoreItem(ctx, tx, planID, owner, actorID, item)
		}
		return retireTree(ctx, tx, planID, owner, actorID, l, id)
	})
	return translate(err, "plan")
}

func itemInTx(ctx context.Context, tx pgx.Tx, planID int64, l domain.CatalogueLevel, id int64) (domain.CatalogueItem, bool, error) {
	rows, _ := tx.Query(ctx, itemSelect(l)+` FOR UPDATE`, planID, id)
	r, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[catalogueItemRow])
	if err == nil && r.Scope == domain.ScopeLocal {
		err = pgx.ErrNoRows
	}
	return domain.CatalogueItem{Level: l, ID: r.ID, ParentID: r.ParentID, Code: r.Code, Scope: r.Scope}, r.Retired, err
}

// retireTree retires item id of level l and its current descendants, each
// with its own audit event.
func retireTree(ctx context.Context, tx pgx.Tx, planID, owner int64, actorID *int64, l domain.CatalogueLevel, id int64) error {
	if l != domain.LevelMeasure {
		child := domain.LevelGoal
		if l == domain.LevelGoal {
			child = domain.LevelMeasure
		}
		rows, err := tx.Query(ctx, `SELECT id FROM `+levelTable[child].table+`
			WHERE plan_id = $1 AND `+levelTable[child].parent+` = $2 AND retired_at IS NULL
			ORDER BY position, code, id`, planID, id)
		if err != nil {
			return err
		}
		children, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return err
		}
		for _, c := range children {
			if err := retireTree(ctx, tx, planID, owner, actorID, child, c); err != nil {
				return err
			}
		}
	}
	if _, err := tx.Exec(ctx, `UPDATE `+levelTable[l].table+` SET retired_at = now()
		WHERE plan_id = $1 AND id = $2`, planID, id); err != nil {
		return err
	}
	changes := map[string]domain.Change{"retired": {Old: false, New: true}}
	if l == domain.LevelMeasure {
		tag, err := tx.Exec(ctx, `
			DELETE FROM implementations i WHERE i.measure_id = $1
			AND i.relevance = 'open' AND i.version = 1 AND i.support = 'none' AND i.last_update_on IS NULL
			AND NOT EXISTS (SELECT 1 FROM progress_updates p WHERE p.implementation_id = i.id)
			AND NOT EXISTS (SELECT 1 FROM milestones x WHERE x.implementation_id = i.id)
			AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.implementation_id = i.id)`, id)
		if err != nil {
			return err
		}
		changes["implementations"] = domain.Change{Old: nil, New: -tag.RowsAffected()}
	}
	return auditCatalogue(ctx, tx, planID, owner, actorID, l, id, "update", changes)
}

// restoreItem takes one item back into the catalogue (not its descendants:
// the KI decides for each of them); a measure gets its open implementations again.
func restoreItem(ctx context.Context, tx pgx.Tx, planID, owner int64, actorID *int64, it domain.CatalogueItem) error {
	if err := checkParent(ctx, tx, planID, it); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE `+levelTable[it.Level].table+` SET retired_at = NULL
		WHERE plan_id = $1 AND id = $2`, planID, it.ID); err != nil {
		return err
	}
	changes := map[string]domain.Change{"retired": {Old: true, New: false}}
	if it.Level == domain.LevelMeasure {
		n, err := openImplementations(ctx, tx, it.ID, owner, it.Scope)
		if err != nil {
			return err
		}
		changes["implementations"] = domain.Change{New: n}
	}
	return auditCatalogue(ctx, tx, planID, owner, actorID, it.Level, it.ID, "update", changes)
}
