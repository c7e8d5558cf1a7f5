package testdb

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// Hang makes the PostgreSQL server running on dataDir hang the way a server
// stuck on its disk does: every one of its processes is stopped with SIGSTOP,
// so connections stay open but nothing answers. resume continues them
// (SIGCONT); it also runs when the test ends, so no test leaves a stopped
// server behind.
//
// The postmaster is stopped first, so it forks no backend while its children
// are looked up, and continued last: until then it cannot reap a child that
// exits, so no child's pid can be reused while Hang holds it.
func Hang(t testing.TB, dataDir string) (resume func()) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("testdb.Hang reads /proc; Linux only")
	}
	pid, err := postmasterOf(dataDir)
	if err != nil {
		t.Fatalf("testdb.Hang: %v", err)
	}
	if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil {
		t.Fatalf("testdb.Hang: SIGSTOP: %v", err)
	}
	children, err := childrenOf(pid)
	signal := func(pids []int, sig syscall.Signal) {
		for _, p := range pids {
			if err := syscall.Kill(p, sig); err != nil {
				t.Errorf("testdb.Hang: %v an %d: %v", sig, p, err)
			}
		}
	}
	var once sync.Once
	resume = func() { once.Do(func() { signal(append(children, pid), syscall.SIGCONT) }) }
	t.Cleanup(resume)
	if err != nil {
		resume()
		t.Fatalf("testdb.Hang: %v", err)
	}
	signal(children, syscall.SIGSTOP)
	return resume
}

// postmasterOf reads the server's pid from postmaster.pid and makes sure it
// still is that server: a pid from the file may have been reused by an
// unrelated process once the server is gone, and that one must not be
// stopped. The server's command line names its data folder.
func postmasterOf(dataDir string) (int, error) {
	data, err := os.ReadFile(filepath.Join(dataDir, "postmaster.pid"))
	if err != nil {
		return 0, err
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(data), "\n", 2)[0]))
	if err != nil || pid <= 1 {
		return 0, fmt.Errorf("postmaster.pid in %s unlesbar / unreadable", dataDir)
	}
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil {
		return 0, fmt.Errorf("server %d not running: %w", pid, err)
	}
	if !strings.Contains(string(cmdline), "\x00"+dataDir+"\x00") {
		return 0, fmt.Errorf("PID %d is not the server of %s (PID reused?)", pid, dataDir)
	}
	return pid, nil
}

// childrenOf lists the processes whose parent is pid. Backends do not share
// the postmaster's process group (each makes its own), so they are found
// through their parent.
func childrenOf(pid int) ([]int, error) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil, err
	}
	var children []int
	for _, e := range entries {
		child, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if parent, err := parentOf(child); err == nil && parent == pid {
			children = append(children, child)
		}
	}
	return children, nil
}

// parentOf reads the fourth field of /proc/<pid>/stat; the second, the
// command name in parentheses, may itself contain spaces.
func parentOf(pid int) (int, error) {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	s := string(stat)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(fields) < 2 {
		return 0, fmt.Errorf("/proc/%d/stat unlesbar / unreadable", pid)
	}
	return strconv.Atoi(fields[1]) // state, ppid
}
