package pglocal

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// baseDir returns a fresh folder for a cluster. As root the server runs as
// postgres, which must be able to walk into it: t.TempDir makes 0700 folders.
func baseDir(t *testing.T) string {
	t.Helper()
	if _, err := FindBinaries(); err != nil {
		t.Skipf("!!! PostgreSQL-Tests ÜBERSPRUNGEN / SKIPPED: %v", err)
	}
	dir := t.TempDir()
	for d := dir; d != filepath.Clean(os.TempDir()) && d != filepath.Dir(d); d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func start(t *testing.T, opts Options) *Cluster {
	t.Helper()
	if opts.Logf == nil {
		opts.Logf = t.Logf
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c, err := Start(ctx, opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { _ = c.Stop() }) // a no-op after the test's own Stop
	return c
}

func query(t *testing.T, c *Cluster, sql string) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		t.Fatalf("connect %s: %v", c.URL("postgres"), err)
	}
	defer conn.Close(ctx)
	var out string
	if err := conn.QueryRow(ctx, sql).Scan(&out); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return out
}

func exec1(t *testing.T, c *Cluster, sql string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func assertGone(t *testing.T, pid int) {
	t.Helper()
	if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("postmaster %d still exists after Stop (kill -0: %v)", pid, err)
	}
	if err := syscall.Kill(-pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("process group %d still has members after Stop (kill -0: %v)", pid, err)
	}
}

func TestEphemeralClusterStartsAnswersAndVanishes(t *testing.T) {
	dir := baseDir(t)
	c := start(t, Options{DataDir: filepath.Join(dir, "pgdata"), Ephemeral: true})

	if got := query(t, c, "SELECT 1::text"); got != "1" {
		t.Errorf("SELECT 1 = %q", got)
	}
	if got := query(t, c, "SHOW fsync"); got != "off" {
		t.Errorf("fsync = %q, want off for an ephemeral cluster", got)
	}
	if got := query(t, c, "SHOW server_encoding"); got != "UTF8" {
		t.Errorf("server_encoding = %q", got)
	}
	pid := c.PID()
	if err := c.Stop(); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	assertGone(t, pid)
	for _, p := range []string{c.DataDir(), c.SocketDir(), c.LogPath()} {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s survives Stop of an ephemeral cluster (stat: %v)", p, err)
		}
	}
	if err := c.Stop(); err != nil {
		t.Errorf("second Stop: %v", err)
	}
}

func TestRestartKeepsData(t *testing.T) {
	dir := baseDir(t)
	opts := Options{DataDir: filepath.Join(dir, "pgdata")}
	c := start(t, opts)
	exec1(t, c, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')")
	if err := c.Stop(); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	assertGone(t, c.PID())
	if got := query(t, start(t, opts), "SELECT v FROM kept"); got != "still here" {
		t.Errorf("after restart kept.v = %q", got)
	}
}

func TestSecondServerOnSameDataDirIsRefused(t *testing.T) {
	dir := baseDir(t)
	opts := Options{DataDir: filepath.Join(dir, "pgdata"), Ephemeral: true}
	c := start(t, opts)
	_, err := Start(context.Background(), opts)
	if err == nil || !strings.Contains(err.Error(), strconv.Itoa(c.PID())) {
		t.Fatalf("second Start on a live data folder: err = %v, want a refusal naming PID %d", err, c.PID())
	}
	if got := query(t, c, "SELECT 1::text"); got != "1" {
		t.Errorf("the first server is disturbed: SELECT 1 = %q", got)
	}
}

func TestStalePIDFileIsRemoved(t *testing.T) {
	dir := baseDir(t)
	opts := Options{DataDir: filepath.Join(dir, "pgdata")}
	c := start(t, opts)
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	// A pid that certainly belonged to a process that is gone now, as after
	// a crash of the server.
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	stale := strconv.Itoa(dead.Process.Pid) + "\n" + c.DataDir() + "\n1700000000\n5432\n" + c.SocketDir() + "\n\n0 0\nready   \n"
	if err := os.WriteFile(filepath.Join(c.DataDir(), "postmaster.pid"), []byte(stale), 0o600); err != nil {
		t.Fatal(err)
	}
	c2 := start(t, opts)
	if got := query(t, c2, "SELECT 1::text"); got != "1" {
		t.Errorf("SELECT 1 = %q", got)
	}
}

func TestLongPathFallsBackToShortSocketDir(t *testing.T) {
	dir := baseDir(t)
	deep := filepath.Join(dir, strings.Repeat("tief/", 20), "pgdata")
	c := start(t, Options{DataDir: deep, Ephemeral: true})
	if len(c.SocketDir()) >= maxSocketPath || !strings.HasPrefix(c.SocketDir(), os.TempDir()) {
		t.Errorf("socket folder %q not a short folder under %s", c.SocketDir(), os.TempDir())
	}
	if got := query(t, c, "SELECT 1::text"); got != "1" {
		t.Errorf("SELECT 1 = %q", got)
	}
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(c.SocketDir()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temporary socket folder survives Stop: %v", err)
	}
}

func TestURL(t *testing.T) {
	c := &Cluster{socketDir: "/work/main/.local/run"}
	want := "postgres://postgres@/planwerk?host=/work/main/.local/run&sslmode=disable"
	if got := c.URL("planwerk"); got != want {
		t.Errorf("URL = %q, want %q", got, want)
	}
}

func TestSortByVersionPutsHighestFirst(t *testing.T) {
	got := sortByVersion([]string{"/usr/lib/postgresql/9.6/bin", "/usr/lib/postgresql/15/bin", "/usr/pgsql-13/bin"})
	want := []string{"/usr/lib/postgresql/15/bin", "/usr/pgsql-13/bin", "/usr/lib/postgresql/9.6/bin"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("sortByVersion = %v, want %v", got, want)
	}
}
