package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/demoidp"
	"github.com/planwerk/planwerk/internal/pglocal"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/seed"
	"github.com/planwerk/planwerk/internal/testdb"
)

// hangApp is the whole app on a PostgreSQL server of its own, which the test
// may hang without disturbing the other tests, and short limits: a request
// waits at most a second for the database.
type hangApp struct {
	URL     string
	cluster *pglocal.Cluster
	log     *syncBuffer
}

func newHangApp(t *testing.T) *hangApp {
	t.Helper()
	ctx := context.Background()
	// Not t.TempDir: as root the server runs as postgres, which must enter it.
	base, err := os.MkdirTemp("", "planwerk-hang-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(base) })
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	a := &hangApp{cluster: startCluster(t, filepath.Join(base, "pgdata")), log: &syncBuffer{}}
	url := a.cluster.URL("planwerk")
	if err := postgres.EnsureDatabase(ctx, a.cluster.URL("postgres"), "planwerk"); err != nil {
		t.Fatal(err)
	}
	if err := postgres.Migrate(ctx, url); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(a.log, nil))
	db, err := postgres.Open(ctx, url, postgres.Options{ConnectTimeout: time.Second,
		AcquireTimeout: 500 * time.Millisecond, StatementTimeout: time.Second, LockTimeout: time.Second, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.CloseWithin(5 * time.Second) })
	concept, orgs := seed.CoesfeldConcept(), seed.Organisations()
	if _, err := db.SeedDemo(ctx, concept, orgs, seed.DemoImplementations(concept, orgs, today)); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(nil)
	a.URL = "http://" + srv.Listener.Addr().String()
	idp := startIdP(t, a.URL)
	if err := db.EnsureDemoAccounts(ctx, idp.Issuer(), demoAccounts()); err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = newServerWith(t, db, idp.Issuer(), a.URL, log, time.Second)
	srv.Start()
	t.Cleanup(srv.Close)
	return a
}

// signIn returns a browser signed in as username that gives up after 15 s,
// so that a request hanging with the database fails the test instead of
// hanging it.
func (a *hangApp) signIn(t *testing.T, username string) *http.Client {
	t.Helper()
	c, err := demoidp.SignIn(context.Background(), a.URL, username, demoidp.DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	c.Timeout = 15 * time.Second
	return c
}

// send sends a request and returns status, request id and body.
func send(t *testing.T, c *http.Client, method, url string) (int, string, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader("report_body=x&reported_on=2026-11-20"))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("X-Request-Id"), string(body)
}

// TestHungDatabaseAnswers503AndRecovers hangs every process of the database
// (SIGSTOP): page loads and writes must answer the friendly 503 page once the
// request deadline has passed instead of waiting for the database, each with
// its request id and its request-log line, and the outage is logged once.
// Once the database runs again, the same server serves normally.
func TestHungDatabaseAnswers503AndRecovers(t *testing.T) {
	a := newHangApp(t)
	ki := a.signIn(t, "ki-1")
	anonymous := &http.Client{Timeout: 15 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if status, _, _ := send(t, ki, http.MethodGet, a.URL+demoPlan+"/kommunen"); status != http.StatusOK {
		t.Fatalf("before the hang: GET /kommunen = %d", status)
	}

	resume := testdb.Hang(t, a.cluster.DataDir())
	var ids []string
	for _, req := range []struct {
		c            *http.Client
		method, path string
	}{
		{ki, http.MethodGet, demoPlan + "/kommunen"},
		{ki, http.MethodPost, demoPlan + "/kommunen/duelmen/umsetzungen/1/sachstand"},
		{ki, http.MethodGet, demoPlan + "/kommunen"},
		{anonymous, http.MethodGet, "/anmelden?next=/"},
	} {
		status, id, body := send(t, req.c, req.method, a.URL+req.path)
		if status != http.StatusServiceUnavailable || id == "" {
			t.Fatalf("%s %s with the database hung = %d (request id %q), want 503", req.method, req.path, status, id)
		}
		mustContain(t, body, "Vorübergehend nicht verfügbar", "in einigen Minuten erneut", id)
		if strings.Contains(body, "See Other") {
			t.Errorf("%s %s: the handler's redirect is appended to the 503 page", req.method, req.path)
		}
		ids = append(ids, id)
	}
	if status, _, _ := send(t, anonymous, http.MethodGet, a.URL+"/healthz"); status != http.StatusOK {
		t.Errorf("/healthz = %d while the database hangs, want 200", status)
	}

	resume()
	waitFor(t, "pages to work again", func() bool {
		status, _, _ := send(t, ki, http.MethodGet, a.URL+demoPlan+"/kommunen")
		return status == http.StatusOK
	})
	logs := a.log.String()
	for _, id := range ids {
		if !strings.Contains(logs, "msg=request request_id="+id+" ") || !strings.Contains(logs, "request_id="+id+" method=") {
			t.Errorf("no request-log line for request %s:\n%s", id, logs)
		}
	}
	if n := strings.Count(logs, "level=ERROR"); n != 1 || !strings.Contains(logs, "database unavailable") {
		t.Errorf("%d error lines for one outage, want one saying so:\n%s", n, logs)
	}
	if !strings.Contains(logs, "level=INFO msg=\"database available again\"") {
		t.Errorf("the end of the outage is not logged:\n%s", logs)
	}
}

// TestDatabaseCrashIsLoggedOnce stops the database outright, as a crash
// does, under a stream of requests: the outage is one error line and its end
// one info line, while every request keeps its request-log line with status
// and request id, including the 503s the session layer gives.
func TestDatabaseCrashIsLoggedOnce(t *testing.T) {
	a := newHangApp(t)
	ki := a.signIn(t, "ki-1")
	if err := a.cluster.Stop(); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for range 10 {
		status, id, _ := send(t, ki, http.MethodGet, a.URL+demoPlan+"/kommunen")
		if status != http.StatusServiceUnavailable || id == "" {
			t.Fatalf("GET /kommunen with the database down = %d (request id %q), want 503", status, id)
		}
		ids = append(ids, id)
	}
	startCluster(t, a.cluster.DataDir())
	waitFor(t, "pages to work again", func() bool {
		status, _, _ := send(t, ki, http.MethodGet, a.URL+demoPlan+"/kommunen")
		return status == http.StatusOK
	})
	logs := a.log.String()
	for _, id := range ids {
		if !strings.Contains(logs, "msg=request request_id="+id+" method=GET path="+demoPlan+"/kommunen status=503") {
			t.Errorf("no request-log line with status 503 for request %s", id)
		}
	}
	if n := strings.Count(logs, "level=ERROR"); n != 1 {
		t.Errorf("%d error lines for one outage, want 1:\n%s", n, logs)
	}
	if n := strings.Count(logs, "database available again"); n != 1 {
		t.Errorf("the end of the outage is logged %d times, want once:\n%s", n, logs)
	}
}

// waitFor polls cond for up to 30 s: a recovering server may take a moment.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
