package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/planwerk/planwerk/internal/auth"
	"github.com/planwerk/planwerk/internal/benchstat"
	"github.com/planwerk/planwerk/internal/config"
	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
)

// maxQueriesPerPage is the design's budget for ordinary pages (DESIGN.md §6).
const maxQueriesPerPage = 5

// benchCountySlug is the county office GenerateBenchData creates.
const benchCountySlug = "kreis-benchmark"

type benchOptions struct {
	municipalities, measures, updates, requests int
	regenerate                                  bool
	writers                                     int
	writeTime                                   time.Duration
	// browserRuns is how many fresh Chromiums load the workspace; the
	// report quotes the median LCP (one load under a 4× slower CPU swings
	// by a second on a shared machine).
	browserRuns int
	// browserTrace, when set, is a file for the Chromium trace of the first
	// load (DevTools' Performance panel opens it).
	browserTrace string
	// only names the measurements to run (comma-separated: seiten,
	// schreiblast, monitoring, bericht, boden, browser, katalog); empty runs all of them.
	only string
	// profile, when set, is a directory for CPU and allocation profiles of
	// the workspace under load (profileWorkspace), taken after the floor.
	profile string
	// profilePath is the page profiled instead of the workspaces (e.g.
	// /plaene/land-benchmark for the plan overview).
	profilePath string
}

// benchMeasurements are the names -only takes.
var benchMeasurements = []string{"seiten", "schreiblast", "monitoring", "bericht", "boden", "browser", "erinnerungen", "katalog", "angebote"}

// runs reports whether the measurement named may run under -only.
func (o benchOptions) runs(name string) bool {
	if o.only == "" {
		return true
	}
	for part := range strings.SplitSeq(o.only, ",") {
		if strings.TrimSpace(part) == name {
			return true
		}
	}
	return false
}

// benchScale is one dataset size. Each lives in its own database, so that
// both can be kept and reused, and neither touches the demo database.
type benchScale struct {
	label, database          string
	municipalities, measures int
	withWrites               bool
}

// benchPage is one page measured; path varies the id or slug per request.
type benchPage struct {
	name   string
	budget time.Duration
	path   func(i int) string
}

type pageResult struct {
	name                   string
	budget                 time.Duration
	latency                benchstat.Summary
	minQueries, maxQueries int64
	bytes                  int
}

type scaleResult struct {
	scale     benchScale
	dataset   postgres.BenchDataset
	generated bool
	pages     []pageResult
	writes    *writeResult // measured on the large dataset only
	freeze    *freezeResult
	judgement *benchstat.Summary // judging the plan's monitoring afresh, on the large dataset
	report    *reportFilesResult // a county-sized report, on the large dataset
	floor     *floorResult       // the workspace against the floor, on the large dataset
	browser   *browserResult     // the workspace in Chromium under Slow 4G, on the large dataset
	reminders *remindersResult   // the daily scan and the weekly digest, on the large dataset
	catalogue *catalogueResult   // catalogue import and state export, on the large dataset
}

func parseBenchFlags(args []string) (benchOptions, error) {
	var o benchOptions
	flags := flag.NewFlagSet("bench", flag.ContinueOnError)
	flags.IntVar(&o.municipalities, "municipalities", 396, "Kommunen im großen Datensatz")
	flags.IntVar(&o.measures, "measures", 300, "Maßnahmen im Plan des großen Datensatzes")
	flags.IntVar(&o.updates, "updates", 10, "Sachstandsmeldungen je Kommune und Maßnahme (Durchschnitt)")
	flags.IntVar(&o.requests, "requests", 200, "gemessene Anfragen je Seite")
	flags.BoolVar(&o.regenerate, "regenerate", false, "Datensätze neu erzeugen, auch wenn sie schon passen")
	flags.IntVar(&o.writers, "writers", 8, "gleichzeitige Schreiber der Schreiblast")
	flags.IntVar(&o.browserRuns, "browser-runs", 5, "Ladevorgänge in frischem Chromium (Median des LCP)")
	flags.StringVar(&o.browserTrace, "browser-trace", "", "Datei für die Chromium-Aufzeichnung des ersten Ladevorgangs (DevTools → Performance)")
	flags.DurationVar(&o.writeTime, "write-time", 10*time.Second, "Dauer der Schreiblast auf dem großen Datensatz (0: keine)")
	flags.StringVar(&o.profile, "profile", "", "Verzeichnis für CPU- und Allokationsprofile des Arbeitsbereichs unter Last (leer: keine)")
	flags.StringVar(&o.profilePath, "profile-path", "", "mit -profile: diese Seite statt der Arbeitsbereiche profilieren (z. B. /plaene/<plan>)")
	flags.StringVar(&o.only, "only", "", "nur diese Messungen, durch Komma getrennt: seiten,schreiblast,monitoring,bericht,boden,browser,erinnerungen,katalog,angebote (leer: alle)")
	if err := flags.Parse(args); err != nil {
		return o, fmt.Errorf("Aufruf: planwerk bench [-municipalities 396] [-measures 300] [-updates 10] [-requests 200] [-regenerate] [-writers 8] [-write-time 10s] [-browser-runs 5] [-only boden,browser]: %w", err)
	}
	for part := range strings.SplitSeq(o.only, ",") {
		if name := strings.TrimSpace(part); o.only != "" && !slices.Contains(benchMeasurements, name) {
			return o, fmt.Errorf("bench: -only kennt %q nicht (%s)", name, strings.Join(benchMeasurements, ", "))
		}
	}
	if o.municipalities < 1 || o.measures < 1 || o.updates < 0 || o.requests < 1 || o.browserRuns < 1 {
		return o, errors.New("bench: -municipalities, -measures, -requests und -browser-runs müssen positiv sein, -updates nicht negativ")
	}
	return o, nil
}

