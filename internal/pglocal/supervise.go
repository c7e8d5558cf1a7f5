package pglocal

import (
	"context"
	"strings"
	"time"
)

// A crashed server is restarted after firstRestartDelay, each further attempt
// waiting twice as long up to maxRestartDelay, so a server that cannot start
// (a full disk, a hand-started server on the folder) is retried calmly rather
// than in a loop. A server that ran for stableAfter counts as healthy again
// and gets the short delay on its next crash.
const (
	firstRestartDelay = 500 * time.Millisecond
	maxRestartDelay   = 30 * time.Second
	stableAfter       = time.Minute
)

// supervise restarts the server whenever it exits without Stop having asked.
// Restarting rather than giving up suits a demo and a development machine:
// the app keeps running, /readyz answers 503 for the moment and 200 again
// once the server is back, without anyone restarting anything by hand.
func (c *Cluster) supervise() {
	defer close(c.supervisorDone)
	delay := c.restartDelay
	for {
		proc, exited := c.current()
		select {
		case <-c.stopping:
			return
		case <-exited:
		}
		if c.ranFor() >= stableAfter {
			delay = c.restartDelay
		}
		c.warnf("pglocal: PostgreSQL (PID %d) hat sich unerwartet beendet; Neustart in %s (Protokoll: %s)",
			proc.Pid, delay, c.logPath)
		for {
			if !c.pause(delay) {
				return
			}
			delay = min(2*delay, maxRestartDelay)
			err := c.restart()
			if err == nil {
				break
			}
			c.warnf("pglocal: Neustart von PostgreSQL fehlgeschlagen, nächster Versuch in %s: %s", delay, firstLine(err))
		}
	}
}

func (c *Cluster) ranFor() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Since(c.startedAt)
}

// pause waits d unless Stop comes first; it reports whether to go on.
func (c *Cluster) pause(d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-c.stopping:
		return false
	case <-timer.C:
		return true
	}
}

// restart launches the server again on the existing cluster. A server that
// does not become ready is stopped again before the next attempt, so at most
// one postmaster of ours exists at any time.
func (c *Cluster) restart() error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { // Stop during the start cuts the wait short
		select {
		case <-c.stopping:
			cancel()
		case <-ctx.Done():
		}
	}()
	if err := c.clearStalePID(); err != nil {
		return err
	}
	if err := c.launch(); err != nil {
		return err
	}
	if err := c.waitReady(ctx); err != nil {
		proc, exited := c.current()
		_ = terminate(proc, exited, c.logf)
		return err
	}
	c.warnf("pglocal: PostgreSQL neu gestartet (PID %d)", c.PID())
	return nil
}

func firstLine(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return msg
}
