// Package testdb gives every database test its own freshly migrated
// PostgreSQL database, cloned in milliseconds from a template that is
// migrated once per test binary (the pgtestdb approach).
//
// The template and clone steps are written here (CREATE DATABASE … TEMPLATE)
// rather than taken from github.com/peterldowns/pgtestdb: pgtestdb builds its
// URLs from host and port, which does not fit our unix-socket URLs, and it
// needs a role with a password; the few lines below have neither problem.
//
// Use it from TestMain:
//
//	func TestMain(m *testing.M) { testdb.Main(m) }
//
// Packages whose tests import testdb and are imported by it (internal/postgres)
// must write those tests in the external package (package postgres_test).
package testdb

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/planwerk/planwerk/internal/pglocal"
)

// EnvURL names a server to use instead of starting one; its database (often
// "postgres") is where the test databases are created from.
const EnvURL = "PLANWERK_TEST_DATABASE_URL"

// serverURL is the admin connection set by Main; it is package state because
// TestMain has no other way to hand it to the tests of its binary.
var serverURL string

// Main runs the tests of a package against PostgreSQL and exits. Without
// PLANWERK_TEST_DATABASE_URL it starts a throwaway server for the whole test
// binary. A machine without PostgreSQL fails loudly instead of skipping, so
// CI can never pass without having run the database tests.
func Main(m *testing.M) {
	os.Exit(run(m))
}

// Run is Main for a TestMain that has its own clean-up to do before it
// exits: it runs the tests against PostgreSQL and returns the exit code.
func Run(m *testing.M) int { return run(m) }

func run(m *testing.M) int {
	if url := os.Getenv(EnvURL); url != "" {
		serverURL = url
		defer closeAdmin()
		return m.Run()
	}
	cluster, base, err := startCluster()
	if err != nil {
		fmt.Fprintf(os.Stderr, "\n!!! testdb: keine Test-Datenbank / no test database !!!\n%v\n"+
			"Datenbanktests werden nicht übersprungen: PostgreSQL installieren oder %s setzen.\n\n", err, EnvURL)
		return 1
	}
	stop := func() {
		closeAdmin() // before the server goes, so the pool does not log lost connections
		if err := cluster.Stop(); err != nil {
			fmt.Fprintf(os.Stderr, "testdb: %v\n", err)
		}
		_ = os.RemoveAll(base)
	}
	stopOnSignal(stop)
	defer stop()
	serverURL = cluster.URL("postgres")
	return m.Run()
}

// startCluster starts an ephemeral server in a new folder under the temp dir.
func startCluster() (*pglocal.Cluster, string, error) {
	base, err := os.MkdirTemp("", "planwerk-testdb-")
	if err != nil {
		return nil, "", err
	}
	// MkdirTemp makes the folder 0700; as root the server runs as the
	// postgres account, which must be able to enter it.
	if err := os.Chmod(base, 0o755); err != nil {
		return nil, "", err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cluster, err := pglocal.Start(ctx, pglocal.Options{DataDir: filepath.Join(base, "pgdata"), Ephemeral: true})
	if err != nil {
		_ = os.RemoveAll(base)
		return nil, "", err
	}
	return cluster, base, nil
}

// stopOnSignal stops the server when the test binary is interrupted or
// terminated (go test's own timeout kills it outright; then the server's
// parent-death signal ends it, and only the temp folder is left over).
func stopOnSignal(stop func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-sigs
		stop()
		fmt.Fprintf(os.Stderr, "testdb: %v, Testserver beendet\n", sig)
		os.Exit(1)
	}()
}

// New returns a pool on a fresh, fully migrated database of its own. The
// pool is closed and the database dropped when the test ends.
func New(t testing.TB) *pgxpool.Pool {
	t.Helper()
	url := URL(t)
	pool, err := pgxpool.New(context.Background(), url)
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	t.Cleanup(pool.Close) // runs before the drop registered by URL
	return pool
}

// URL creates a fresh, fully migrated database and returns its connection
// URL, for code that opens its own pool. Each call makes a new database;
// it is dropped when the test ends, even if connections are still open.
func URL(t testing.TB) string {
	t.Helper()
	if serverURL == "" {
		t.Fatal("testdb: keine Datenbank – TestMain muss testdb.Main(m) aufrufen / TestMain must call testdb.Main(m)")
	}
	admin, template, err := setup()
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	name, err := cloneTemplate(admin, template)
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		// FORCE: a test that leaks a connection must not break the next ones.
		if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+quoteIdent(name)+" WITH (FORCE)"); err != nil {
			t.Errorf("testdb: Datenbank %s nicht gelöscht: %v", name, err)
		}
	})
	url, err := databaseURL(serverURL, name)
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	return url
}
