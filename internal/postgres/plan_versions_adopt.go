package postgres

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// AdoptPlanVersion adopts the draft next version of plan oldID in one
// transaction: the mapping is checked as it stands (domain.VersionDraft.
// Problems; every refusal at once), the old version's implementations are
// carried into the new measures (domain.MergeCarried, each linked to its
// predecessors, open milestones copied), every other measure of the new
// version gets its open implementations, and the old version is superseded.
func (db *DB) AdoptPlanVersion(ctx context.Context, oldID int64, actorID *int64) (domain.VersionDraft, error) {
	var d domain.VersionDraft
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT 1 FROM plans WHERE id = $1 FOR UPDATE`, oldID); err != nil {
			return err
		}
		newID, owner, err := lockDraftOf(ctx, tx, oldID)
		if err != nil {
			return err
		}
		if d, err = findVersionDraft(ctx, tx, oldID); err != nil {
			return err
		}
		if problems := d.Problems(); len(problems) > 0 {
			return domain.Keyed(domain.CodeInvalid, "", "versions.err.problems", "the mapping is incomplete",
				"Count", len(problems))
		}
		if err := refuseOpenRound(ctx, tx, oldID); err != nil {
			return err
		}
		n, err := carryImplementations(ctx, tx, oldID, newID, owner, actorID)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE plans SET state = 'superseded', superseded_at = now(), updated_at = now() WHERE id = $1`, oldID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE plans SET state = 'adopted', updated_at = now() WHERE id = $1`, newID); err != nil {
			return err
		}
		if err := auditPlan(ctx, tx, oldID, owner, actorID, "update", map[string]domain.Change{
			"state": {Old: domain.PlanAdopted, New: domain.PlanSuperseded}, "successor": {New: newID}}); err != nil {
			return err
		}
		return auditPlan(ctx, tx, newID, owner, actorID, "update", map[string]domain.Change{
			"state": {Old: domain.PlanDraft, New: domain.PlanAdopted}, "implementations": {New: n}})
	})
	if err != nil {
		return d, translate(err, "plan")
	}
	d.New.State, d.Old.State = domain.PlanAdopted, domain.PlanSuperseded
	return d, nil
}

// refuseOpenRound: a reporting round still open on the old version would
// stay open for ever once it is read-only.
func refuseOpenRound(ctx context.Context, tx pgx.Tx, oldID int64) error {
	var open bool
	err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM reporting_rounds WHERE plan_id = $1 AND state = 'open')`, oldID).Scan(&open)
	if err == nil && open {
		err = domain.Keyed(domain.CodeConflict, "", "versions.err.openRound", "a reporting round is open")
	}
	return err
}

// carriedPart is an old implementation with the new measure it goes into.
type carriedPart struct {
	domain.Carried
	NewMeasureID int64              `db:"new_measure_id"`
	Kind         domain.MappingKind `db:"kind"`
}

const carriedColumns = `relevance, relevance_note, relevance_decided_on, status, status_note, continuous, progress,
	responsible_org, contact, contact_is_person, contact_consent_at, start_on, due_on, original_due_on, postponements,
	last_postponed_on, postponement_reason, support, support_request, support_response, support_requested_at,
	support_assignee_id, support_answered_at, last_update_on`

