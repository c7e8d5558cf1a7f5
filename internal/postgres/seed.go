package postgres

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/seed"
)

// seedLockKey names the advisory lock that serialises demo seeds, so that two
// processes started together cannot both load the plan.
const seedLockKey int64 = 0x706c_616e_7365_6564 // "planseed"

// SeedDemo loads the demo data in one transaction; it is idempotent: when the plan slug already exists it does nothing and returns (false, nil).
//
// Organisations that already exist (by slug) are reused. The history is
// written as it was before the tool existed, so no audit events are written.
func (db *DB) SeedDemo(ctx context.Context, c seed.Concept, orgs []seed.Organisation, impls []seed.Implementation) (created bool, err error) {
	err = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, seedLockKey); err != nil {
			return fmt.Errorf("advisory lock: %w", err)
		}
		// Read after taking the lock: a seed that held it has committed by now.
		var exists bool
		err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM plans WHERE slug = $1)`, c.Slug).Scan(&exists)
		if err != nil || exists {
			return err
		}
		created = true
		return seedLoad(ctx, tx, c, orgs, impls)
	})
	if err != nil {
		return false, translate(fmt.Errorf("seed demo data: %w", err), "plan")
	}
	return created, nil
}

func seedLoad(ctx context.Context, tx pgx.Tx, c seed.Concept, orgs []seed.Organisation, impls []seed.Implementation) error {
	at := seedImportedAt(c, impls)
	orgIDs, err := seedOrganisations(ctx, tx, orgs, at)
	if err != nil {
		return err
	}
	owner := c.OwnerSlug
	if owner == "" {
		owner = seed.CountySlug
	}
	ownerID, ok := orgIDs[owner]
	if !ok {
		return fmt.Errorf("plan owner %q is not among the organisations", owner)
	}
	planID, err := seedPlan(ctx, tx, c, ownerID, at)
	if err != nil {
		return err
	}
	measureIDs, err := seedCatalogue(ctx, tx, planID, c.Fields, at)
	if err != nil {
		return err
	}
	implIDs, err := seedImplementations(ctx, tx, planID, impls, measureIDs, orgIDs)
	if err != nil {
		return err
	}
	return seedHistory(ctx, tx, impls, implIDs)
}

// seedImportedAt is when the plan was loaded: the earliest implementation,
// or the adoption date when there are none.
func seedImportedAt(c seed.Concept, impls []seed.Implementation) time.Time {
	at := c.AdoptedOn
	for i, im := range impls {
		if i == 0 || im.CreatedAt.Before(at) {
			at = im.CreatedAt
		}
	}
	if at.IsZero() {
		return time.Now()
	}
	return at
}

// seedOrganisations inserts the organisations that do not exist yet, parents
// first, and returns the id of every organisation by slug.
func seedOrganisations(ctx context.Context, tx pgx.Tx, orgs []seed.Organisation, at time.Time) (map[string]int64, error) {
	ordered := slices.Clone(orgs)
	slices.SortStableFunc(ordered, func(a, b seed.Organisation) int {
		return seedHasParent(a) - seedHasParent(b)
	})
	b := &pgx.Batch{}
	slugs := make([]string, len(ordered))
	for i, o := range ordered {
		slugs[i] = o.Slug
		b.Queue(`INSERT INTO organisations (slug, name, kind, parent_id, created_at)
			VALUES ($1, $2, $3, (SELECT id FROM organisations WHERE slug = $4), $5)
			ON CONFLICT (slug) DO NOTHING`, o.Slug, o.Name, string(o.Kind), o.ParentSlug, at)
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return nil, fmt.Errorf("organisations: %w", err)
	}
	return seedQueryIDs(ctx, tx, `SELECT slug, id FROM organisations WHERE slug = ANY($1)`, slugs)
}

func seedHasParent(o seed.Organisation) int {
	if o.ParentSlug == "" {
		return 0
	}
	return 1
}

func seedPlan(ctx context.Context, tx pgx.Tx, c seed.Concept, ownerID int64, at time.Time) (int64, error) {
	colours := c.StatusColours
	if colours == nil {
		colours = map[string]string{}
	}
	var adopted *time.Time
	if !c.AdoptedOn.IsZero() {
		adopted = &c.AdoptedOn
	}
	var id int64
	err := tx.QueryRow(ctx, `
		INSERT INTO plans (owner_id, slug, title, version, adopted_on, update_interval_days, status_colours, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
		RETURNING id`,
		ownerID, c.Slug, c.Title, c.Version, adopted, c.UpdateIntervalDays, colours, at).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("plan: %w", err)
	}
	return id, nil
}

// seedCatalogue copies action fields, goals and measures, each level after
// the one it refers to, and returns the measure ids by code.
func seedCatalogue(ctx context.Context, tx pgx.Tx, planID int64, fields []seed.Field, at time.Time) (map[string]int64, error) {
	var fieldRows [][]any
	for i, f := range fields {
		fieldRows = append(fieldRows, []any{planID, f.Code, i + 1, f.Title, f.Description, at})
	}
	fieldIDs, err := seedCopyCodes(ctx, tx, planID, "action_fields", fieldRows,
		"plan_id", "code", "position", "title", "description", "created_at")
	if err != nil {
		return nil, err
	}
	var goalRows [][]any
	for _, f := range fields {
		for i, g := range f.Goals {
			goalRows = append(goalRows, []any{planID, fieldIDs[f.Code], g.Code, i + 1, g.Title, g.Description, at})
		}
	}
	goalIDs, err := seedCopyCodes(ctx, tx, planID, "goals", goalRows,
		"plan_id", "action_field_id", "code", "position", "title", "description", "created_at")
	if err != nil {
		return nil, err
	}
	return seedMeasures(ctx, tx, planID, fields, goalIDs, at)
}

func seedMeasures(ctx context.Context, tx pgx.Tx, planID int64, fields []seed.Field, goalIDs map[string]int64, at time.Time) (map[string]int64, error) {
	var rows [][]any
	for _, f := range fields {
		for _, g := range f.Goals {
			for i, m := range g.Measures {
				rows = append(rows, []any{planID, goalIDs[g.Code], m.Code, i + 1, m.Title, m.Description, string(m.Scope), at})
			}
		}
	}
	return seedCopyCodes(ctx, tx, planID, "measures", rows,
		"plan_id", "goal_id", "code", "position", "title", "description", "scope", "created_at")
}

// seedCopyCodes copies rows into one of the catalogue tables and returns the
// new ids by code. table is one of our own names, never user input.
func seedCopyCodes(ctx context.Context, tx pgx.Tx, planID int64, table string, rows [][]any, columns ...string) (map[string]int64, error) {
	if err := seedCopy(ctx, tx, table, columns, rows); err != nil {
		return nil, err
	}
	return seedQueryIDs(ctx, tx, `SELECT code, id FROM `+table+` WHERE plan_id = $1`, planID)
}

func seedCopy(ctx context.Context, tx pgx.Tx, table string, columns []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{table}, columns, pgx.CopyFromRows(rows)); err != nil {
		return fmt.Errorf("%s: %w", table, err)
	}
	return nil
}

// seedQueryIDs runs a query returning (key, id) pairs and collects them.
func seedQueryIDs(ctx context.Context, tx pgx.Tx, sql string, args ...any) (map[string]int64, error) {
	rows, _ := tx.Query(ctx, sql, args...)
	ids := map[string]int64{}
	var key string
	var id int64
	_, err := pgx.ForEachRow(rows, []any{&key, &id}, func() error {
		ids[key] = id
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ids: %w", err)
	}
	return ids, nil
}

var seedImplementationColumns = []string{
	"measure_id", "organisation_id", "relevance", "relevance_note", "status", "status_note",
	"continuous", "progress", "responsible_org", "contact", "start_on", "due_on",
	"original_due_on", "postponements", "last_postponed_on", "postponement_reason",
	"support", "support_request", "support_response", "support_requested_at", "support_answered_at",
	"last_update_on", "created_at", "updated_at",
}

// seedImplementations copies the implementations and returns their ids by
// "measure code/organisation slug".
func seedImplementations(ctx context.Context, tx pgx.Tx, planID int64, impls []seed.Implementation, measureIDs, orgIDs map[string]int64) (map[string]int64, error) {
	rows := make([][]any, 0, len(impls))
	for _, im := range impls {
		measureID, okM := measureIDs[im.MeasureCode]
		orgID, okO := orgIDs[im.OrgSlug]
		if !okM || !okO {
			return nil, fmt.Errorf("implementation %s: unknown measure or organisation", seedImplKey(im))
		}
		rows = append(rows, []any{
			measureID, orgID, string(im.Relevance), im.RelevanceNote, seedNullable(string(im.Status)), im.StatusNote,
			im.Continuous, im.Progress, im.ResponsibleOrg, im.Contact, im.StartOn, im.DueOn,
			im.OriginalDueOn, im.Postponements, im.LastPostponedOn, im.PostponementReason,
			string(im.Support), im.SupportRequest, im.SupportResponse, im.SupportRequestedAt, seedAnsweredAt(im),
			im.LastUpdateOn, im.CreatedAt, im.UpdatedAt,
		})
	}
	if err := seedCopy(ctx, tx, "implementations", seedImplementationColumns, rows); err != nil {
		return nil, err
	}
	return seedQueryIDs(ctx, tx, `
		SELECT m.code || '/' || o.slug, i.id
		FROM implementations i
		JOIN measures m ON m.id = i.measure_id
		JOIN organisations o ON o.id = i.organisation_id
		WHERE m.plan_id = $1`, planID)
}

// seedAnsweredAt dates the KI's answer to a support request: the demo's
// implementations were last changed by it.
func seedAnsweredAt(im seed.Implementation) any {
	switch im.Support {
	case "accepted", "declined", "done":
		return im.UpdatedAt
	}
	return nil
}

func seedImplKey(im seed.Implementation) string { return im.MeasureCode + "/" + im.OrgSlug }

// seedNullable stores an empty string as NULL (status of an implementation
// that is not relevant).
func seedNullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// seedHistory copies the progress updates, milestones and comments.
func seedHistory(ctx context.Context, tx pgx.Tx, impls []seed.Implementation, implIDs map[string]int64) error {
	var updates, milestones, comments [][]any
	for _, im := range impls {
		id := implIDs[seedImplKey(im)]
		for _, u := range im.Updates {
			updates = append(updates, []any{id, u.ReportedOn, u.Body, seedNullable(string(u.Status)), u.Progress, u.CreatedAt})
		}
		for _, m := range im.Milestones {
			milestones = append(milestones, []any{id, m.Title, m.DueOn, m.DoneOn != nil, m.DoneOn, im.CreatedAt})
		}
		for _, c := range im.Comments {
			comments = append(comments, []any{id, c.Body, c.CreatedAt})
		}
	}
	if err := seedCopy(ctx, tx, "progress_updates",
		[]string{"implementation_id", "reported_on", "body", "status", "progress", "created_at"}, updates); err != nil {
		return err
	}
	if err := seedCopy(ctx, tx, "milestones",
		[]string{"implementation_id", "title", "due_on", "done", "done_on", "created_at"}, milestones); err != nil {
		return err
	}
	return seedCopy(ctx, tx, "comments", []string{"implementation_id", "body", "created_at"}, comments)
}
