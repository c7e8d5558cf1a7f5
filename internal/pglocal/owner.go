package pglocal

import (
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// owner is the OS account the server runs as when we are root, because
// initdb and postgres refuse to run as root. nil means "the current user",
// and every method is then a no-op.
type owner struct {
	name     string
	uid, gid uint32
}

func serverOwner() (*owner, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, errors.New("pglocal: als root läuft PostgreSQL nur unter dem Benutzer „postgres“, den es nicht gibt " +
			"(er entsteht mit dem Paket postgresql) / running as root needs the OS user postgres")
	}
	uid, errU := strconv.ParseUint(u.Uid, 10, 32)
	gid, errG := strconv.ParseUint(u.Gid, 10, 32)
	if errU != nil || errG != nil {
		return nil, fmt.Errorf("pglocal: unerwartete uid/gid %q/%q des Benutzers postgres", u.Uid, u.Gid)
	}
	return &owner{name: u.Username, uid: uint32(uid), gid: uint32(gid)}, nil
}

// credential makes a child process drop root for the postgres account; the
// empty group list also drops root's supplementary groups.
func (o *owner) credential() *syscall.Credential {
	if o == nil {
		return nil
	}
	return &syscall.Credential{Uid: o.uid, Gid: o.gid, Groups: []uint32{}}
}

func (o *owner) chown(path string) error {
	if o == nil {
		return nil
	}
	if err := os.Chown(path, int(o.uid), int(o.gid)); err != nil {
		return fmt.Errorf("pglocal: %w", err)
	}
	return nil
}

// checkReachable fails early, with the folder to fix, when the postgres
// account could not walk down to path: otherwise initdb or the server would
// die with a bare "permission denied" deep in their log.
func (o *owner) checkReachable(path string) error {
	if o == nil {
		return nil
	}
	for dir := path; ; dir = filepath.Dir(dir) {
		if !o.canTraverse(dir) {
			return fmt.Errorf("pglocal: der Ordner %s ist für den Benutzer %s nicht betretbar (z. B. chmod o+x %s) "+
				"/ folder not traversable by the postgres user", dir, o.name, dir)
		}
		if dir == filepath.Dir(dir) {
			return nil
		}
	}
}

func (o *owner) canTraverse(dir string) bool {
	info, err := os.Stat(dir)
	if err != nil {
		return true // a missing folder is created by us later, owned as needed
	}
	perm := info.Mode().Perm()
	st, ok := info.Sys().(*syscall.Stat_t)
	switch {
	case perm&0o001 != 0:
		return true
	case ok && st.Uid == o.uid:
		return perm&0o100 != 0
	case ok && st.Gid == o.gid:
		return perm&0o010 != 0
	}
	return false
}
