package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/planwerk/planwerk/internal/config"
	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
)

// floorClients is how many clients load the workspace and the floor at once.
const floorClients = 8

// throughput is requests answered in a time.
type throughput struct {
	requests int
	elapsed  time.Duration
}

func (t throughput) perSecond() float64 {
	if t.elapsed <= 0 {
		return 0
	}
	return float64(t.requests) / t.elapsed.Seconds()
}

// floorResult compares the real workspace with the floor (postgres.FloorHandler)
// and records the workspace's size on the wire.
type floorResult struct {
	workspace, floor throughput
	wire             wireSizes
	peakRSS          int64 // the process's largest resident set while both were loaded
}

// wireSizes are one workspace page's bytes as sent: uncompressed, gzip, zstd.
type wireSizes struct{ plain, gzip, zstd int }

// benchTowns reads the bench plan and its municipalities.
func benchTowns(ctx context.Context, db *postgres.DB) (domain.Plan, []domain.Organisation, error) {
	plan, err := db.FindPlanBySlug(ctx, postgres.BenchPlanSlug)
	if err != nil {
		return plan, nil, err
	}
	orgs, err := db.FindMunicipalities(ctx, plan.OwnerID)
	if err == nil && len(orgs) == 0 {
		err = errors.New("der Datensatz enthält keine Kommune")
	}
	return plan, orgs, err
}

// measureFloor loads the real workspace (signed in, through real HTTP on
// loopback) and the floor with floorClients clients each, cycling through
// the same municipalities, in two alternating rounds so that neither gets
// the quieter moment of the machine. Neither asks for compression: both are
// compared rendering the same rows; the wire sizes are measured apart.
func measureFloor(ctx context.Context, app *benchApp, db *postgres.DB, requests int) (floorResult, error) {
	var res floorResult
	plan, orgs, err := benchTowns(ctx, db)
	if err != nil {
		return res, err
	}
	floor := httptest.NewServer(db.FloorHandler(plan.ID))
	defer floor.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: floorClients, DisableCompression: true}}
	defer client.CloseIdleConnections()
	page := func(i int) string { return app.url + "/plaene/" + plan.Slug + "/kommunen/" + orgs[i%len(orgs)].Slug }
	bare := func(i int) string { return fmt.Sprintf("%s/?org=%d", floor.URL, orgs[i%len(orgs)].ID) }
	requests = max(requests, 4*floorClients)
	rss := sampleRSS(50 * time.Millisecond)
	defer rss.Stop()
	for round := range 3 { // round 0 warms both up and is not counted
		for _, side := range []struct {
			into   *throughput
			url    func(int) string
			cookie string
		}{{&res.floor, bare, ""}, {&res.workspace, page, app.cookie}} {
			n := requests
			if round == 0 {
				n = 2 * floorClients
			}
			elapsed, err := hammer(ctx, client, side.url, side.cookie, n)
			if err != nil {
				return res, err
			}
			if round > 0 {
				side.into.requests += n
				side.into.elapsed += elapsed
			}
		}
	}
	res.peakRSS = rss.Stop()
	res.wire, err = measureWire(ctx, client, page(0), app.cookie)
	return res, err
}

// hammer sends n GET requests from floorClients goroutines at once and
// returns how long all took; every answer must be 200 and is read whole.
func hammer(ctx context.Context, client *http.Client, url func(int) string, cookie string, n int) (time.Duration, error) {
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, floorClients)
	start := time.Now()
	for range floorClients {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				if _, err := get(ctx, client, url(i), cookie, ""); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(errs)
	return elapsed, <-errs
}

// get fetches url and returns the body's length as sent.
func get(ctx context.Context, client *http.Client, url, cookie, acceptEncoding string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: Status %d statt 200", url, resp.StatusCode)
	}
	if ce := resp.Header.Get("Content-Encoding"); err == nil && acceptEncoding != "" && ce != acceptEncoding {
		err = fmt.Errorf("GET %s mit Accept-Encoding %s: Content-Encoding %q", url, acceptEncoding, ce)
	}
	return int(n), err
}