// runBench measures the three main pages at a small scale and at the given
// (by default Land) scale, through the real handler and a real database,
// and prints a markdown report. It fails when a page's query count is not
// the same on every request and at both scales, or exceeds the budget.
func runBench(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	opts, err := parseBenchFlags(args)
	if err != nil {
		return err
	}
	large := "groß"
	if opts.municipalities == 396 && opts.measures == 300 {
		large = "Land"
	}
	scales := []benchScale{
		{"klein", "planwerk_bench_small", 10, 30, false},
		{large, "planwerk_bench", opts.municipalities, opts.measures, true},
	}
	results := make([]scaleResult, 0, len(scales))
	var pgVersion string
	for _, sc := range scales {
		r, v, err := benchOneScale(ctx, cfg, log, sc, opts)
		if err != nil {
			return fmt.Errorf("bench %s (%d × %d): %w", sc.label, sc.municipalities, sc.measures, err)
		}
		results, pgVersion = append(results, r), v
	}
	printBenchReport(os.Stdout, opts, pgVersion, results)
	return checkQueryCounts(results)
}

func benchOneScale(ctx context.Context, cfg config.Config, log *slog.Logger, sc benchScale, opts benchOptions) (scaleResult, string, error) {
	res := scaleResult{scale: sc}
	d, err := openBenchDatabase(ctx, cfg, log, sc.database)
	if err != nil {
		return res, "", err
	}
	defer d.Close(log)
	if res.dataset, res.generated, err = ensureBenchData(ctx, cfg, log, d, sc, opts); err != nil {
		return res, "", err
	}
	version, err := d.ServerVersion(ctx)
	if err != nil {
		return res, "", err
	}
	// Request logs are discarded; a failed request shows up as a wrong
	// status code instead.
	app, err := startBenchApp(ctx, cfg, d, benchCountySlug)
	if err != nil {
		return res, "", err
	}
	defer app.close()
	pages, err := benchPages(ctx, d.DB)
	if err != nil {
		return res, "", err
	}
	for _, p := range pages {
		if !opts.runs("seiten") {
			break
		}
		pr, err := measurePage(ctx, app, p, opts.requests)
		if err != nil {
			return res, "", err
		}
		res.pages = append(res.pages, pr)
	}
	if opts.runs("angebote") {
		offers, err := measureOffers(ctx, app, d.DB, sc, opts.requests)
		if err != nil {
			return res, "", fmt.Errorf("Angebote: %w", err)
		}
		res.pages = append(res.pages, offers...)
	}
	if sc.withWrites && opts.writeTime > 0 && opts.runs("schreiblast") {
		w, err := measureWrites(ctx, d.DB, opts.writers, opts.writeTime)
		if err != nil {
			return res, "", fmt.Errorf("Schreiblast: %w", err)
		}
		res.writes = &w
	}
	if err := measureFloorAndBrowser(ctx, cfg, app, d.DB, sc, opts, &res); err != nil {
		return res, "", err
	}
	if sc.withWrites && opts.runs("monitoring") {
		j, err := measureJudgement(ctx, d.DB)
		if err != nil {
			return res, "", fmt.Errorf("Monitoring beurteilen: %w", err)
		}
		res.judgement = &j
	}
	if sc.withWrites && opts.runs("bericht") {
		f, err := measureFreeze(ctx, d.DB)
		if err != nil {
			return res, "", fmt.Errorf("Bericht einfrieren: %w", err)
		}
		res.freeze = &f
		r, err := measureCountyReport(ctx, app, d.DB, opts.requests)
		if err != nil {
			return res, "", fmt.Errorf("Bericht in Landkreis-Größe: %w", err)
		}
		res.report = &r
	}
	if sc.withWrites && opts.runs("erinnerungen") {
		r, err := measureReminders(ctx, app, d.DB, opts.requests)
		if err != nil {
			return res, "", fmt.Errorf("Erinnerungen: %w", err)
		}
		res.reminders = &r
	}
	if sc.withWrites && opts.runs("katalog") {
		c, err := measureCatalogue(ctx, d.DB, sc.measures)
		if err != nil {
			return res, "", fmt.Errorf("Katalog-Import: %w", err)
		}
		res.catalogue = &c
	}
	return res, version, nil
}