// carryImplementations gives the new version its implementations and
// returns how many: the carried ones (through temporary tables, so that the
// kept counts' triggers run once for all rows), then the open ones.
func carryImplementations(ctx context.Context, tx pgx.Tx, oldID, newID, owner int64, actorID *int64) (int64, error) {
	// Implementations the catalogue editor made in the draft are empty: the
	// draft's towns cannot reach them (domain.PlanScope.StateRefuses).
	if _, err := tx.Exec(ctx, `DELETE FROM implementations WHERE measure_id IN (SELECT id FROM measures WHERE plan_id = $1)`, newID); err != nil {
		return 0, err
	}
	rows, _ := tx.Query(ctx, `
		SELECT i.id, i.organisation_id, `+prefixed("i.", carriedColumns)+`, vt.new_measure_id, vm.kind
		FROM version_mapping_targets vt
		JOIN version_mappings vm USING (plan_id, old_measure_id)
		JOIN measures om ON om.id = vt.old_measure_id
		JOIN implementations i ON i.measure_id = om.id
		WHERE vt.plan_id = $1
		ORDER BY vt.new_measure_id, i.organisation_id, om.position, om.code`, newID)
	parts, err := pgx.CollectRows(rows, pgx.RowToStructByName[carriedPart])
	if err != nil {
		return 0, err
	}
	if err := copyCarried(ctx, tx, parts); err != nil {
		return 0, err
	}
	var carried int64
	err = tx.QueryRow(ctx, `
		WITH ins AS (
			INSERT INTO implementations (measure_id, organisation_id, `+carriedColumns+`)
			SELECT measure_id, organisation_id, `+carriedColumns+` FROM carry_rows ORDER BY measure_id, organisation_id
			RETURNING id, measure_id, organisation_id
		), links AS (
			INSERT INTO implementation_predecessors (implementation_id, predecessor_id, kind)
			SELECT ins.id, p.predecessor_id, p.kind FROM ins JOIN carry_links p USING (measure_id, organisation_id)
			RETURNING implementation_id, predecessor_id
		), audit AS (
			-- "carried_from": the old version and measure(s) → the new ones,
			-- shown in the implementation's history (language-neutral text).
			INSERT INTO audit_events (actor_id, organisation_id, entity, entity_id, action, changes, implementation_id)
			SELECT $1::bigint, ins.organisation_id, 'implementation', ins.id, 'create',
			       jsonb_build_object('carried_from', jsonb_build_object(
			           'old', (SELECT op.version || ': ' || string_agg(om.code, ', ' ORDER BY om.code)
			                   FROM carry_links l JOIN implementations oi ON oi.id = l.predecessor_id
			                   JOIN measures om ON om.id = oi.measure_id JOIN plans op ON op.id = om.plan_id
			                   WHERE l.measure_id = ins.measure_id AND l.organisation_id = ins.organisation_id
			                   GROUP BY op.version),
			           'new', (SELECT np.version || ': ' || nm.code FROM measures nm JOIN plans np ON np.id = nm.plan_id
			                   WHERE nm.id = ins.measure_id))),
			       ins.id
			FROM ins
		)
		SELECT count(*) FROM ins`, actorID).Scan(&carried)
	if err != nil {
		return 0, err
	}
	if _, err := tx.Exec(ctx, `
		INSERT INTO milestones (implementation_id, title, due_on)
		SELECT ip.implementation_id, x.title, x.due_on
		FROM implementation_predecessors ip JOIN milestones x ON x.implementation_id = ip.predecessor_id
		JOIN implementations i ON i.id = ip.implementation_id JOIN measures m ON m.id = i.measure_id
		WHERE m.plan_id = $1 AND NOT x.done ORDER BY x.id`, newID); err != nil {
		return 0, err
	}
	tag, err := tx.Exec(ctx, `
		INSERT INTO implementations (measure_id, organisation_id)
		SELECT m.id, o.id FROM measures m JOIN organisations o ON CASE m.scope
			WHEN 'county' THEN o.id = $2 WHEN 'local' THEN o.id = m.owner_org_id
			ELSE o.parent_id = $2 AND o.kind = 'municipality' END
		WHERE m.plan_id = $1 AND m.retired_at IS NULL ORDER BY m.id, o.id
		ON CONFLICT (measure_id, organisation_id) DO NOTHING`, newID, owner)
	return carried + tag.RowsAffected(), err
}

// copyCarried merges the parts of each (new measure, organisation) and
// copies the results and their links into temporary tables.
func copyCarried(ctx context.Context, tx pgx.Tx, parts []carriedPart) error {
	if _, err := tx.Exec(ctx, `CREATE TEMP TABLE carry_rows ON COMMIT DROP AS
		SELECT measure_id, organisation_id, `+carriedColumns+` FROM implementations WITH NO DATA`); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `CREATE TEMP TABLE carry_links
		(measure_id bigint, organisation_id bigint, predecessor_id bigint, kind text) ON COMMIT DROP`); err != nil {
		return err
	}
	var rows, links [][]any
	for start := 0; start < len(parts); {
		end := start + 1
		for end < len(parts) && parts[end].NewMeasureID == parts[start].NewMeasureID &&
			parts[end].OrganisationID == parts[start].OrganisationID {
			end++
		}
		group := make([]domain.Carried, 0, end-start)
		for _, p := range parts[start:end] {
			group = append(group, p.Carried)
			links = append(links, []any{p.NewMeasureID, p.OrganisationID, p.ID, string(p.Kind)})
		}
		rows = append(rows, carriedValues(parts[start].NewMeasureID, domain.MergeCarried(group)))
		start = end
	}
	cols := append([]string{"measure_id", "organisation_id"}, splitColumns(carriedColumns)...)
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"carry_rows"}, cols, pgx.CopyFromRows(rows)); err != nil {
		return err
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"carry_links"}, []string{"measure_id", "organisation_id", "predecessor_id", "kind"},
		pgx.CopyFromRows(links))
	return err
}

func carriedValues(measureID int64, c domain.Carried) []any {
	var status *string
	if c.Status != nil {
		s := string(*c.Status)
		status = &s
	}
	return []any{measureID, c.OrganisationID, string(c.Relevance), c.RelevanceNote, c.RelevanceDecidedOn, status, c.StatusNote,
		c.Continuous, int16(c.Progress), c.ResponsibleOrg, c.Contact, c.ContactIsPerson, c.ContactConsentAt, c.StartOn, c.DueOn,
		c.OriginalDueOn, int32(c.Postponements), c.LastPostponedOn, c.PostponementReason, string(c.Support), c.SupportRequest,
		c.SupportResponse, c.SupportRequestedAt, c.SupportAssigneeID, c.SupportAnsweredAt, c.LastUpdateOn}
}

// splitColumns lists the columns of a comma-separated list.
func splitColumns(list string) []string { return strings.Fields(strings.ReplaceAll(list, ",", " ")) }

// prefixed qualifies every column of a list with p ("i.").
func prefixed(p, list string) string {
	cols := splitColumns(list)
	for i := range cols {
		cols[i] = p + cols[i]
	}
	return strings.Join(cols, ", ")
}
