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
	quitTimeout     = 5 * time.Second
)

func (c *Cluster) pidFile() string { return filepath.Join(c.dataDir, "postmaster.pid") }

// clearStalePID removes the lock file a crashed server left behind, and
// refuses to start a second server on a data folder that is in use.
func (c *Cluster) clearStalePID() error {
	data, err := os.ReadFile(c.pidFile())
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("pglocal: %w", err)
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(data), "\n", 2)[0]))
	if pid > 0 && processAlive(pid) {
		return fmt.Errorf("pglocal: für %s läuft bereits ein PostgreSQL-Server (PID %d); bitte zuerst beenden "+
			"/ a server already runs on this data folder", c.dataDir, pid)
	}
	c.logf("pglocal: entferne veraltete postmaster.pid (PID %d läuft nicht mehr)", pid)
	if err := os.Remove(c.pidFile()); err != nil {
		return fmt.Errorf("pglocal: %w", err)
	}
	return nil
}

func processAlive(pid int) bool {
	if pid == os.Getpid() {
		return false // the old server's pid was reused for us
	}
	err := syscall.Kill(pid, 0)
	if err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	return isPostgres(pid)
}

// initdb creates the cluster unless the data folder already holds one.
func (c *Cluster) initdb(ctx context.Context, o *owner) error {
	if _, err := os.Stat(filepath.Join(c.dataDir, "PG_VERSION")); err == nil {
		return nil
	}
	c.logf("pglocal: lege PostgreSQL-Cluster in %s an", c.dataDir)
	args := []string{"-D", c.dataDir, "-A", "trust", "-U", "postgres", "--encoding=UTF8"}
	if c.ephemeral {
		args = append(args, "--no-sync")
	}
	out, err := c.run(ctx, o, "initdb", append(args, "--locale=C.UTF-8")...)
	if err == nil {
		return nil
	}
	// Without a C.UTF-8 locale (older glibc, some macOS setups) we still get
	// UTF8 with the byte-order C collation. initdb has emptied the folder.
	out2, err2 := c.run(ctx, o, "initdb", append(args, "--no-locale")...)
	if err2 != nil {
		return fmt.Errorf("pglocal: initdb fehlgeschlagen: %v\n%s\n%s", err2, out, out2)
	}
	return nil
}

func (c *Cluster) run(ctx context.Context, o *owner, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, filepath.Join(c.binDir, name), args...)
	cmd.Dir = c.dataDir // a folder the postgres account may enter, unlike root's home
	cmd.SysProcAttr = procAttr(o)
	return cmd.CombinedOutput()
}

// launch starts the postmaster. It deliberately ignores any context: the
// server must outlive the call that started it and stop only through Stop.
func (c *Cluster) launch(o *owner) error {
	if _, err := os.Stat(c.logPath); errors.Is(err, os.ErrNotExist) {
		c.created = append(c.created, c.logPath)
	}
	logFile, err := os.OpenFile(c.logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("pglocal: %w", err)
	}
	defer logFile.Close() // the child keeps its own copy of the descriptor
	args := []string{"-D", c.dataDir, "-k", c.socketDir,
		"-c", "listen_addresses=", "-c", "unix_socket_permissions=0777"}
	if c.ephemeral {
		args = append(args, "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=off")
	}
	cmd := exec.Command(filepath.Join(c.binDir, "postgres"), args...)
	cmd.Dir = c.dataDir
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = procAttr(o)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("pglocal: postgres startet nicht: %w", err)
	}
	c.pid = cmd.Process.Pid
	c.exited = make(chan struct{})
	go func() {
		_ = cmd.Wait() // the exit status says nothing the log does not
		close(c.exited)
	}()
	return nil
}

// waitReady polls postmaster.pid: its eighth line turns "ready" once the
// server accepts connections, which needs no client program and no TCP.
func (c *Cluster) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, startTimeout)
	defer cancel()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !c.ready() {
		select {
		case <-c.exited:
			return fmt.Errorf("pglocal: PostgreSQL hat sich beim Start beendet / server exited during start%s", c.logTail())
		case <-ctx.Done():
			return fmt.Errorf("pglocal: PostgreSQL nicht rechtzeitig bereit / server not ready: %w%s", ctx.Err(), c.logTail())
		case <-tick.C:
		}
	}
	return nil
}

func (c *Cluster) ready() bool {
	data, err := os.ReadFile(c.pidFile())
	if err != nil {
		return false
	}
	lines := strings.Split(string(data), "\n")
	if len(lines) < 8 || strings.TrimSpace(lines[0]) != strconv.Itoa(c.pid) || strings.TrimSpace(lines[7]) != "ready" {
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

// Stop shuts the server down and waits until it and its backends are gone;
// an ephemeral cluster then removes what Start created. Calling it again
// returns the first result.
func (c *Cluster) Stop() error {
	c.stopOnce.Do(func() {
		c.stopErr = c.shutdown()
		c.cleanup()
	})
	return c.stopErr
}

// shutdown asks for a fast shutdown (SIGINT: abort open transactions,
// disconnect, checkpoint), then an immediate one (SIGQUIT), and finally kills
// the whole process group, so nothing is left running whatever state the
// server is in.
func (c *Cluster) shutdown() error {
	_ = syscall.Kill(c.pid, syscall.SIGINT) // fails only if it is already gone
	if c.waitExit(shutdownTimeout) {
		return nil
	}
	c.logf("pglocal: PostgreSQL beendet sich nicht, sende SIGQUIT")
	_ = syscall.Kill(c.pid, syscall.SIGQUIT)
	if c.waitExit(quitTimeout) {
		return nil
	}
	_ = syscall.Kill(-c.pid, syscall.SIGKILL) // negative: the process group
	<-c.exited
	return fmt.Errorf("pglocal: PostgreSQL (PID %d) musste mit SIGKILL beendet werden%s", c.pid, c.logTail())
}

func (c *Cluster) waitExit(d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-c.exited:
		return true
	case <-timer.C:
		return false
	}
}

func (c *Cluster) cleanup() {
	if c.tempSocketDir != "" {
		_ = os.RemoveAll(c.tempSocketDir)
	}
	if c.ephemeral {
		c.removeCreated()
	}
}

// removeCreated deletes, newest first, what Start created. Only the data and
// socket folders are removed with their contents; any other folder only if it
// is empty, so files someone else put there survive.
func (c *Cluster) removeCreated() {
	for i := len(c.created) - 1; i >= 0; i-- {
		path := c.created[i]
		if path == c.dataDir || path == c.socketDir {
			_ = os.RemoveAll(path)
		} else {
			_ = os.Remove(path)
		}
	}
	c.created = nil
}
