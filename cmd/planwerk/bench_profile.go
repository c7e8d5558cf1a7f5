package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"

	"github.com/planwerk/planwerk/internal/postgres"
)

// profileWorkspace loads the large dataset's workspace with floorClients
// clients, as the floor comparison does, while recording the process's CPU
// profile, and writes it with the allocation profiles before and after into
// dir (bench -profile DIR). The bench runs the server in its own process, so
// the profiles show the page's own work: `go tool pprof -top DIR/cpu.pprof`,
// `go tool pprof -sample_index=alloc_space -base DIR/allocs-before.pprof DIR/allocs-after.pprof`.
// A non-empty path profiles that page instead (bench -profile-path).
func profileWorkspace(ctx context.Context, app *benchApp, db *postgres.DB, dir, path string, requests int) error {
	plan, orgs, err := benchTowns(ctx, db)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: floorClients, DisableCompression: true}}
	defer client.CloseIdleConnections()
	page := func(i int) string { return app.url + "/plaene/" + plan.Slug + "/kommunen/" + orgs[i%len(orgs)].Slug }
	if path != "" {
		page = func(int) string { return app.url + path }
	}
	if _, err := hammer(ctx, client, page, app.cookie, 2*floorClients); err != nil { // warm up
		return err
	}
	if err := writeProfile(filepath.Join(dir, "allocs-before.pprof"), "allocs"); err != nil {
		return err
	}
	cpu, err := os.Create(filepath.Join(dir, "cpu.pprof"))
	if err != nil {
		return err
	}
	defer cpu.Close()
	if err := pprof.StartCPUProfile(cpu); err != nil {
		return err
	}
	elapsed, err := hammer(ctx, client, page, app.cookie, requests)
	pprof.StopCPUProfile()
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "Profil: %d Arbeitsbereiche in %s, nach %s\n", requests, elapsed, dir)
	return writeProfile(filepath.Join(dir, "allocs-after.pprof"), "allocs")
}

func writeProfile(path, name string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	runtime.GC() // the allocation profile is as of the last collection
	return pprof.Lookup(name).WriteTo(f, 0)
}
