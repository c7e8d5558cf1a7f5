package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/demoidp"
	"github.com/planwerk/planwerk/internal/pglocal"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/seed"
)

// TestDatabaseOutageAnswers503AndRecoversWithoutRestart stops the database
// under a running server, then starts it again: the same server must answer
// 503 with a friendly page meanwhile and serve normally afterwards.
func TestDatabaseOutageAnswers503AndRecoversWithoutRestart(t *testing.T) {
	ctx := context.Background()
	// Not t.TempDir: its parent is private to root, and as root the server
	// runs as the postgres user, which must enter the folder.
	base, err := os.MkdirTemp("", "planwerk-outage-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(base) })
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	dataDir := filepath.Join(base, "pgdata")
	cluster := startCluster(t, dataDir)
	url := cluster.URL("planwerk")
	if err = postgres.EnsureDatabase(ctx, cluster.URL("postgres"), "planwerk"); err != nil {
		t.Fatal(err)
	}
	if err := postgres.Migrate(ctx, url); err != nil {
		t.Fatal(err)
	}
	db, err := postgres.Open(ctx, url, postgres.Options{ConnectTimeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	concept, orgs := seed.CoesfeldConcept(), seed.Organisations()
	if _, err := db.SeedDemo(ctx, concept, orgs, seed.DemoImplementations(concept, orgs, today)); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(nil)
	appURL := "http://" + srv.Listener.Addr().String()
	idp := startIdP(t, appURL)
	if err := db.EnsureDemoAccounts(ctx, idp.Issuer(), demoAccounts()); err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = newServer(t, db, idp.Issuer(), appURL)
	srv.Start()
	t.Cleanup(srv.Close)
	ki, err := demoidp.SignIn(ctx, appURL, "ki-1", demoidp.DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	expect := func(path string, want int, wants ...string) {
		t.Helper()
		status, body, _ := fetch(t, ki, http.MethodGet, appURL+path)
		if status != want {
			t.Fatalf("GET %s = %d, want %d", path, status, want)
		}
		mustContain(t, body, wants...)
	}

	expect("/readyz", http.StatusOK)
	expect(demoPlan+"/kommunen", http.StatusOK, "Kommunen")

	if err := cluster.Stop(); err != nil {
		t.Fatal(err)
	}
	expect(demoPlan+"/kommunen", http.StatusServiceUnavailable, "Vorübergehend nicht verfügbar", "in einigen Minuten erneut")
	expect("/readyz", http.StatusServiceUnavailable)
	expect("/healthz", http.StatusOK)

	startCluster(t, dataDir)
	expect("/readyz", http.StatusOK)
	expect(demoPlan+"/kommunen", http.StatusOK, "Kommunen")
}

func startCluster(t *testing.T, dataDir string) *pglocal.Cluster {
	t.Helper()
	c, err := pglocal.Start(context.Background(), pglocal.Options{DataDir: dataDir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Stop() })
	return c
}
