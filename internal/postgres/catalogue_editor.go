package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// levelTable names the table and parent column of each catalogue level; the
// names are constants, never input, so they may be spliced into SQL.
var levelTable = map[domain.CatalogueLevel]struct{ table, parent string }{
	domain.LevelField:   {"action_fields", ""},
	domain.LevelGoal:    {"goals", "action_field_id"},
	domain.LevelMeasure: {"measures", "goal_id"},
}

// catalogueItemRow is one row of any level as the editor reads it.
type catalogueItemRow struct {
	ID          int64        `db:"id"`
	ParentID    int64        `db:"parent_id"`
	Code        string       `db:"code"`
	Title       string       `db:"title"`
	Description string       `db:"description"`
	Scope       domain.Scope `db:"scope"`
	Retired     bool         `db:"retired"`
}

// itemSelect reads an item of level l of plan $1 with id $2.
func itemSelect(l domain.CatalogueLevel) string {
	t := levelTable[l]
	parent, scope := "0::bigint", "''::text"
	if t.parent != "" {
		parent = t.parent
	}
	if l == domain.LevelMeasure {
		scope = "scope"
	}
	return `SELECT id, ` + parent + ` AS parent_id, code, title, description, ` + scope + ` AS scope,
		retired_at IS NOT NULL AS retired FROM ` + t.table + ` WHERE plan_id = $1 AND id = $2`
}

// FindCatalogueItem returns the item of level l with id of plan planID. A
// local measure is the town's own and not found here.
func (db *DB) FindCatalogueItem(ctx context.Context, planID int64, l domain.CatalogueLevel, id int64) (domain.CatalogueItem, bool, error) {
	if !l.Valid() {
		return domain.CatalogueItem{}, false, translate(pgx.ErrNoRows, "plan")
	}
	rows, _ := db.pool.Query(ctx, itemSelect(l), planID, id)
	r, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[catalogueItemRow])
	if err == nil && r.Scope == domain.ScopeLocal {
		err = pgx.ErrNoRows
	}
	return domain.CatalogueItem{Level: l, ID: r.ID, ParentID: r.ParentID, Code: r.Code, Title: r.Title,
		Description: r.Description, Scope: r.Scope}, r.Retired, translate(err, "plan")
}

// lockCatalogue takes plan planID's row lock, so that catalogue edits of one
// plan (codes, positions) happen one after the other, and returns the county
// office that owns the plan.
func lockCatalogue(ctx context.Context, tx pgx.Tx, planID int64) (int64, error) {
	var owner int64
	err := tx.QueryRow(ctx, `SELECT owner_id FROM plans WHERE id = $1 FOR UPDATE`, planID).Scan(&owner)
	return owner, err
}

