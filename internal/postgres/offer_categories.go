package postgres

import (
	"context"
	"errors"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

const offerCategoryColumns = `k.id, k.county_id, k.code, k.label_de, k.label_en, k.position, k.hidden, k.version,
	(SELECT count(*) FROM offers o WHERE o.county_id = k.county_id AND k.code = ANY (o.categories))::int AS offers`

// FindOfferCategories lists a county's themes in their order, hidden ones
// included, each with the number of offers that have it.
func (db *DB) FindOfferCategories(ctx context.Context, countyID int64) (domain.OfferCategoryList, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+offerCategoryColumns+` FROM offer_categories k
		WHERE k.county_id = $1 ORDER BY k.position, k.code`, countyID)
	if err != nil {
		return nil, translate(err, "offerCategory")
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.OfferCategory])
	return list, translate(err, "offerCategory")
}

// FindDirectoryCategories lists the visible themes of every county that has
// public offers, for the directory's filter. Themes of several counties
// with the same code are one filter; the first county's name stands.
func (db *DB) FindDirectoryCategories(ctx context.Context) (domain.OfferCategoryList, error) {
	rows, err := db.pool.Query(ctx, `SELECT * FROM (
		SELECT DISTINCT ON (k.code) k.id, k.county_id, k.code, k.label_de, k.label_en, k.position, k.hidden, k.version, 0 AS offers
		FROM offer_categories k
		WHERE NOT k.hidden AND EXISTS (SELECT 1 FROM offers o WHERE o.county_id = k.county_id AND o.state = 'published')
		ORDER BY k.code, k.county_id) d ORDER BY d.position, d.label_de`)
	if err != nil {
		return nil, translate(err, "offerCategory")
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.OfferCategory])
	return list, translate(err, "offerCategory")
}

// CreateOfferCategory adds a theme at the end of the county's list (or at
// f.Position, moving the ones from there down). Its code comes from the
// German name; a name whose code is taken gets "-2", "-3" ….
func (db *DB) CreateOfferCategory(ctx context.Context, actorID *int64, countyID int64,
	f domain.OfferCategoryFields) (domain.OfferCategory, error) {
	var cat domain.OfferCategory
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		// One writer per county at a time: positions and codes stay unique.
		if _, err := tx.Exec(ctx, `SELECT 1 FROM organisations WHERE id = $1 FOR UPDATE`, countyID); err != nil {
			return err
		}
		var count int
		var codes []string
		if err := tx.QueryRow(ctx, `SELECT count(*), coalesce(array_agg(code), '{}') FROM offer_categories
			WHERE county_id = $1`, countyID).Scan(&count, &codes); err != nil {
			return err
		}
		if count >= domain.MaxOfferCategories {
			return domain.Keyed(domain.CodeInvalid, "label_de", "offerCategory.err.tooMany", "too many themes")
		}
		pos := f.Position
		if pos == 0 || pos > count+1 {
			pos = count + 1
		}
		code := freeCode(domain.OfferCategoryCode(f.LabelDE), codes)
		if _, err := tx.Exec(ctx, `UPDATE offer_categories SET position = position + 1
			WHERE county_id = $1 AND position >= $2`, countyID, pos); err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO offer_categories (county_id, code, label_de, label_en, position, hidden)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, countyID, code, f.LabelDE, f.LabelEN, pos, f.Hidden).Scan(&id); err != nil {
			return err
		}
		var err error
		if cat, err = findOfferCategory(ctx, tx, countyID, code); err != nil {
			return err
		}
		return insertAuditEvent(ctx, tx, auditEntry{ActorID: actorID, OrganisationID: &countyID,
			Entity: "offer_category", EntityID: id, Action: "create",
			Changes: categoryChanges(domain.OfferCategoryFields{}, f)})
	})
	return cat, translate(err, "offerCategory")
}