// openBenchDatabase opens (creating if needed) the database name: in the
// project-local cluster, or on the server PLANWERK_DATABASE_URL points at.
func openBenchDatabase(ctx context.Context, cfg config.Config, log *slog.Logger, name string) (*database, error) {
	if cfg.DatabaseURL != "" {
		admin, err := withDatabase(cfg.DatabaseURL, "postgres")
		if err != nil {
			return nil, err
		}
		if err := postgres.EnsureDatabase(ctx, admin, name); err != nil {
			return nil, err
		}
		if cfg.DatabaseURL, err = withDatabase(cfg.DatabaseURL, name); err != nil {
			return nil, err
		}
	}
	return openNamedDatabase(ctx, cfg, log, name)
}

// withDatabase replaces the database name in a postgres:// URL.
func withDatabase(rawURL, name string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", errors.New("PLANWERK_DATABASE_URL muss eine postgres://-URL sein, damit der Benchmark eigene Datenbanken anlegen kann")
	}
	u.Path = "/" + name
	return u.String(), nil
}

// ensureBenchData reuses the dataset when it has the requested size;
// otherwise it drops and recreates the database and generates it afresh.
func ensureBenchData(ctx context.Context, cfg config.Config, log *slog.Logger, d *database, sc benchScale, opts benchOptions) (postgres.BenchDataset, bool, error) {
	ds, err := d.FindBenchDataset(ctx)
	if err != nil && domain.ErrorCode(err) != domain.CodeNotFound {
		return ds, false, err
	}
	if err == nil && !opts.regenerate && ds.Municipalities == sc.municipalities &&
		ds.Measures == sc.measures && ds.UpdatesPerImpl == opts.updates {
		return ds, false, nil
	}
	log.Info("erzeuge Benchmark-Datensatz", "datenbank", sc.database,
		"kommunen", sc.municipalities, "massnahmen", sc.measures, "meldungen", opts.updates)
	if err := recreateDatabase(ctx, cfg, d, sc.database); err != nil {
		return ds, false, err
	}
	if err := d.GenerateBenchData(ctx, sc.municipalities, sc.measures, opts.updates); err != nil {
		return ds, false, err
	}
	ds, err = d.FindBenchDataset(ctx)
	log.Info("Benchmark-Datensatz erzeugt", "umsetzungen", ds.Implementations,
		"meldungen", ds.ProgressUpdates, "dauer", ds.Generation())
	return ds, true, err
}

// recreateDatabase drops the benchmark database and creates it empty and
// migrated, keeping the local cluster running.
func recreateDatabase(ctx context.Context, cfg config.Config, d *database, name string) error {
	admin := ""
	if d.cluster != nil {
		admin = d.cluster.URL("postgres")
	} else if u, err := withDatabase(d.URL, "postgres"); err == nil {
		admin = u
	} else {
		return err
	}
	d.DB.Close()
	d.DB = nil
	if err := postgres.DropDatabase(ctx, admin, name); err != nil {
		return err
	}
	if err := postgres.EnsureDatabase(ctx, admin, name); err != nil {
		return err
	}
	db, err := postgres.Open(ctx, d.URL, dbOptions(cfg, nil))
	if err != nil {
		return err
	}
	d.DB = db
	return postgres.Migrate(ctx, d.URL)
}

