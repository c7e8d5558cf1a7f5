package postgres

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// publicOfferRow is an offer as the directory lists it, with the number of
// all hits for paging.
type publicOfferRow struct {
	domain.Offer
	Total int `db:"total"`
}

// SearchOffers finds the public offers (and counts q.MissText as a search
// that found nothing, when it did not) (published, not ended) that match
// the query, ranked: German full-text search on folded words, and trigram
// similarity for typos. Filters combine with AND; a town finds the offers
// serving it and the county-wide ones of its county. One statement.
//
// The statement names only the conditions the query sets: a generic
// "$1 = ” OR …" in a prepared statement hides from the planner which
// conditions apply, and it then scans and ranks every offer instead of
// reading the text search's and the trigram's GIN indexes.
func (db *DB) SearchOffers(ctx context.Context, q domain.OfferQuery) (domain.OfferResults, error) {
	var args []any
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	where := []string{"o.state = 'published'", "o.status <> 'ended'"}
	rank := "0::real"
	if q.Text != "" {
		// Word hits first, ranked by weight; typos after them by similarity,
		// computed only where the words did not hit.
		tsq := "to_tsquery('planwerk_german', planwerk_fold(" + arg(prefixQuery(q.Text)) + "))"
		words := "planwerk_fold(" + arg(q.Text) + ")"
		rank = "CASE WHEN o.search_doc @@ " + tsq + " THEN 1 + ts_rank(o.search_doc, " + tsq + ")" +
			" ELSE word_similarity(" + words + ", o.search_words) END"
		where = append(where, "(o.search_doc @@ "+tsq+" OR "+words+" <% o.search_words)")
	}
	if q.Town != "" {
		where = append(where, `EXISTS (SELECT 1 FROM organisations t WHERE t.slug = `+arg(q.Town)+` AND t.kind = 'municipality'
			AND (o.town_ids @> ARRAY[t.id] OR (o.town_ids = '{}' AND o.county_id = t.parent_id)))`)
	}
	for _, f := range []struct{ column, value string }{
		{"categories", q.Category}, {"target_groups", q.TargetGroup}, {"languages", q.Language}} {
		if f.value != "" {
			where = append(where, "o."+f.column+" @> ARRAY["+arg(f.value)+"::text]")
		}
	}
	limit, offset, miss := arg(q.Limit), arg(q.Offset), arg(q.MissText)
	// The hits are ranked and counted on the offers' own columns; only the
	// page shown reads the rest (towns, measures, translations).
	rows, err := db.pool.Query(ctx, `
		WITH hits AS (SELECT o.id, o.title, `+rank+` AS rank FROM offers o WHERE `+strings.Join(where, " AND ")+`),
		     page AS (SELECT id, title, rank FROM hits ORDER BY rank DESC, title, id LIMIT `+limit+` OFFSET `+offset+`),
		     -- A search that finds nothing is counted in the same statement.
		     miss AS (INSERT INTO search_misses (query) SELECT `+miss+` WHERE `+miss+` <> '' AND NOT EXISTS (SELECT 1 FROM hits)
		              ON CONFLICT (query) DO UPDATE SET misses = search_misses.misses + 1, last_seen = now())
		SELECT `+offerFields+`, (SELECT count(*) FROM hits)::int AS total
		FROM page JOIN offers o ON o.id = page.id JOIN organisations ow ON ow.id = o.owner_org_id
		ORDER BY page.rank DESC, page.title, page.id`, args...)
	if err != nil {
		return domain.OfferResults{}, translate(err, "offer")
	}
	found, err := pgx.CollectRows(rows, pgx.RowToStructByName[publicOfferRow])
	if err != nil {
		return domain.OfferResults{}, translate(err, "offer")
	}
	res := domain.OfferResults{Offers: make([]domain.Offer, len(found))}
	for i, r := range found {
		res.Offers[i], res.Total = r.Offer, r.Total
	}
	// A page past the last shows no hits and counts none.
	return res, nil
}

