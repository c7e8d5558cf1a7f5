package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// EnsureBenchOffers gives the bench county n published offers spread over
// its towns (a tenth county-wide), unless it has exactly n already. Titles,
// providers and descriptions are combined from German words, so that the
// search works on realistic text. Only for the benchmark's own database.
func (db *DB) EnsureBenchOffers(ctx context.Context, countySlug string, n int) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var county int64
		var have int
		if err := tx.QueryRow(ctx, `SELECT o.id, (SELECT count(*) FROM offers WHERE county_id = o.id)
			FROM organisations o WHERE o.slug = $1`, countySlug).Scan(&county, &have); err != nil {
			return fmt.Errorf("bench county: %w", err)
		}
		if have == n {
			return nil
		}
		if _, err := tx.Exec(ctx, `TRUNCATE offer_measures, offer_translations, offer_confirmations, search_misses, offers`); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `
			WITH towns AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(name ORDER BY id) AS names
			               FROM organisations WHERE parent_id = $1 AND kind = 'municipality'),
			     words AS (SELECT
				ARRAY['Sprachcafé','Hausaufgabenhilfe','Frauentreff','Integrationskurs','Migrationsberatung',
				      'Jugendmigrationsdienst','Anerkennungsberatung','Elterncafé','Nähtreff','Jobcafé',
				      'Gesundheitslotsen','Mietführerschein','Sprachpatenschaft','Fahrradwerkstatt','Kochtreff'] AS kinds,
				ARRAY['für Frauen','für Familien','für Jugendliche','am Abend','im Stadtteil','international',
				      'mit Kinderbetreuung','für Einsteiger','online','am Wochenende'] AS tails,
				ARRAY['Caritas','Diakonie','Volkshochschule','Familienzentrum','Ehrenamtsinitiative','Stadtbücherei',
				      'Jugendhaus','Bildungswerk'] AS providers,
				ARRAY['sprache','bildung','arbeit','wohnen','gesundheit','beratung','familie','freizeit'] AS cats,
				ARRAY['de','en','ar','uk','tr','fa','ru'] AS langs)
			INSERT INTO offers (county_id, owner_org_id, title, description, provider, categories, target_groups,
				languages, town_ids, city, state, status, search_extra)
			SELECT $1, CASE WHEN g % 10 = 0 THEN $1 ELSE t.ids[1 + g % cardinality(t.ids)] END,
				w.kinds[1 + g % 15] || ' ' || w.tails[1 + (g / 15) % 10],
				'Ein Angebot zum Thema ' || w.kinds[1 + g % 15] || ': offen für alle, Beratung in mehreren Sprachen, '
					|| 'Anmeldung nicht nötig. Nummer ' || g,
				w.providers[1 + g % 8] || ' ' || t.names[1 + g % cardinality(t.ids)],
				ARRAY[w.cats[1 + g % 8]], ARRAY['erwachsene'], ARRAY['de', w.langs[1 + g % 7]],
				CASE WHEN g % 10 = 0 THEN '{}'::bigint[] ELSE ARRAY[t.ids[1 + g % cardinality(t.ids)]] END,
				t.names[1 + g % cardinality(t.ids)], 'published', 'active',
				CASE WHEN g % 10 = 0 THEN '' ELSE t.names[1 + g % cardinality(t.ids)] END
			FROM generate_series(1, $2) g, towns t, words w`, county, n)
		return err
	})
	if err != nil {
		return translate(fmt.Errorf("bench offers: %w", err), "offer")
	}
	_, err = db.pool.Exec(ctx, `ANALYZE offers`)
	return translate(err, "offer")
}
