package pglocal

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const (
	startTimeout    = 60 * time.Second // generous: a loaded CI machine may take long for initdb
	shutdownTimeout = 30 * time.Second // a fast shutdown still writes a checkpoint
	// quitTimeout covers an immediate shutdown: the postmaster itself gives
	// its children 5 s before it kills them.
	quitTimeout = 15 * time.Second
)

func (c *Cluster) pidFile() string { return filepath.Join(c.dataDir, "postmaster.pid") }

// clearStalePID removes the lock file a crashed server left behind, and
// refuses to start a second server on a data folder that is in use: that
// server is not ours (started by hand, or by a second planwerk), so we must
// neither signal it nor pretend to manage it.
func (c *Cluster) clearStalePID() error {
	pid, alive := livePostmaster(c.dataDir)
	if alive {
		return c.foreignServerError(pid)
	}
	if pid == 0 {
		return nil
	}
	c.logf("pglocal: entferne veraltete postmaster.pid (PID %d läuft nicht mehr)", pid)
	if err := os.Remove(c.pidFile()); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("pglocal: %w", err)
	}
	return nil
}

// foreignServerError says what to do about a server on our data folder that
// this process did not start.
func (c *Cluster) foreignServerError(pid int) error {
	as := ""
	if c.owner != nil {
		as = " (als Benutzer " + c.owner.name + ")"
	}
	return fmt.Errorf("pglocal: auf %s läuft ein PostgreSQL-Server (PID %d), den nicht dieser Planwerk-Prozess gestartet hat. "+
		"Läuft planwerk demo schon in einem anderen Fenster, dort mit Strg-C beenden; einen von Hand gestarteten Server "+
		"beenden mit%s: %s -D %s stop / a server this process did not start runs on the data folder: "+
		"stop the other planwerk, or stop it with pg_ctl", c.dataDir, pid, as, filepath.Join(c.binDir, "pg_ctl"), c.dataDir)
}

// livePostmaster reads the pid from dataDir's postmaster.pid (0 if there is
// none) and whether a postgres process still runs under it. It only looks:
// a pid from a file may by now belong to someone else, so it is never signalled.
func livePostmaster(dataDir string) (int, bool) {
	data, err := os.ReadFile(filepath.Join(dataDir, "postmaster.pid"))
	if err != nil {
		return 0, false
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(data), "\n", 2)[0]))
	return pid, pid > 0 && processAlive(pid)
}

func processAlive(pid int) bool {
	if pid == os.Getpid() {
		return false // the old server's pid was reused for us
	}
	err := syscall.Kill(pid, 0) // signal 0 only probes for existence
	if err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	return isPostgres(pid)
}

// initdb creates the cluster unless the data folder already holds one.
func (c *Cluster) initdb(ctx context.Context) error {
	if _, err := os.Stat(filepath.Join(c.dataDir, "PG_VERSION")); err == nil {
		return nil
	}
	c.logf("pglocal: lege PostgreSQL-Cluster in %s an", c.dataDir)
	args := []string{"-D", c.dataDir, "-A", "trust", "-U", "postgres", "--encoding=UTF8"}
	if c.ephemeral {
		args = append(args, "--no-sync")
	}
	out, err := c.run(ctx, "initdb", append(args, "--locale=C.UTF-8")...)
	if err == nil {
		return nil
	}
	// Without a C.UTF-8 locale (older glibc, some macOS setups) we still get
	// UTF8 with the byte-order C collation. initdb has emptied the folder.
	out2, err2 := c.run(ctx, "initdb", append(args, "--no-locale")...)
	if err2 != nil {
		return fmt.Errorf("pglocal: initdb fehlgeschlagen: %v\n%s\n%s", err2, out, out2)
	}
	return nil
}

func (c *Cluster) run(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, filepath.Join(c.binDir, name), args...)
	cmd.Dir = c.dataDir // a folder the postgres account may enter, unlike root's home
	cmd.SysProcAttr = procAttr(c.owner)
	return cmd.CombinedOutput()
}

// launch starts the postmaster. It deliberately ignores any context: the
// server must outlive the call that started it and stop only through Stop.
func (c *Cluster) launch() error {
	if _, err := os.Stat(c.logPath); errors.Is(err, os.ErrNotExist) {
		c.created = append(c.created, c.logPath)
	}
	logFile, err := os.OpenFile(c.logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("pglocal: %w", err)
	}
	defer logFile.Close() // the child keeps its own copy of the descriptor
	// The log belongs to the server's account, so that a server started by
	// hand (pg_ctl -l) can write it too.
	if err := c.owner.chown(c.logPath); err != nil {
		return err
	}
	args := []string{"-D", c.dataDir, "-k", c.socketDir,
		"-c", "listen_addresses=", "-c", "unix_socket_permissions=0777"}
	if c.ephemeral {
		args = append(args, "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=off")
	}
	cmd := exec.Command(filepath.Join(c.binDir, "postgres"), args...)
	cmd.Dir = c.dataDir
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = procAttr(c.owner)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("pglocal: postgres startet nicht: %w", err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait() // the exit status says nothing the log does not
		close(exited)
	}()
	c.mu.Lock()
	c.proc, c.exited, c.startedAt = cmd.Process, exited, time.Now()
	c.mu.Unlock()
	return nil
}

// waitReady polls postmaster.pid: its eighth line turns "ready" once the
// server accepts connections, which needs no client program and no TCP.
func (c *Cluster) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, startTimeout)
	defer cancel()
	proc, exited := c.current()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !c.ready(proc.Pid) {
		select {
		case <-exited:
			return fmt.Errorf("pglocal: PostgreSQL hat sich beim Start beendet / server exited during start%s", c.logTail())
		case <-ctx.Done():
			return fmt.Errorf("pglocal: PostgreSQL nicht rechtzeitig bereit / server not ready: %w%s", ctx.Err(), c.logTail())
		case <-tick.C:
		}
	}
	return nil
}

func (c *Cluster) ready(pid int) bool {
	data, err := os.ReadFile(c.pidFile())
	if err != nil {
		return false
	}
	lines := strings.Split(string(data), "\n")
	if len(lines) < 8 || strings.TrimSpace(lines[0]) != strconv.Itoa(pid) || strings.TrimSpace(lines[7]) != "ready" {
		return false
	}
	_, err = os.Stat(filepath.Join(c.socketDir, socketName))
	return err == nil
}

// logTail returns the end of the server log, to put the server's own reason
// into our error.
func (c *Cluster) logTail() string {
	data, err := os.ReadFile(c.logPath)
	if err != nil || len(data) == 0 {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > 20 {
		lines = lines[len(lines)-20:]
	}
	return fmt.Sprintf("\n--- %s (Ende) ---\n%s", c.logPath, strings.Join(lines, "\n"))
}
