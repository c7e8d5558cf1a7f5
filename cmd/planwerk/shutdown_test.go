package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/auth"
	"github.com/planwerk/planwerk/internal/pglocal"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/testdb"
)

// TestSIGTERMWithHungDatabaseEndsAfterTheGracePeriod runs the real binary
// against a database that hangs under an open request. SIGTERM must end the
// process once the grace period is over, not when the database answers.
func TestSIGTERMWithHungDatabaseEndsAfterTheGracePeriod(t *testing.T) {
	p := startHungServe(t, "1s")
	p.signal(t, syscall.SIGTERM)
	code := p.wait(t, 20*time.Second)
	if code != 0 {
		t.Errorf("exit code %d, want 0\n%s", code, p.stderr())
	}
	if !strings.Contains(p.stderr(), "offene Anfragen nach der Schonfrist abgebrochen") {
		t.Errorf("the cancelled request is not logged:\n%s", p.stderr())
	}
}

// TestSecondSignalExitsAtOnce: with a long grace period, a second Ctrl-C or
// SIGTERM must end the process at once.
func TestSecondSignalExitsAtOnce(t *testing.T) {
	p := startHungServe(t, "10m")
	p.signal(t, syscall.SIGTERM)
	time.Sleep(300 * time.Millisecond) // ordering only: the first signal is handled first
	p.signal(t, syscall.SIGINT)
	if code := p.wait(t, 20*time.Second); code != 128+int(syscall.SIGINT) {
		t.Errorf("exit code %d, want %d\n%s", code, 128+int(syscall.SIGINT), p.stderr())
	}
}

// serveProcess is `planwerk serve` running in a child process.
type serveProcess struct {
	cmd  *exec.Cmd
	out  *syncBuffer
	done chan struct{}
}

// startHungServe starts `planwerk serve` on a database of its own, sends a
// request that waits on the database, and then hangs the database.
func startHungServe(t *testing.T, grace string) *serveProcess {
	t.Helper()
	cluster := startCluster(t)
	if err := postgres.EnsureDatabase(context.Background(), cluster.URL("postgres"), "planwerk"); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	p := &serveProcess{cmd: exec.Command(planwerkBinary(t), "serve"), out: &syncBuffer{}, done: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), "PLANWERK_DATABASE_URL="+cluster.URL("planwerk"), "PLANWERK_ADDR="+addr,
		"PLANWERK_PUBLIC_URL=http://"+addr, "PLANWERK_OIDC_ISSUER=http://127.0.0.1:9", "PLANWERK_OIDC_CLIENT_ID=planwerk",
		"PLANWERK_REQUEST_TIMEOUT=30s", "PLANWERK_DB_STATEMENT_TIMEOUT=30s", "PLANWERK_SHUTDOWN_TIMEOUT="+grace)
	p.cmd.Stderr, p.cmd.Stdout = p.out, p.out
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		<-p.done
	})
	client := &http.Client{Timeout: 5 * time.Second}
	waitUntil(t, "the server to be ready", func() bool {
		resp, err := client.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
		}
		return err == nil && resp.StatusCode == http.StatusOK
	})
	testdb.Hang(t, cluster.DataDir())
	// A session cookie makes the session layer look the session up: that
	// query waits on the hung database.
	req, _ := http.NewRequest(http.MethodGet, "http://"+addr+"/kommunen", nil)
	req.AddCookie(&http.Cookie{Name: auth.CookieName, Value: "some-session"})
	go func() {
		if resp, err := (&http.Client{Timeout: time.Minute}).Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	time.Sleep(500 * time.Millisecond) // ordering only: let the request reach the database
	return p
}

func (p *serveProcess) signal(t *testing.T, sig syscall.Signal) {
	t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
}

// wait returns the exit code, failing the test if the process has not ended
// within limit (generous: it is there to end a test that would hang).
func (p *serveProcess) wait(t *testing.T, limit time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(limit):
		t.Fatalf("planwerk serve still runs %s after the signal\n%s", limit, p.stderr())
	}
	var exitErr *exec.ExitError
	if err := p.cmd.Err; err != nil && !errors.As(err, &exitErr) {
		t.Fatal(err)
	}
	return p.cmd.ProcessState.ExitCode()
}

func (p *serveProcess) stderr() string { return p.out.String() }

var build struct {
	once sync.Once
	path string
	err  error
}

// planwerkBinary builds the binary once per test run.
func planwerkBinary(t *testing.T) string {
	t.Helper()
	build.once.Do(func() {
		dir, err := os.MkdirTemp("", "planwerk-bin-")
		if err != nil {
			build.err = err
			return
		}
		build.path = filepath.Join(dir, "planwerk")
		goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
		out, err := exec.Command(goTool, "build", "-o", build.path, ".").CombinedOutput()
		if err != nil {
			build.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if build.err != nil {
		t.Fatal(build.err)
	}
	return build.path
}

func startCluster(t *testing.T) *pglocal.Cluster {
	t.Helper()
	// Not t.TempDir: as root the server runs as postgres, which must enter it.
	base, err := os.MkdirTemp("", "planwerk-shutdown-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(base) })
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	c, err := pglocal.Start(context.Background(), pglocal.Options{DataDir: filepath.Join(base, "pgdata"), Ephemeral: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Stop() }) // registered before Hang's resume, so it runs after it
	return c
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