// benchPages picks the measured pages' ids and slugs through the store. The
// measure and the municipality change with every request, so no single
// row stays hot in a cache.
func benchPages(ctx context.Context, db *postgres.DB) ([]benchPage, error) {
	plan, err := db.FindPlanBySlug(ctx, postgres.BenchPlanSlug)
	if err != nil {
		return nil, err
	}
	fields, err := db.FindCatalogue(ctx, plan.ID)
	if err != nil {
		return nil, err
	}
	var measures []int64
	for _, f := range fields {
		for _, g := range f.Goals {
			for _, m := range g.Measures {
				if m.Scope == domain.ScopeMunicipal {
					measures = append(measures, m.ID)
				}
			}
		}
	}
	orgs, err := db.FindMunicipalities(ctx, plan.OwnerID)
	if err != nil {
		return nil, err
	}
	if len(measures) == 0 || len(orgs) == 0 {
		return nil, errors.New("der Datensatz enthält keine kommunale Maßnahme oder keine Kommune")
	}
	planPath := "/plaene/" + plan.Slug
	town := func(i int) string { return planPath + "/kommunen/" + orgs[i%len(orgs)].Slug }
	return []benchPage{
		{"Planübersicht `/plaene/:plan`", 30 * time.Millisecond, func(int) string { return planPath }},
		{"Maßnahme `/plaene/:plan/massnahmen/:id`", 20 * time.Millisecond,
			func(i int) string { return fmt.Sprintf("%s/massnahmen/%d", planPath, measures[i%len(measures)]) }},
		{"Arbeitsbereich `/plaene/:plan/kommunen/:slug`", 30 * time.Millisecond, town},
		{"Arbeitsbereich gefiltert", 30 * time.Millisecond, func(i int) string {
			return town(i) + "?relevanz=relevant&status=in_progress&sortierung=faellig"
		}},
		{"Aufgabenansicht", 30 * time.Millisecond,
			func(i int) string { return town(i) + "?ansicht=aufgaben" }},
		// The KI's matrix across every town: one aggregate statement (the bench
		// signs in as KI staff of the bench county, who may see it).
		{"KI-Monitoring `/plaene/:plan/monitoring`", 150 * time.Millisecond,
			func(int) string { return planPath + "/monitoring" }},
		// The API's list of a town's implementations: the workspace's data
		// as JSON, held to the workspace's budget.
		{"API: Umsetzungen einer Kommune `/api/v1/plans/:plan/municipalities/:org/implementations`", 30 * time.Millisecond,
			func(i int) string {
				return fmt.Sprintf("/api/v1/plans/%s/municipalities/%s/implementations?limit=500", plan.Slug, orgs[i%len(orgs)].Slug)
			}},
	}, nil
}

// measurePage warms up, then sends requests one after the other and records
// each one's latency and SQL statements.
func measurePage(ctx context.Context, h *benchApp, p benchPage, requests int) (pageResult, error) {
	warmUp := max(20, requests/10)
	for i := range warmUp {
		if _, _, _, err := benchRequest(ctx, h, p.path(i)); err != nil {
			return pageResult{}, err
		}
	}
	res := pageResult{name: p.name, budget: p.budget, minQueries: math.MaxInt64}
	latencies := make([]time.Duration, 0, requests)
	for i := range requests {
		d, queries, size, err := benchRequest(ctx, h, p.path(warmUp+i))
		if err != nil {
			return res, err
		}
		latencies = append(latencies, d)
		if queries < 0 {
			continue // the request also refreshed the session (once a minute): not the page's statement
		}
		res.minQueries, res.maxQueries = min(res.minQueries, queries), max(res.maxQueries, queries)
		res.bytes = max(res.bytes, size)
	}
	res.latency = benchstat.Summarise(latencies)
	return res, nil
}

func benchRequest(ctx context.Context, app *benchApp, path string) (time.Duration, int64, int, error) {
	qctx, count := postgres.CountQueries(ctx)
	req := httptest.NewRequestWithContext(qctx, http.MethodGet, path, nil)
	if strings.HasPrefix(path, "/api/") {
		req.Header.Set("Authorization", "Bearer "+app.token) // the API takes no cookie
	} else {
		req.Header.Set("Cookie", app.cookie)
	}
	rec := httptest.NewRecorder()
	start := time.Now()
	app.handler.ServeHTTP(rec, req)
	elapsed := time.Since(start)
	if rec.Code != http.StatusOK {
		return 0, 0, 0, fmt.Errorf("GET %s: Status %d statt 200", path, rec.Code)
	}
	if strings.Contains(rec.Header().Get("Set-Cookie"), auth.CookieName+"=") {
		// The session's last activity was written along (at most once a
		// minute, see auth.touchInterval): a statement of the session, not
		// of the page, reported as -1 so that it is left out of the count.
		return elapsed, -1, rec.Body.Len(), nil
	}
	return elapsed, count.N(), rec.Body.Len(), nil
}