// measureWire fetches one workspace uncompressed, as gzip and as zstd.
func measureWire(ctx context.Context, client *http.Client, url, cookie string) (wireSizes, error) {
	var w wireSizes
	for _, v := range []struct {
		into     *int
		encoding string
	}{{&w.plain, ""}, {&w.gzip, "gzip"}, {&w.zstd, "zstd"}} {
		n, err := get(ctx, client, url, cookie, v.encoding)
		if err != nil {
			return w, err
		}
		*v.into = n
	}
	return w, nil
}

// wireBudget is the budget for the workspace on the wire.
const wireBudget = 40 << 10

func printFloorReport(w io.Writer, r floorResult) {
	fmt.Fprintf(w, "| Boden-Vergleich (%d Clients, HTTP über Loopback) | Anfragen | Dauer | Anfragen/s |\n", floorClients)
	fmt.Fprintln(w, "|---|---:|---:|---:|")
	for _, row := range []struct {
		name string
		t    throughput
	}{{"Arbeitsbereich (Planwerk, angemeldet)", r.workspace}, {"Boden: net/http + pgx + html/template, dieselbe SQL-Abfrage", r.floor}} {
		fmt.Fprintf(w, "| %s | %d | %.2f s | %.1f |\n", row.name, row.t.requests, row.t.elapsed.Seconds(), row.t.perSecond())
	}
	ratio := 0.0
	if r.floor.perSecond() > 0 {
		ratio = r.workspace.perSecond() / r.floor.perSecond()
	}
	fmt.Fprintf(w, "\nArbeitsbereich ÷ Boden: **%.2f** (Ziel ≥ 1.0).\n\n", ratio)
	fmt.Fprintln(w, "| Arbeitsbereich auf der Leitung | unkomprimiert | gzip | zstd | Budget |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|")
	fmt.Fprintf(w, "| eine Kommune | %s | %s | %s | ≤ %s |\n\n", kb(r.wire.plain), kb(r.wire.gzip), kb(r.wire.zstd), kb(wireBudget))
	if r.peakRSS > 0 {
		fmt.Fprintf(w, "Speicher des Prozesses (Server und Last-Clients) unter dieser Last, größter Wert (VmRSS): **%.0f MB** (Budget ≤ %d MB).\n\n",
			float64(r.peakRSS)/(1<<20), rssBudget>>20)
	}
}

func kb(n int) string { return strings.TrimSuffix(fmt.Sprintf("%.1f", float64(n)/1024), ".0") + " KB" }

// measureFloorAndBrowser runs, on the large dataset, the floor comparison
// and the browser measurement of the first municipality's workspace.
func measureFloorAndBrowser(ctx context.Context, cfg config.Config, app *benchApp, db *postgres.DB, sc benchScale, opts benchOptions, res *scaleResult) error {
	if !sc.withWrites {
		return nil
	}
	if opts.runs("boden") {
		f, err := measureFloor(ctx, app, db, opts.requests)
		if err != nil {
			return fmt.Errorf("Boden-Vergleich: %w", err)
		}
		res.floor = &f
	}
	if opts.profile != "" {
		if err := profileWorkspace(ctx, app, db, opts.profile, opts.profilePath, opts.requests); err != nil {
			return fmt.Errorf("Profil: %w", err)
		}
	}
	if opts.runs("browser") {
		plan, orgs, err := benchTowns(ctx, db)
		if err != nil {
			return err
		}
		b, err := measureBrowserRuns(ctx, cfg, app, opts.browserRuns, opts.browserTrace, app.url+"/plaene/"+plan.Slug+"/kommunen/"+orgs[0].Slug)
		if err != nil {
			return fmt.Errorf("Chromium unter Slow 4G: %w", err)
		}
		res.browser = &b
	}
	return nil
}