// prefixQuery turns typed words into a tsquery of prefixes: every word must
// match, as itself or without a German ending, as the start of a word. The
// German stemmer cuts "Sprachkurs" to "sprachkur" but "Sprachkurse" to
// "sprachkurs"; prefixes of the shorter form find both, and "Sprach" finds
// "Sprachcafé". Only letters and digits pass, so the text cannot inject
// tsquery syntax.
func prefixQuery(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) > 8 {
		words = words[:8]
	}
	terms := make([]string, 0, len(words))
	for _, w := range words {
		terms = append(terms, "("+w+":* | "+withoutEnding(w)+":*)")
	}
	if len(terms) == 0 {
		return ""
	}
	return strings.Join(terms, " & ")
}

// withoutEnding drops a German inflection ending, keeping four letters.
func withoutEnding(w string) string {
	r := []rune(w)
	for _, end := range []string{"en", "es", "er", "e", "n", "s"} {
		e := []rune(end)
		if len(r)-len(e) >= 4 && strings.EqualFold(string(r[len(r)-len(e):]), end) {
			return string(r[:len(r)-len(e)])
		}
	}
	return w
}

// FindPublicOffer reads an offer by its public id; drafts and archived
// offers are not found, whatever their id.
func (db *DB) FindPublicOffer(ctx context.Context, publicID string) (domain.Offer, error) {
	rows, _ := db.pool.Query(ctx, `SELECT `+offerColumns+` WHERE o.public_id = $1 AND o.state = 'published'`, publicID)
	offer, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.Offer])
	return offer, translate(err, "offer")
}

// FindSearchMisses lists the most frequent search texts that found nothing.
func (db *DB) FindSearchMisses(ctx context.Context, limit int) ([]domain.SearchMiss, error) {
	rows, err := db.pool.Query(ctx, `SELECT query, misses, last_seen FROM search_misses
		ORDER BY misses DESC, query LIMIT $1`, limit)
	if err != nil {
		return nil, translate(err, "searchMiss")
	}
	misses, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.SearchMiss])
	return misses, translate(err, "searchMiss")
}

// FindOfferTowns lists the towns of every county that has public offers, for
// the directory's filter.
func (db *DB) FindOfferTowns(ctx context.Context) ([]domain.Organisation, error) {
	rows, err := db.pool.Query(ctx, `SELECT t.id, t.slug, t.name, t.kind FROM organisations t
		WHERE t.kind = 'municipality' AND EXISTS (SELECT 1 FROM offers o
			WHERE o.county_id = t.parent_id AND o.state = 'published')
		ORDER BY t.name`)
	if err != nil {
		return nil, translate(err, "municipality")
	}
	towns, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.Organisation])
	return towns, translate(err, "municipality")
}

// FindMeasureOffers lists the public offers that implement a measure for an
// organisation: those serving the town, or the whole county; for the county
// office itself, every public offer of the county linked to the measure.
func (db *DB) FindMeasureOffers(ctx context.Context, measureID, orgID int64) ([]domain.Offer, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+offerColumns+`
		JOIN offer_measures om ON om.offer_id = o.id AND om.measure_id = $1
		JOIN organisations org ON org.id = $2
		WHERE o.state = 'published' AND o.status <> 'ended'
		  AND (o.town_ids @> ARRAY[org.id] OR (o.town_ids = '{}' AND o.county_id = org.parent_id)
		       OR o.county_id = org.id)
		ORDER BY o.title, o.id LIMIT 20`, measureID, orgID)
	if err != nil {
		return nil, translate(err, "offer")
	}
	offers, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.Offer])
	return offers, translate(err, "offer")
}

// FindOpenOffers lists public offers for open data by id after afterID,
// changed since modifiedSince (nil: all), at most limit.
func (db *DB) FindOpenOffers(ctx context.Context, afterID int64, modifiedSince *time.Time, limit int) ([]domain.Offer, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+offerColumns+`
		WHERE o.state = 'published' AND o.status <> 'ended' AND o.id > $1
		  AND ($2::timestamptz IS NULL OR o.updated_at >= $2)
		ORDER BY o.id LIMIT $3`, afterID, modifiedSince, limit)
	if err != nil {
		return nil, translate(err, "offer")
	}
	offers, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.Offer])
	return offers, translate(err, "offer")
}
