package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// BenchDataset records what GenerateBenchData wrote, so that `planwerk bench`
// can reuse a dataset of the requested size instead of generating it again.
type BenchDataset struct {
	Municipalities  int       `db:"municipalities"`
	Measures        int       `db:"measures"`
	UpdatesPerImpl  int       `db:"updates_per_impl"`
	Implementations int64     `db:"implementations"`
	ProgressUpdates int64     `db:"progress_updates"`
	GeneratedAt     time.Time `db:"generated_at"`
	GenerationMS    int64     `db:"generation_ms"`
}

// Generation is how long generating the dataset took, VACUUM ANALYZE included.
func (d BenchDataset) Generation() time.Duration {
	return time.Duration(d.GenerationMS) * time.Millisecond
}

// benchStep is one statement of the generator, named for error messages.
type benchStep struct {
	name string
	sql  string
	args []any
}

// GenerateBenchData fills an empty database with a synthetic county: one
// county office, municipalities kommune-001 … , one plan with 10 action
// fields × 3 goals and the given number of measures (every tenth county-wide),
// one implementation per municipal measure and municipality (county-wide
// measures: one for the county office) in varied states, and progress updates
// averaging updatesPerImpl per municipality and measure. Everything is
// generated set-based in one transaction, then vacuumed and analysed so the
// planner sees the real sizes.
func (db *DB) GenerateBenchData(ctx context.Context, municipalities, measures, updatesPerImpl int) error {
	if municipalities < 1 || measures < 1 || updatesPerImpl < 0 {
		return fmt.Errorf("bench data: invalid size %d municipalities x %d measures x %d updates",
			municipalities, measures, updatesPerImpl)
	}
	start := time.Now()
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		// Bulk generation is no web request: the statement timeout meant to
		// end runaway page queries would stop it.
		if _, err := tx.Exec(ctx, "SET LOCAL statement_timeout = 0"); err != nil {
			return err
		}
		if err := refuseNonEmpty(ctx, tx); err != nil {
			return err
		}
		for _, s := range benchSteps(municipalities, measures, updatesPerImpl) {
			if _, err := tx.Exec(ctx, s.sql, s.args...); err != nil {
				return fmt.Errorf("bench data (%s): %w", s.name, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// VACUUM cannot run in a transaction; it also sets the visibility map and
	// hint bits, so the first measured reads do not pay for them.
	if _, err := db.pool.Exec(ctx, `VACUUM (ANALYZE) organisations, plans, action_fields, goals, measures,
		implementations, progress_updates, bench_dataset`); err != nil {
		return fmt.Errorf("Benchmark-Daten (VACUUM ANALYZE): %w", err)
	}
	_, err = db.pool.Exec(ctx, `UPDATE bench_dataset SET generation_ms = $1`, time.Since(start).Milliseconds())
	return err
}

func refuseNonEmpty(ctx context.Context, tx pgx.Tx) error {
	var used bool
	err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM organisations) OR EXISTS (SELECT 1 FROM plans)
		OR to_regclass('bench_dataset') IS NOT NULL`).Scan(&used)
	if err != nil {
		return fmt.Errorf("bench data: %w", err)
	}
	if used {
		return errors.New("bench data is only written into an empty database; " +
			"this one holds organisations or plans already")
	}
	return nil
}

// FindBenchDataset returns what GenerateBenchData recorded, or a not-found
// error when the database holds no generated dataset.
func (db *DB) FindBenchDataset(ctx context.Context) (BenchDataset, error) {
	var exists bool
	if err := db.pool.QueryRow(ctx, `SELECT to_regclass('bench_dataset') IS NOT NULL`).Scan(&exists); err != nil {
		return BenchDataset{}, translate(err, "benchDataset")
	}
	if !exists {
		return BenchDataset{}, &domain.Error{Code: domain.CodeNotFound, Message: "bench dataset not found",
			Key: "error.msg.notFound"}
	}
	rows, _ := db.pool.Query(ctx, `SELECT municipalities, measures, updates_per_impl, implementations,
		progress_updates, generated_at, generation_ms FROM bench_dataset`)
	d, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[BenchDataset])
	return d, translate(err, "benchDataset")
}

// DropDatabase removes the database name, closing its sessions. Only the
// benchmark calls it, for its own databases.
func DropDatabase(ctx context.Context, adminURL, name string) error {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return fmt.Errorf("database unreachable: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `DROP DATABASE IF EXISTS `+pgx.Identifier{name}.Sanitize()+` WITH (FORCE)`); err != nil {
		return fmt.Errorf("drop database %s: %w", name, err)
	}
	return nil
}

func benchSteps(municipalities, measures, updatesPerImpl int) []benchStep {
	target := int64(updatesPerImpl) * int64(municipalities) * int64(measures)
	return []benchStep{
		{"county", benchCountySQL, nil},
		{"municipalities", benchMunicipalitiesSQL, []any{municipalities}},
		{"plan", benchPlanSQL, nil},
		{"action fields", benchFieldsSQL, nil},
		{"goals", benchGoalsSQL, nil},
		{"measures", benchMeasuresSQL, []any{measures}},
		{"implementation plan", benchImplPlanSQL, []any{target}},
		{"implementations", benchImplementationsSQL, nil},
		{"Sachstandsmeldungen", benchUpdatesSQL, nil},
		{"Kennzahlen", benchDatasetTableSQL, nil},
		{"Kennzahlen", benchDatasetRowSQL, []any{municipalities, measures, updatesPerImpl}},
	}
}

// The generator's SQL. The database is empty when it runs, so the county and
// the plan are found by their fixed slugs. Pseudo-random choices come from
// hashint8 of the measure and organisation ids: the same sizes always give the
// same data.
const (
	benchCountySQL = `INSERT INTO organisations (slug, name, kind) VALUES ('kreis-benchmark', 'Kreis Benchmark', 'county')`

	benchMunicipalitiesSQL = `
		INSERT INTO organisations (slug, name, kind, parent_id)
		SELECT 'kommune-' || lpad(n::text, greatest(3, length($1::text)), '0'),
		       'Kommune ' || lpad(n::text, greatest(3, length($1::text)), '0'), 'municipality', c.id
		FROM organisations c CROSS JOIN generate_series(1, $1::int) n
		WHERE c.slug = 'kreis-benchmark'
		ORDER BY n`

	// BenchPlanSlug is the slug of the benchmark dataset's plan (benchPlanSQL).
	BenchPlanSlug = "aktionsplan-benchmark"

	benchPlanSQL = `
		INSERT INTO plans (owner_id, slug, title, version, adopted_on, update_interval_days, status_colours)
		SELECT id, 'aktionsplan-benchmark', 'Aktionsplan (Benchmark-Datensatz)', '1.0', current_date - 730, 180,
		       '{"planned": "grey", "in_progress": "yellow", "on_hold": "orange", "completed": "green", "cancelled": "red"}'
		FROM organisations WHERE slug = 'kreis-benchmark'`

	benchFieldsSQL = `
		INSERT INTO action_fields (plan_id, code, position, title, description)
		SELECT p.id, f::text, f, 'Handlungsfeld ' || f,
		       'Was der Kreis und die Kommunen im Handlungsfeld ' || f || ' gemeinsam erreichen wollen.'
		FROM plans p CROSS JOIN generate_series(1, 10) AS s(f)
		ORDER BY s.f`

	benchGoalsSQL = `
		INSERT INTO goals (plan_id, action_field_id, code, position, title, description)
		SELECT f.plan_id, f.id, f.code || '.' || g, g, 'Ziel ' || f.code || '.' || g || ' des Handlungsfelds ' || f.code, ''
		FROM action_fields f CROSS JOIN generate_series(1, 3) AS s(g)
		ORDER BY f.position, s.g`

	// Measure n goes to goal slot (n-1) mod 30, so the measures spread evenly
	// over the 30 goals; every tenth is county-wide.
	benchMeasuresSQL = `
		INSERT INTO measures (plan_id, goal_id, code, position, title, description, scope)
		SELECT g.plan_id, g.id, g.code || '.' || k.pos, k.pos,
		       (ARRAY['Sprachkurse für Neuzugewanderte ausbauen', 'Beratung zu Ausbildung und Beruf vernetzen',
		              'Ehrenamtliche Lotsinnen und Lotsen gewinnen', 'Wohnraum für Geflüchtete vermitteln',
		              'Interkulturelle Öffnung der Verwaltung fördern', 'Elternarbeit in Kitas und Schulen stärken',
		              'Gesundheitsangebote mehrsprachig bekannt machen', 'Sport- und Freizeitvereine öffnen'])[k.n % 8 + 1]
		       || ' (' || k.n || ')',
		       'Beschreibung der Maßnahme ' || k.n || ': Ziel, Zielgruppe, Beteiligte und erwartete Wirkung.',
		       CASE WHEN k.n % 10 = 0 THEN 'county' ELSE 'municipal' END
		FROM (SELECT n, (n - 1) % 30 AS slot, (n - 1) / 30 + 1 AS pos FROM generate_series(1, $1::int) n) k
		JOIN goals g ON g.code = (k.slot / 3 + 1) || '.' || (k.slot % 3 + 1)
		ORDER BY k.n`

	// bench_impl decides every implementation's state before anything is
	// inserted, so that implementations and their progress updates agree:
	// 8 % open, 10 % not relevant, 8 % already in place, 74 % relevant
	// (planned, in progress – some continuous –, on hold, completed,
	// cancelled). Relevant and already-in-place implementations get progress
	// updates, $1 in total, each ±50 % around the average.
	benchImplPlanSQL = `
		CREATE TEMP TABLE bench_impl ON COMMIT DROP AS
		WITH pairs AS (
		    SELECT m.id AS measure_id, o.id AS organisation_id, o.slug AS org_slug,
		           hashint8(m.id * 100003 + o.id)::bigint & 2147483647 AS h1,
		           hashint8(o.id * 100003 + m.id)::bigint & 2147483647 AS h2
		    FROM measures m JOIN organisations o
		      ON (m.scope = 'municipal' AND o.kind = 'municipality') OR (m.scope = 'county' AND o.kind = 'county')
		), states AS (
		    SELECT measure_id, organisation_id, org_slug, (h1 / 100 % 1000)::int AS s, (h1 / 100000 % 1000)::int AS t,
		           (h2 % 1000)::int AS jitter, (h2 / 1000 % 220)::int AS lag, (14 + h2 / 1000000 % 46)::int AS gap,
		           CASE WHEN h1 % 100 < 8 THEN 'open' WHEN h1 % 100 < 18 THEN 'not_relevant'
		                WHEN h1 % 100 < 26 THEN 'already_in_place' ELSE 'relevant' END AS relevance,
		           CASE WHEN h1 % 100 < 26 THEN NULL WHEN h1 % 100 < 38 THEN 'planned' WHEN h1 % 100 < 70 THEN 'in_progress'
		                WHEN h1 % 100 < 78 THEN 'on_hold' WHEN h1 % 100 < 94 THEN 'completed' ELSE 'cancelled' END AS status
		    FROM pairs
		), started AS (
		    SELECT *, (status = 'in_progress' AND s < 200) IS TRUE AS continuous,
		           CASE WHEN status IS NULL THEN NULL WHEN status = 'planned' THEN current_date + s % 180
		                ELSE current_date - 30 - s % 700 END AS start_on
		    FROM states
		)
		SELECT *,
		       CASE WHEN status IS NULL OR continuous OR (status = 'planned' AND t < 300) THEN NULL
		            ELSE start_on + 90 + t % 720 END AS due_on,
		       CASE WHEN relevance NOT IN ('relevant', 'already_in_place') THEN 0
		            ELSE coalesce(round($1::numeric / nullif(count(*) FILTER (WHERE relevance IN ('relevant', 'already_in_place')) OVER (), 0)
		                                * (500 + jitter) / 1000), 0)::int END AS n_updates,
		       CASE WHEN relevance <> 'relevant' THEN 'none' WHEN t % 20 = 0 THEN 'requested' WHEN t % 20 = 1 THEN 'accepted'
		            WHEN t % 20 = 2 THEN 'declined' WHEN t % 20 = 3 THEN 'done' ELSE 'none' END AS support
		FROM started`

	// Rows go to disk in hash order, not grouped by municipality or measure:
	// neither the workspace nor the measure page finds its rows side by side.
	benchImplementationsSQL = `
		INSERT INTO implementations (measure_id, organisation_id, relevance, relevance_note, status, status_note,
		    continuous, progress, responsible_org, contact, start_on, due_on, support, support_request,
		    support_response, support_requested_at, last_update_on, relevance_decided_on, version)
		SELECT measure_id, organisation_id, relevance,
		       CASE relevance WHEN 'not_relevant' THEN 'Kein Bedarf: die Zielgruppe ist in der Kommune sehr klein.'
		                      WHEN 'already_in_place' THEN 'Besteht bereits als Regelangebot des Fachbereichs.' ELSE '' END,
		       status, CASE WHEN status = 'cancelled' THEN 'Entfallen: Förderung wurde nicht bewilligt.' ELSE '' END,
		       continuous,
		       CASE status WHEN 'completed' THEN 100 WHEN 'in_progress' THEN 10 + s % 81 WHEN 'on_hold' THEN s % 60
		                   WHEN 'cancelled' THEN s % 40 ELSE 0 END,
		       CASE WHEN relevance = 'relevant' THEN 'Fachbereich Soziales und Integration' ELSE '' END,
		       CASE WHEN relevance = 'relevant' THEN 'integration@' || org_slug || '.example' ELSE '' END,
		       start_on, due_on, support,
		       CASE WHEN support <> 'none' THEN 'Wir bitten um Unterstützung bei der Ansprache der Träger.' ELSE '' END,
		       CASE support WHEN 'declined' THEN 'Derzeit keine Kapazität im KI; bitte im nächsten Quartal erneut anfragen.'
		                    WHEN 'accepted' THEN 'Übernommen; das KI meldet sich.' WHEN 'done' THEN 'Erledigt.' ELSE '' END,
		       CASE WHEN support <> 'none' THEN now() - make_interval(days => t % 300) END,
		       CASE WHEN n_updates > 0 THEN current_date - lag END,
		       -- Decided in the plan's first year (the plan started 730 days ago).
		       CASE WHEN relevance <> 'open' THEN current_date - 730 + t % 365 END,
		       1 + s % 5
		FROM bench_impl
		ORDER BY hashint8(measure_id * 7 + organisation_id * 100003)`

	// Update k = 1 is the newest, on last_update_on; older ones go back gap
	// days each, with the progress growing towards today's.
	benchUpdatesSQL = `
		INSERT INTO progress_updates (implementation_id, reported_on, body, status, progress, created_at)
		SELECT i.id, i.last_update_on - (k - 1) * b.gap,
		       (ARRAY['Die Maßnahme läuft wie geplant; die Abstimmung mit den Trägern vor Ort ist erfolgt.',
		              'Verzögerung durch Personalwechsel im Fachbereich; neue Ansprechperson ist benannt.',
		              'Erste Angebote sind gestartet und werden gut angenommen; Auswertung folgt im nächsten Bericht.',
		              'Gespräche mit Ehrenamtlichen und Vereinen haben stattgefunden; Finanzierung ist geklärt.'])[(i.id + k) % 4 + 1]
		       || ' (Meldung ' || (b.n_updates - k + 1) || ')',
		       CASE WHEN i.status IS NULL THEN NULL WHEN k = 1 THEN i.status WHEN pr.p = 0 THEN 'planned' ELSE 'in_progress' END,
		       pr.p, (i.last_update_on - (k - 1) * b.gap) + time '09:30'
		FROM bench_impl b
		JOIN implementations i ON i.measure_id = b.measure_id AND i.organisation_id = b.organisation_id
		CROSS JOIN LATERAL generate_series(1, b.n_updates) k
		CROSS JOIN LATERAL (SELECT i.progress * (b.n_updates - k + 1) / b.n_updates AS p) pr
		WHERE b.n_updates > 0`

	// bench_dataset exists only in benchmark databases, never in the schema.
	benchDatasetTableSQL = `
		CREATE TABLE bench_dataset (
		    municipalities   integer     NOT NULL,
		    measures         integer     NOT NULL,
		    updates_per_impl integer     NOT NULL,
		    implementations  bigint      NOT NULL,
		    progress_updates bigint      NOT NULL,
		    generated_at     timestamptz NOT NULL,
		    generation_ms    bigint      NOT NULL
		)`

	benchDatasetRowSQL = `
		INSERT INTO bench_dataset (municipalities, measures, updates_per_impl, implementations, progress_updates,
		    generated_at, generation_ms)
		SELECT $1, $2, $3, (SELECT count(*) FROM implementations), (SELECT count(*) FROM progress_updates), now(), 0`
)

// ServerVersion is the PostgreSQL version, for the benchmark report.
func (db *DB) ServerVersion(ctx context.Context) (string, error) {
	var v string
	err := db.pool.QueryRow(ctx, `SHOW server_version`).Scan(&v)
	return v, translate(err, "database")
}

// BenchWriteTarget is an implementation the benchmark's writers may change.
type BenchWriteTarget struct {
	Key domain.ImplementationKey
}

// FindBenchWriteTargets lists up to limit implementations in progress, spread
// over the organisations, for the benchmark's write mix.
func (db *DB) FindBenchWriteTargets(ctx context.Context, limit int) ([]BenchWriteTarget, error) {
	rows, err := db.pool.Query(ctx, `
		SELECT m.plan_id, i.organisation_id, i.id FROM implementations i JOIN measures m ON m.id = i.measure_id
		WHERE i.status = 'in_progress' ORDER BY hashint8(i.id) LIMIT $1`, limit)
	if err != nil {
		return nil, translate(err, "implementation")
	}
	var out []BenchWriteTarget
	var t BenchWriteTarget
	_, err = pgx.ForEachRow(rows, []any{&t.Key.PlanID, &t.Key.OrgID, &t.Key.ID}, func() error {
		out = append(out, t)
		return nil
	})
	return out, translate(err, "implementation")
}
