package pglocal

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// Stop ends the supervisor, shuts the server down and waits until it is gone;
// an ephemeral cluster then removes what Start created. Calling it again
// returns the first result. It fails when a server that is not ours runs on
// the data folder (one started by hand while ours was down): that one is
// left running, and the error says so, rather than claiming a clean stop.
func (c *Cluster) Stop() error {
	c.stopOnce.Do(func() {
		close(c.stopping)
		if c.supervisorDone != nil {
			<-c.supervisorDone // no restart can race with the shutdown below
		}
		c.stopErr = c.shutdown()
		c.cleanup()
	})
	return c.stopErr
}

func (c *Cluster) shutdown() error {
	proc, exited := c.current()
	if proc == nil {
		return nil // never launched
	}
	err := terminate(proc, exited, c.logf)
	if err != nil {
		err = fmt.Errorf("%w%s", err, c.logTail())
	}
	if pid, alive := livePostmaster(c.dataDir); alive && pid != proc.Pid {
		err = errors.Join(err, c.foreignServerError(pid))
	}
	return err
}

// terminate stops the postmaster we hold. It signals only through proc, the
// handle of the process we started and reap ourselves, so a signal can never
// reach a process that has taken over a reused pid. The postmaster ends its
// children itself (they run in process groups of their own, out of reach of
// a group signal): SIGINT asks for a fast shutdown (abort transactions,
// disconnect, checkpoint), SIGQUIT for an immediate one, after which it kills
// children that linger. SIGKILL of the postmaster is the last resort; its
// children then notice its death and exit on their own.
func terminate(proc *os.Process, exited <-chan struct{}, logf func(string, ...any)) error {
	if waitExit(exited, 0) {
		return nil // it had already exited: a crash not yet followed by a restart
	}
	_ = proc.Signal(syscall.SIGINT) // fails only if it has exited meanwhile
	if waitExit(exited, shutdownTimeout) {
		return nil
	}
	logf("pglocal: PostgreSQL beendet sich nicht, sende SIGQUIT")
	_ = proc.Signal(syscall.SIGQUIT)
	if waitExit(exited, quitTimeout) {
		return nil
	}
	_ = proc.Kill()
	<-exited
	return fmt.Errorf("pglocal: PostgreSQL (PID %d) musste mit SIGKILL beendet werden", proc.Pid)
}

func waitExit(exited <-chan struct{}, d time.Duration) bool {
	if d <= 0 {
		select {
		case <-exited:
			return true
		default:
			return false
		}
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-exited:
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
