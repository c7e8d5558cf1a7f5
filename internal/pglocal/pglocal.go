// Package pglocal runs a project-local PostgreSQL server from the installed
// server programs, so that development and tests need neither a system-wide
// database service nor Docker. The server listens only on a unix socket.
package pglocal

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// maxSocketPath keeps the socket path clear of the unix limit (108 bytes on
// Linux, 104 on macOS, counting the terminating NUL).
const maxSocketPath = 100

// socketName is the file postgres creates in the socket folder; the port is
// part of the name even though the server listens on no TCP port.
const socketName = ".s.PGSQL.5432"

// Options configures Start.
type Options struct {
	// DataDir is the cluster folder, e.g. ".local/pgdata"; initdb fills it on
	// the first start.
	DataDir string
	// SocketDir holds the unix socket; default "run" beside DataDir.
	SocketDir string
	// FallbackDir takes the cluster when we run as root and the postgres
	// account cannot reach DataDir (a clone under /root, mode 0700): it then
	// lives in FallbackDir/<hash of DataDir>/. Default /var/lib/planwerk.
	FallbackDir string
	// Ephemeral is for tests: no fsync, and Stop removes everything Start
	// created.
	Ephemeral bool
	// Logf receives progress messages; nil discards them.
	Logf func(format string, args ...any)
	// Warnf receives what an operator should see: a crash of the server and
	// its restarts. nil sends them to Logf.
	Warnf func(format string, args ...any)

	restartDelay time.Duration // first delay before a restart; tests lengthen it
}

// Cluster is a running server started by Start. A supervisor restarts the
// server when it exits on its own (a crash, a kill), until Stop.
type Cluster struct {
	binDir    string
	dataDir   string
	socketDir string
	logPath   string
	// origin is the DataDir asked for when the cluster lives in the fallback
	// folder instead, "" otherwise.
	origin    string
	ephemeral bool
	owner     *owner
	logf      func(string, ...any)
	warnf     func(string, ...any)
	// created lists what Start made, in order, for an ephemeral Stop to remove.
	created []string
	// tempSocketDir is the short socket folder made when SocketDir was too
	// long; it is ours alone and always removed.
	tempSocketDir string

	mu        sync.Mutex
	proc      *os.Process   // the postmaster we started last; signalled only through this handle
	exited    chan struct{} // closed once proc has been reaped
	startedAt time.Time

	restartDelay   time.Duration
	stopping       chan struct{} // closed by Stop: the supervisor ends
	supervisorDone chan struct{} // closed when the supervisor has ended
	stopOnce       sync.Once
	stopErr        error
}

// Start initialises the cluster if needed, starts the server and returns once
// it accepts connections. ctx bounds only the start; the server runs until
// Stop.
func Start(ctx context.Context, opts Options) (*Cluster, error) {
	binDir, err := FindBinaries()
	if err != nil {
		return nil, err
	}
	o, err := serverOwner()
	if err != nil {
		return nil, err
	}
	c, err := newCluster(binDir, o, opts)
	if err != nil {
		return nil, err
	}
	if err := c.prepareDirs(); err != nil {
		c.cleanup()
		return nil, err
	}
	if err := c.startServer(ctx); err != nil {
		_ = c.Stop() // stops a half-started server and cleans up
		return nil, err
	}
	c.supervisorDone = make(chan struct{})
	go c.supervise()
	return c, nil
}

func (c *Cluster) startServer(ctx context.Context) error {
	if err := c.clearStalePID(); err != nil {
		return err
	}
	if err := c.initdb(ctx); err != nil {
		return err
	}
	if err := c.launch(); err != nil {
		return err
	}
	if err := c.waitReady(ctx); err != nil {
		return err
	}
	c.logf("pglocal: PostgreSQL bereit (PID %d, Socket %s)", c.PID(), c.socketDir)
	return nil
}

func newCluster(binDir string, o *owner, opts Options) (*Cluster, error) {
	l, err := layoutFor(opts)
	if err != nil {
		return nil, err
	}
	logf := opts.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	warnf := opts.Warnf
	if warnf == nil {
		warnf = logf
	}
	delay := opts.restartDelay
	if delay == 0 {
		delay = firstRestartDelay
	}
	c := &Cluster{binDir: binDir, dataDir: l.dataDir, socketDir: l.socketDir, logPath: l.logPath,
		ephemeral: opts.Ephemeral, owner: o, logf: logf, warnf: warnf,
		restartDelay: delay, stopping: make(chan struct{})}
	if err := c.relocateIfUnreachable(l); err != nil {
		return nil, err
	}
	return c, nil
}

// prepareDirs creates the folders, hands those we create to the server's
// account, and checks that the account can reach them.
func (c *Cluster) prepareDirs() error {
	o := c.owner
	if len(c.socketDir)+1+len(socketName) >= maxSocketPath {
		// Deep project or test folders overflow the unix socket path limit;
		// a short private folder under the temp dir always fits. Stop removes it.
		dir, err := os.MkdirTemp("", "pgsock-")
		if err != nil {
			return fmt.Errorf("pglocal: %w", err)
		}
		c.logf("pglocal: Socket-Pfad unter %s zu lang, nutze %s", c.socketDir, dir)
		c.socketDir = dir
		c.tempSocketDir = dir
		if err := o.chown(dir); err != nil {
			return err
		}
	}
	if err := c.ensureDir(filepath.Dir(c.dataDir), 0o755, nil); err != nil {
		return err
	}
	if err := c.ensureDir(c.dataDir, 0o700, o); err != nil {
		return err
	}
	if err := c.ensureDir(c.socketDir, 0o700, o); err != nil {
		return err
	}
	if err := o.checkReachable(c.dataDir); err != nil {
		return err
	}
	if err := o.checkReachable(c.socketDir); err != nil {
		return err
	}
	return c.writeOrigin()
}

// ensureDir creates dir if missing and gives it to o. An existing folder is
// handed over only while empty: it cannot hold anything of the user's then,
// and a folder such as /tmp passed as SocketDir must keep its owner.
func (c *Cluster) ensureDir(dir string, perm os.FileMode, o *owner) error {
	entries, err := os.ReadDir(dir)
	switch {
	case os.IsNotExist(err):
		if err := os.MkdirAll(dir, perm); err != nil {
			return fmt.Errorf("pglocal: %w", err)
		}
		c.created = append(c.created, dir)
		return o.chown(dir)
	case err != nil:
		return fmt.Errorf("pglocal: %w", err)
	case len(entries) == 0:
		return o.chown(dir)
	}
	return nil
}

// URL returns a pgx/libpq connection URL for dbname over the unix socket,
// as the superuser postgres (local trust authentication, no password).
func (c *Cluster) URL(dbname string) string {
	host := strings.ReplaceAll(url.QueryEscape(c.socketDir), "%2F", "/")
	return "postgres://postgres@/" + url.PathEscape(dbname) + "?host=" + host + "&sslmode=disable"
}

// PID is the process id of the postmaster started last; it changes when the
// supervisor restarts the server.
func (c *Cluster) PID() int {
	proc, _ := c.current()
	if proc == nil {
		return 0
	}
	return proc.Pid
}

// current returns the postmaster started last and the channel closed when it
// has exited; nil before the first launch.
func (c *Cluster) current() (*os.Process, chan struct{}) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.proc, c.exited
}

// DataDir is the absolute cluster folder.
func (c *Cluster) DataDir() string { return c.dataDir }

// SocketDir is the absolute folder holding the unix socket.
func (c *Cluster) SocketDir() string { return c.socketDir }

// LogPath is the server's log file.
func (c *Cluster) LogPath() string { return c.logPath }