// freeCode is base, or base with the first number that makes it unused.
func freeCode(base string, taken []string) string {
	used := map[string]bool{}
	for _, c := range taken {
		used[c] = true
	}
	code := base
	for n := 2; used[code]; n++ {
		code = base + "-" + strconv.Itoa(n)
	}
	return code
}

// UpdateOfferCategory renames, moves, hides or shows a theme, provided
// nobody saved it since expectedVersion. Its code stays.
func (db *DB) UpdateOfferCategory(ctx context.Context, actorID *int64, countyID int64, code string,
	expectedVersion int, f domain.OfferCategoryFields) (domain.OfferCategory, error) {
	var cat domain.OfferCategory
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT 1 FROM organisations WHERE id = $1 FOR UPDATE`, countyID); err != nil {
			return err
		}
		current, err := findOfferCategory(ctx, tx, countyID, code)
		if err != nil {
			return err
		}
		if current.Version != expectedVersion {
			return staleVersion("offerCategory.err.stale", "theme changed since it was read")
		}
		var count int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM offer_categories WHERE county_id = $1`, countyID).Scan(&count); err != nil {
			return err
		}
		pos := min(max(f.Position, 1), count)
		if f.Position == 0 {
			pos = current.Position
		}
		// Close the gap where it was, open one where it goes.
		if _, err := tx.Exec(ctx, `UPDATE offer_categories SET position = position + CASE
				WHEN $3::int < $4::int AND position > $3::int AND position <= $4::int THEN -1
				WHEN $3::int > $4::int AND position >= $4::int AND position < $3::int THEN 1 ELSE 0 END
			WHERE county_id = $1 AND code <> $2`, countyID, code, current.Position, pos); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE offer_categories SET label_de = $3, label_en = $4, position = $5,
			hidden = $6, version = version + 1, updated_at = now() WHERE county_id = $1 AND code = $2`,
			countyID, code, f.LabelDE, f.LabelEN, pos, f.Hidden); err != nil {
			return err
		}
		if cat, err = findOfferCategory(ctx, tx, countyID, code); err != nil {
			return err
		}
		f.Position = pos
		old := domain.OfferCategoryFields{LabelDE: current.LabelDE, LabelEN: current.LabelEN,
			Position: current.Position, Hidden: current.Hidden}
		changes := categoryChanges(old, f)
		if len(changes) == 0 {
			return nil
		}
		return insertAuditEvent(ctx, tx, auditEntry{ActorID: actorID, OrganisationID: &countyID,
			Entity: "offer_category", EntityID: cat.ID, Action: "update", Changes: changes})
	})
	return cat, translate(err, "offerCategory")
}

// FindOfferCategory reads one theme of a county by its code.
func (db *DB) FindOfferCategory(ctx context.Context, countyID int64, code string) (domain.OfferCategory, error) {
	return findOfferCategory(ctx, db.pool, countyID, code)
}

func findOfferCategory(ctx context.Context, q querier, countyID int64, code string) (domain.OfferCategory, error) {
	rows, _ := q.Query(ctx, `SELECT `+offerCategoryColumns+` FROM offer_categories k
		WHERE k.county_id = $1 AND k.code = $2`, countyID, code)
	cat, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.OfferCategory])
	if errors.Is(err, pgx.ErrNoRows) {
		return cat, domain.Keyed(domain.CodeNotFound, "", "error.msg.notFound", "no such theme")
	}
	return cat, translate(err, "offerCategory")
}

// categoryChanges lists what differs, by field, for the audit log.
func categoryChanges(old, updated domain.OfferCategoryFields) map[string]domain.Change {
	changes := map[string]domain.Change{}
	add := func(name string, a, b any) {
		if a != b {
			changes[name] = domain.Change{Old: a, New: b}
		}
	}
	add("LabelDE", old.LabelDE, updated.LabelDE)
	add("LabelEN", old.LabelEN, updated.LabelEN)
	add("Position", old.Position, updated.Position)
	add("Hidden", old.Hidden, updated.Hidden)
	return changes
}
