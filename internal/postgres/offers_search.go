package postgres

import (
	"context"
	"strconv"
	"strings"
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

// searchTerms makes the query's two tsqueries once per search: exact (every
// typed word as a prefix, as typed or without its German ending) and
// forgiving (the same, or one of the indexed words nearest to it: a
// misspelt word is corrected against the short list offer_words keeps).
// Folding happens here, in the database, with the index's own dictionary;
// whatever folding makes of a word, only letters and digits reach
// to_tsquery, so a text cannot inject tsquery syntax.
const searchTerms = `
	q AS MATERIALIZED (
		SELECT to_tsquery('planwerk_german', string_agg(t.exact, ' & ')) AS exact,
		       to_tsquery('planwerk_german', string_agg(t.forgiving, ' & ')) AS forgiving
		FROM (SELECT '(' || f.w || ':* | ' || f.s || ':*)' AS exact,
		             '(' || f.w || ':* | ' || f.s || ':*' || coalesce((SELECT string_agg(' | ' || c.word, '')
		                 FROM (SELECT word FROM offer_words
		                       WHERE word % f.w AND similarity(word, f.w) >= 0.5
		                       ORDER BY word <-> f.w, word LIMIT 3) c), '') || ')' AS forgiving
		      FROM (SELECT regexp_replace(planwerk_fold(u.w), '[^[:alnum:]]', '', 'g') AS w,
		                   regexp_replace(planwerk_fold(u.s), '[^[:alnum:]]', '', 'g') AS s
		            FROM unnest($1::text[], $2::text[]) AS u (w, s)) f
		      WHERE f.w <> '' AND f.s <> '') t)`

// SearchOffers finds the public offers (published, not ended) that match
// the query, ranked, and counts q.MissText as a search that found nothing
// when it did. German full-text search on folded words; a misspelt word is
// replaced by its nearest indexed words, so typos cost a look at a few
// hundred words, not at every offer. Offers that match the words as typed
// come first, ranked by weight (title, then provider and place, then
// description); corrected ones after them. Filters combine with AND; a town
// finds the offers serving it and the county-wide ones of its county. One
// statement.
//
// The statement names only the conditions the query sets: a generic
// "$1 = ” OR …" in a prepared statement hides from the planner which
// conditions apply, and it then scans and ranks every offer instead of
// reading the text search's GIN index.
func (db *DB) SearchOffers(ctx context.Context, q domain.OfferQuery) (domain.OfferResults, error) {
	var args []any
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	with := ""
	where := []string{"o.state = 'published'", "o.status <> 'ended'"}
	rank := "0::real"
	if q.Text != "" {
		typed, stems := queryWords(q.Text)
		arg(typed)
		arg(stems)
		// Sub-selects of the one-row q are computed once and reach the
		// GIN index as its condition; a join with q would not.
		exact, forgiving := "(SELECT exact FROM q)", "(SELECT forgiving FROM q)"
		with = searchTerms + ","
		rank = "CASE WHEN o.search_doc @@ " + exact + " THEN 1 + ts_rank(o.search_doc, " + exact + ")" +
			" ELSE ts_rank(o.search_doc, " + forgiving + ") END"
		where = append(where, "o.search_doc @@ "+forgiving)
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
		WITH `+with+`
		     hits AS (SELECT o.id, o.title, `+rank+` AS rank FROM offers o WHERE `+strings.Join(where, " AND ")+`),
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
	// A page past the last shows no hits and counts none.
	res := domain.OfferResults{Offers: make([]domain.Offer, len(found))}
	for i, r := range found {
		res.Offers[i], res.Total = r.Offer, r.Total
	}
	return res, nil
}

// queryWords splits typed text into at most eight words of letters and
// digits, each with its form without a German ending: the stemmer cuts
// "Sprachkurs" to "sprachkur" but "Sprachkurse" to "sprachkurs"; prefixes of
// the shorter form find both, and "Sprach" finds "Sprachcafé".
func queryWords(text string) (typed, stems []string) {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) > 8 {
		words = words[:8]
	}
	for _, w := range words {
		typed, stems = append(typed, w), append(stems, withoutEnding(w))
	}
	return typed, stems
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
