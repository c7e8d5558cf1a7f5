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

// answers reports whether the cluster runs a query now.
func answers(c *Cluster) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return false
	}
	defer conn.Close(ctx)
	var one int
	return conn.QueryRow(ctx, "SELECT 1").Scan(&one) == nil && one == 1
}

// children lists the processes whose parent is pid, from /proc.
func children(t *testing.T, pid int) []int {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	var kids []int
	for _, e := range entries {
		child, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue // gone meanwhile
		}
		// "pid (comm) state ppid …": comm may hold spaces, so split after ')'.
		fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(fields) > 1 && fields[1] == strconv.Itoa(pid) {
			kids = append(kids, child)
		}
	}
	return kids
}

func TestCrashedServerIsRestarted(t *testing.T) {
	dir := baseDir(t)
	c := start(t, Options{DataDir: filepath.Join(dir, "pgdata")})
	exec1(t, c, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('nach dem Absturz')")
	crashed := c.PID()
	if err := syscall.Kill(crashed, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Minute) // generous: the machine is shared
	for c.PID() == crashed || !answers(c) {
		if time.Now().After(deadline) {
			t.Fatalf("two minutes after kill -9 of the postmaster (PID %d) the cluster does not answer; PID now %d",
				crashed, c.PID())
		}
		time.Sleep(100 * time.Millisecond)
	}
	if got := query(t, c, "SELECT v FROM kept"); got != "nach dem Absturz" {
		t.Errorf("after the restart kept.v = %q", got)
	}
	pid := c.PID()
	if err := c.Stop(); err != nil {
		t.Fatalf("Stop after a restart: %v", err)
	}
	assertGone(t, pid)
}

func TestStopLeavesNoProcess(t *testing.T) {
	dir := baseDir(t)
	c := start(t, Options{DataDir: filepath.Join(dir, "pgdata"), Ephemeral: true})
	// An open session and a busy one: a fast shutdown must end both.
	ctx := context.Background()
	idle, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close(ctx)
	busy, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close(ctx)
	go func() { _, _ = busy.Exec(ctx, "SELECT pg_sleep(600)") }()

	pid := c.PID()
	kids := children(t, pid)
	if len(kids) < 3 { // checkpointer, two backends at least
		t.Fatalf("postmaster %d has only %d children: %v", pid, len(kids), kids)
	}
	if err := c.Stop(); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	assertGone(t, pid)
	for _, kid := range kids {
		if err := syscall.Kill(kid, 0); !errors.Is(err, syscall.ESRCH) {
			t.Errorf("server process %d survives Stop (kill -0: %v)", kid, err)
		}
	}
}

// handStart starts a server on the cluster's data folder the way someone
// would by hand, outside the Cluster's control, with the same log file. It
// retries while the backends of a crashed server still hold the folder.
func handStart(t *testing.T, c *Cluster) int {
	t.Helper()
	o, err := serverOwner()
	if err != nil {
		t.Fatal(err)
	}
	pgctl := func(args ...string) *exec.Cmd {
		cmd := exec.Command(filepath.Join(c.binDir, "pg_ctl"), append([]string{"-D", c.DataDir()}, args...)...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: o.credential()}
		cmd.Dir = c.DataDir()
		return cmd
	}
	t.Cleanup(func() { _ = pgctl("-m", "immediate", "-w", "stop").Run() })
	deadline := time.Now().Add(time.Minute)
	for {
		out, err := pgctl("-l", c.LogPath(), "-w", "-o", "-k "+c.SocketDir()+" -c listen_addresses=", "start").CombinedOutput()
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("pg_ctl start by hand: %v\n%s", err, out)
		}
		time.Sleep(200 * time.Millisecond)
	}
	pid, alive := livePostmaster(c.DataDir())
	if !alive {
		t.Fatal("no live postmaster.pid after pg_ctl start")
	}
	return pid
}

func TestHandStartedServerIsReportedNotClaimed(t *testing.T) {
	dir := baseDir(t)
	// The supervisor waits: the hand-started server comes first.
	opts := Options{DataDir: filepath.Join(dir, "pgdata"), restartDelay: time.Hour}
	c := start(t, opts)
	if err := syscall.Kill(c.PID(), syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	foreign := handStart(t, c)

	err := c.Stop()
	if err == nil || !strings.Contains(err.Error(), strconv.Itoa(foreign)) || !strings.Contains(err.Error(), "pg_ctl") {
		t.Errorf("Stop with a hand-started server on the data folder: err = %v, want a message naming PID %d and pg_ctl", err, foreign)
	}
	if err := syscall.Kill(foreign, 0); err != nil {
		t.Errorf("Stop signalled the hand-started server %d: %v", foreign, err)
	}
	_, err = Start(context.Background(), opts)
	if err == nil || !strings.Contains(err.Error(), strconv.Itoa(foreign)) || !strings.Contains(err.Error(), "pg_ctl") {
		t.Errorf("Start beside a hand-started server: err = %v, want a message naming PID %d and pg_ctl", err, foreign)
	}
}
