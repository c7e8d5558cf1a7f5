package postgres

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// SaveVersionMapping writes the mapping of one measure of plan oldID onto
// its draft next version, in one transaction with its audit event. The
// measure must be one of the old version's; every target code must name a
// measure of the draft's catalogue (not retired).
func (db *DB) SaveVersionMapping(ctx context.Context, oldID int64, actorID *int64, m domain.MappingEdit) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		newID, owner, err := lockDraftOf(ctx, tx, oldID)
		if err != nil {
			return err
		}
		var code string
		err = tx.QueryRow(ctx, `SELECT code FROM measures WHERE plan_id = $1 AND id = $2 AND retired_at IS NULL`, oldID, m.OldMeasureID).Scan(&code)
		if err != nil {
			return err
		}
		targets, err := targetIDs(ctx, tx, newID, m.Targets)
		if err != nil {
			return err
		}
		before := mappingText(ctx, tx, newID, m.OldMeasureID)
		if _, err := tx.Exec(ctx, `
			INSERT INTO version_mappings (plan_id, old_measure_id, kind, reason) VALUES ($1, $2, $3, $4)
			ON CONFLICT (plan_id, old_measure_id) DO UPDATE SET kind = $3, reason = $4, updated_at = now()`,
			newID, m.OldMeasureID, string(m.Kind), m.Reason); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM version_mapping_targets WHERE plan_id = $1 AND old_measure_id = $2`,
			newID, m.OldMeasureID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO version_mapping_targets (plan_id, old_measure_id, new_measure_id)
			SELECT $1, $2, unnest($3::bigint[])`, newID, m.OldMeasureID, targets); err != nil {
			return err
		}
		after := string(m.Kind) + " " + strings.Join(m.Targets, ", ")
		return auditPlan(ctx, tx, newID, owner, actorID, "update", map[string]domain.Change{
			"mapping " + code: {Old: before, New: strings.TrimSpace(after)}})
	})
	return translate(err, "plan")
}

// lockDraftOf locks plan oldID's draft next version and returns it with its
// county office. A version already adopted is no longer a draft: conflict.
func lockDraftOf(ctx context.Context, tx pgx.Tx, oldID int64) (int64, int64, error) {
	var id, owner int64
	var state domain.PlanState
	err := tx.QueryRow(ctx, `SELECT id, owner_id, state FROM plans WHERE predecessor_id = $1 FOR UPDATE`, oldID).
		Scan(&id, &owner, &state)
	if err == nil && state != domain.PlanDraft {
		err = domain.Keyed(domain.CodeConflict, "", "versions.err.adopted", "the next version is adopted already")
	}
	return id, owner, err
}

// targetIDs resolves the codes of the draft's measures; a code that names
// none of its current measures is refused by name.
func targetIDs(ctx context.Context, tx pgx.Tx, newID int64, codes []string) ([]int64, error) {
	rows, _ := tx.Query(ctx, `SELECT code, id FROM measures WHERE plan_id = $1 AND code = ANY ($2) AND retired_at IS NULL`,
		newID, codes)
	found := map[string]int64{}
	var code string
	var id int64
	if _, err := pgx.ForEachRow(rows, []any{&code, &id}, func() error { found[code] = id; return nil }); err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(codes))
	for _, c := range codes {
		id, ok := found[c]
		if !ok {
			return nil, domain.Keyed(domain.CodeInvalid, "targets", "versions.err.targetMissing", "no such measure in the new version",
				"Code", c)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// mappingText is a mapping as the audit log records it ("continued 1.1.1").
func mappingText(ctx context.Context, tx pgx.Tx, newID, oldMeasure int64) string {
	var s string
	_ = tx.QueryRow(ctx, `
		SELECT vm.kind || coalesce(' ' || string_agg(t.code, ', ' ORDER BY t.code), '')
		FROM version_mappings vm
		LEFT JOIN version_mapping_targets vt ON vt.plan_id = vm.plan_id AND vt.old_measure_id = vm.old_measure_id
		LEFT JOIN measures t ON t.id = vt.new_measure_id
		WHERE vm.plan_id = $1 AND vm.old_measure_id = $2 GROUP BY vm.kind`, newID, oldMeasure).Scan(&s)
	return s
}
