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
	// Ephemeral is for tests: no fsync, and Stop removes everything Start
	// created.
	Ephemeral bool
	// Logf receives progress messages; nil discards them.
	Logf func(format string, args ...any)
}

// Cluster is a running server started by Start.
type Cluster struct {
	binDir    string
	dataDir   string
	socketDir string
	logPath   string
	ephemeral bool
	logf      func(string, ...any)
	// created lists what Start made, in order, for an ephemeral Stop to remove.
	created []string
	// tempSocketDir is the short socket folder made when SocketDir was too
	// long; it is ours alone and always removed.
	tempSocketDir string

	pid      int
	exited   chan struct{} // closed once the postmaster has been reaped
	stopOnce sync.Once
	stopErr  error
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
	c, err := newCluster(binDir, opts)
	if err != nil {
		return nil, err
	}
	if err := c.prepareDirs(o); err != nil {
		c.cleanup()
		return nil, err
	}
	if err := c.startServer(ctx, o); err != nil {
		if c.exited != nil {
			_ = c.Stop() // also cleans up
		} else {
			c.cleanup()
		}
		return nil, err
	}
	return c, nil
}

func (c *Cluster) startServer(ctx context.Context, o *owner) error {
	if err := c.clearStalePID(); err != nil {
		return err
	}
	if err := c.initdb(ctx, o); err != nil {
		return err
	}
	if err := c.launch(o); err != nil {
		return err
	}
	if err := c.waitReady(ctx); err != nil {
		return err
	}
	c.logf("pglocal: PostgreSQL bereit (PID %d, Socket %s)", c.pid, c.socketDir)
	return nil
}

func newCluster(binDir string, opts Options) (*Cluster, error) {
	if opts.DataDir == "" {
		return nil, fmt.Errorf("pglocal: Options.DataDir fehlt")
	}
	dataDir, err := filepath.Abs(opts.DataDir)
	if err != nil {
		return nil, fmt.Errorf("pglocal: %w", err)
	}
	socketDir := opts.SocketDir
	if socketDir == "" {
		socketDir = filepath.Join(filepath.Dir(dataDir), "run")
	}
	if socketDir, err = filepath.Abs(socketDir); err != nil {
		return nil, fmt.Errorf("pglocal: %w", err)
	}
	logf := opts.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	return &Cluster{
		binDir:    binDir,
		dataDir:   dataDir,
		socketDir: socketDir,
		logPath:   filepath.Join(filepath.Dir(dataDir), "postgres.log"),
		ephemeral: opts.Ephemeral,
		logf:      logf,
	}, nil
}

// prepareDirs creates the folders, hands those we create to the server's
// account, and checks that the account can reach them.
func (c *Cluster) prepareDirs(o *owner) error {
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
	return o.checkReachable(c.socketDir)
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

// PID is the postmaster's process id.
func (c *Cluster) PID() int { return c.pid }

// DataDir is the absolute cluster folder.
func (c *Cluster) DataDir() string { return c.dataDir }

// SocketDir is the absolute folder holding the unix socket.
func (c *Cluster) SocketDir() string { return c.socketDir }

// LogPath is the server's log file.
func (c *Cluster) LogPath() string { return c.logPath }
