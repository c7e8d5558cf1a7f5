package pglocal

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// procAttr puts a child in its own process group, so that Ctrl-C on the
// terminal reaches only us and we can stop the server in order. Pdeathsig
// asks the kernel to send SIGTERM (a "smart" shutdown, which completes because
// our connections die with us) should we crash without calling Stop. Go sets
// it after switching the credentials, so it survives the drop from root.
// The kernel ties it to the forking thread; Go only retires threads of
// goroutines that exit while locked to them, which this package never does.
func procAttr(o *owner) *syscall.SysProcAttr {
	return &syscall.SysProcAttr{
		Setpgid:    true,
		Pdeathsig:  syscall.SIGTERM,
		Credential: o.credential(),
	}
}

// isPostgres guards against PID reuse after a crash: a pid from a stale
// postmaster.pid may by now belong to an unrelated process. The comm name is
// the executable's, not the title postgres rewrites into its argv.
func isPostgres(pid int) bool {
	comm, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/comm")
	if err != nil {
		return true // cannot tell: assume it is, and refuse rather than clobber
	}
	return strings.TrimSpace(string(comm)) == "postgres"
}
