package pglocal

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A clone under /root (mode 0700) is the common case: the postgres account
// cannot enter it, so the cluster moves to a folder it can reach.
func TestUnreachableProjectFolderFallsBack(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root hands the server to the postgres account")
	}
	dir := baseDir(t)
	private := filepath.Join(dir, "privat")
	if err := os.Mkdir(private, 0o700); err != nil {
		t.Fatal(err)
	}
	// Short, as /var/lib/planwerk is: the socket lies in it too.
	short, err := os.MkdirTemp("", "pwfb-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(short) })
	if err := os.Chmod(short, 0o755); err != nil {
		t.Fatal(err)
	}
	fallback := filepath.Join(short, "planwerk")
	var logged []string
	opts := Options{DataDir: filepath.Join(private, ".local", "pgdata"), FallbackDir: fallback,
		Logf: func(f string, a ...any) { logged = append(logged, f); t.Logf(f, a...) }}
	c := start(t, opts)
	if !strings.HasPrefix(c.DataDir(), fallback+"/") || !strings.HasPrefix(c.SocketDir(), fallback+"/") ||
		!strings.HasPrefix(c.LogPath(), fallback+"/") {
		t.Fatalf("cluster not in the fallback folder %s: data %s, socket %s, log %s",
			fallback, c.DataDir(), c.SocketDir(), c.LogPath())
	}
	if !strings.Contains(strings.Join(logged, "\n"), "nicht erreichbar") {
		t.Errorf("no log line says where the cluster went: %q", logged)
	}
	assertOwnedByServer(t, c.LogPath())
	exec1(t, c, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('im Ausweichordner')")
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	c2 := start(t, opts)
	if c2.DataDir() != c.DataDir() {
		t.Errorf("second start uses %s, first used %s", c2.DataDir(), c.DataDir())
	}
	if got := query(t, c2, "SELECT v FROM kept"); got != "im Ausweichordner" {
		t.Errorf("after restart kept.v = %q", got)
	}
	if _, err := Remove(opts); err == nil {
		t.Error("Remove while the server runs: no error")
	}
	if err := c2.Stop(); err != nil {
		t.Fatal(err)
	}
	removed, err := Remove(opts)
	if err != nil {
		t.Fatalf("Remove: %v", err)
	}
	if len(removed) == 0 {
		t.Error("Remove reports nothing removed")
	}
	for _, p := range []string{c.DataDir(), c.SocketDir(), c.LogPath(), fallback} {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s survives Remove (stat: %v)", p, err)
		}
	}
}

func TestRemoveProjectLocalCluster(t *testing.T) {
	dir := baseDir(t)
	opts := Options{DataDir: filepath.Join(dir, ".local", "pgdata"), FallbackDir: filepath.Join(dir, "fallback")}
	c := start(t, opts)
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	keep := filepath.Join(dir, ".local", "notizen.txt")
	if err := os.WriteFile(keep, []byte("bleibt"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Remove(opts); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{c.DataDir(), c.SocketDir(), c.LogPath()} {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s survives Remove (stat: %v)", p, err)
		}
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("Remove deleted a file it did not create: %v", err)
	}
}

func assertOwnedByServer(t *testing.T, path string) {
	t.Helper()
	o, err := serverOwner()
	if err != nil || o == nil {
		return
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st := info.Sys().(*syscall.Stat_t); st.Uid != o.uid {
		t.Errorf("%s belongs to uid %d, not to %s: a server started by hand cannot write it", path, st.Uid, o.name)
	}
}
