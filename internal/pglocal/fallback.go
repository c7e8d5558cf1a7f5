package pglocal

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// DefaultFallbackDir holds clusters whose project folder the postgres account
// cannot reach; /var/lib is where a system keeps such state.
const DefaultFallbackDir = "/var/lib/planwerk"

// originFile, in a fallback folder, names the DataDir it stands in for, so
// that whoever looks into /var/lib/planwerk can tell the folders apart.
const originFile = "herkunft.txt"

// layout is where the pieces of a cluster live.
type layout struct {
	dataDir, socketDir, logPath string
	socketGiven                 bool   // Options.SocketDir was set: it stays where it is
	fallback                    string // the folder taking the cluster if dataDir is out of reach
}

func layoutFor(opts Options) (layout, error) {
	if opts.DataDir == "" {
		return layout{}, fmt.Errorf("pglocal: Options.DataDir fehlt")
	}
	dataDir, err := filepath.Abs(opts.DataDir)
	if err != nil {
		return layout{}, fmt.Errorf("pglocal: %w", err)
	}
	l := layout{dataDir: dataDir, socketDir: opts.SocketDir, socketGiven: opts.SocketDir != "",
		logPath: filepath.Join(filepath.Dir(dataDir), "postgres.log")}
	if !l.socketGiven {
		l.socketDir = filepath.Join(filepath.Dir(dataDir), "run")
	}
	if l.socketDir, err = filepath.Abs(l.socketDir); err != nil {
		return layout{}, fmt.Errorf("pglocal: %w", err)
	}
	root := opts.FallbackDir
	if root == "" {
		root = DefaultFallbackDir
	}
	// The path, not the folder's identity: the same clone keeps its cluster,
	// and a second clone of the project gets a cluster of its own.
	sum := sha256.Sum256([]byte(dataDir))
	l.fallback = filepath.Join(root, hex.EncodeToString(sum[:8]))
	return l, nil
}

// relocateIfUnreachable moves the cluster into the fallback folder when we
// run as root and the postgres account cannot walk down to the data folder.
// A cluster that already exists there is not abandoned for an empty one: the
// error then says which folder to open up.
func (c *Cluster) relocateIfUnreachable(l layout) error {
	o := c.owner
	reach := o.checkReachable(l.dataDir)
	if reach == nil {
		return nil
	}
	if _, err := os.Stat(filepath.Join(l.dataDir, "PG_VERSION")); err == nil {
		return reach
	}
	c.origin = l.dataDir
	c.dataDir = filepath.Join(l.fallback, "pgdata")
	c.logPath = filepath.Join(l.fallback, "postgres.log")
	if !l.socketGiven {
		c.socketDir = filepath.Join(l.fallback, "run")
	}
	c.logf("pglocal: %s ist für den Benutzer %s nicht erreichbar; die Datenbank liegt deshalb in %s", l.dataDir, o.name, l.fallback)
	return nil
}

func (c *Cluster) writeOrigin() error {
	if c.origin == "" {
		return nil
	}
	path := filepath.Join(filepath.Dir(c.dataDir), originFile)
	if err := os.WriteFile(path, []byte(c.origin+"\n"), 0o644); err != nil {
		return fmt.Errorf("pglocal: %w", err)
	}
	return nil
}

// Remove deletes the cluster Start would use for opts, in the project folder
// and in the fallback folder, and returns what it removed. It refuses while a
// server runs on either. Folders are removed only as far as Start makes them:
// other files beside the data folder stay.
func Remove(opts Options) ([]string, error) {
	l, err := layoutFor(opts)
	if err != nil {
		return nil, err
	}
	for _, dataDir := range []string{l.dataDir, filepath.Join(l.fallback, "pgdata")} {
		if pid, alive := livePostmaster(dataDir); alive {
			return nil, fmt.Errorf("pglocal: auf %s läuft noch ein PostgreSQL-Server (PID %d); bitte zuerst beenden "+
				"(Strg-C bei planwerk demo) / a server still runs on this data folder", dataDir, pid)
		}
	}
	paths := []string{l.dataDir, l.logPath, l.fallback}
	if !l.socketGiven {
		paths = append(paths, l.socketDir)
	}
	var removed []string
	var errs []error
	for _, p := range paths {
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err := os.RemoveAll(p); err != nil {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, p)
	}
	_ = os.Remove(filepath.Dir(l.fallback)) // only once no other project's cluster is left in it
	return removed, errors.Join(errs...)
}