// checkCode refuses a code another item of the same level of the plan holds.
func checkCode(ctx context.Context, tx pgx.Tx, planID int64, it domain.CatalogueItem) error {
	var taken bool
	err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM `+levelTable[it.Level].table+`
		WHERE plan_id = $1 AND code = $2 AND id <> $3)`, planID, it.Code, it.ID).Scan(&taken)
	if err == nil && taken {
		return domain.CodeTaken(it.Code)
	}
	return err
}

// checkParent refuses a parent that is not a current item of the plan.
func checkParent(ctx context.Context, tx pgx.Tx, planID int64, it domain.CatalogueItem) error {
	if it.Level == domain.LevelField {
		return nil
	}
	parent := domain.LevelField
	if it.Level == domain.LevelMeasure {
		parent = domain.LevelGoal
	}
	var retired bool
	err := tx.QueryRow(ctx, `SELECT retired_at IS NOT NULL FROM `+levelTable[parent].table+`
		WHERE plan_id = $1 AND id = $2`, planID, it.ParentID).Scan(&retired)
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.Keyed(domain.CodeInvalid, "parent_id", "catalogue.err.parent", "no such parent in the plan")
	}
	if err == nil && retired {
		return domain.Keyed(domain.CodeInvalid, "parent_id", "catalogue.err.parentRetired", "parent retired")
	}
	return err
}

// SaveCatalogueItem creates (ID 0) or updates an action field, goal or
// measure of plan planID in one transaction with its audit event, and
// returns its id. A new municipal measure gets an open implementation for
// every municipality of the plan, a county-wide one for the county office,
// in the same transaction. A measure's kind is fixed once it exists: its
// implementations depend on it.
func (db *DB) SaveCatalogueItem(ctx context.Context, planID int64, actorID *int64, it domain.CatalogueItem) (int64, error) {
	id := it.ID
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		owner, err := lockCatalogue(ctx, tx, planID)
		if err != nil {
			return err
		}
		if err := checkCode(ctx, tx, planID, it); err != nil {
			return err
		}
		if it.ID == 0 {
			if err := checkParent(ctx, tx, planID, it); err != nil {
				return err
			}
			id, err = createItem(ctx, tx, planID, owner, actorID, it)
			return err
		}
		return updateItem(ctx, tx, planID, owner, actorID, it)
	})
	return id, translate(err, "plan")
}

func createItem(ctx context.Context, tx pgx.Tx, planID, owner int64, actorID *int64, it domain.CatalogueItem) (int64, error) {
	t := levelTable[it.Level]
	var id int64
	var err error
	switch it.Level {
	case domain.LevelField:
		err = tx.QueryRow(ctx, `INSERT INTO action_fields (plan_id, code, position, title, description)
			SELECT $1, $2, coalesce(max(position), 0) + 1, $3, $4 FROM action_fields WHERE plan_id = $1
			RETURNING id`, planID, it.Code, it.Title, it.Description).Scan(&id)
	case domain.LevelGoal:
		err = tx.QueryRow(ctx, `INSERT INTO goals (plan_id, action_field_id, code, position, title, description)
			SELECT $1, $2, $3, coalesce(max(position), 0) + 1, $4, $5 FROM goals WHERE action_field_id = $2
			RETURNING id`, planID, it.ParentID, it.Code, it.Title, it.Description).Scan(&id)
	default:
		err = tx.QueryRow(ctx, `INSERT INTO measures (plan_id, goal_id, code, position, title, description, scope)
			SELECT $1, $2, $3, coalesce(max(position), 0) + 1, $4, $5, $6 FROM measures WHERE goal_id = $2
			RETURNING id`, planID, it.ParentID, it.Code, it.Title, it.Description, it.Scope).Scan(&id)
	}
	if err != nil {
		return 0, err
	}
	changes := map[string]domain.Change{"code": {New: it.Code}, "title": {New: it.Title}, "description": {New: it.Description}}
	if t.parent != "" {
		changes[t.parent] = domain.Change{New: it.ParentID}
	}
	if it.Level == domain.LevelMeasure {
		n, err := openImplementations(ctx, tx, id, owner, it.Scope)
		if err != nil {
			return 0, err
		}
		changes["scope"] = domain.Change{New: it.Scope}
		changes["implementations"] = domain.Change{New: n}
	}
	return id, auditCatalogue(ctx, tx, planID, owner, actorID, it.Level, id, "create", changes)
}

// openImplementations gives measure measureID its open implementations: one
// per municipality of the county office owner, or the office's own for a
// county-wide measure. Those it has already are kept (a measure taken back
// into the catalogue). It returns how many it added.
func openImplementations(ctx context.Context, tx pgx.Tx, measureID, owner int64, scope domain.Scope) (int64, error) {
	tag, err := tx.Exec(ctx, `
		INSERT INTO implementations (measure_id, organisation_id)
		SELECT $1, o.id FROM organisations o
		WHERE CASE WHEN $3 = 'county' THEN o.id = $2 ELSE o.parent_id = $2 AND o.kind = 'municipality' END
		ORDER BY o.id
		ON CONFLICT (measure_id, organisation_id) DO NOTHING`, measureID, owner, string(scope))
	return tag.RowsAffected(), err
}

func updateItem(ctx context.Context, tx pgx.Tx, planID, owner int64, actorID *int64, it domain.CatalogueItem) error {
	t := levelTable[it.Level]
	rows, _ := tx.Query(ctx, itemSelect(it.Level)+` FOR UPDATE`, planID, it.ID)
	old, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[catalogueItemRow])
	if err != nil {
		return err
	}
	if old.Scope == domain.ScopeLocal {
		return pgx.ErrNoRows
	}
	if it.Level == domain.LevelMeasure && it.Scope != old.Scope {
		return domain.Keyed(domain.CodeInvalid, "scope", "catalogue.err.scopeFixed", "a measure's kind is fixed")
	}
	if t.parent != "" && it.ParentID != old.ParentID {
		if err := checkParent(ctx, tx, planID, it); err != nil {
			return err
		}
	}
	changes := map[string]domain.Change{}
	diff := func(field string, o, n any) {
		if o != n {
			changes[field] = domain.Change{Old: o, New: n}
		}
	}
	diff("code", old.Code, it.Code)
	diff("title", old.Title, it.Title)
	diff("description", old.Description, it.Description)
	if t.parent != "" {
		diff(t.parent, old.ParentID, it.ParentID)
	}
	if len(changes) == 0 {
		return nil
	}
	set := ""
	if t.parent != "" {
		set = ", " + t.parent + " = $6"
	} else {
		it.ParentID = 0 // $6 unused; an action field has no parent
	}
	_, err = tx.Exec(ctx, `UPDATE `+t.table+` SET code = $3, title = $4, description = $5`+set+`
		WHERE plan_id = $1 AND id = $2 AND $6::bigint IS NOT NULL`, planID, it.ID, it.Code, it.Title, it.Description, it.ParentID)
	if err != nil {
		return err
	}
	return auditCatalogue(ctx, tx, planID, owner, actorID, it.Level, it.ID, "update", changes)
}

// auditCatalogue records a catalogue change under the county office and the plan.
func auditCatalogue(ctx context.Context, tx pgx.Tx, planID, owner int64, actorID *int64, l domain.CatalogueLevel,
	id int64, action string, changes map[string]domain.Change) error {
	_, err := tx.Exec(ctx, `
		INSERT INTO audit_events (actor_id, organisation_id, entity, entity_id, action, changes, api_token_id, plan_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		actorID, owner, string(l), id, action, changes, domain.APITokenOf(ctx), planID)
	return err
}
