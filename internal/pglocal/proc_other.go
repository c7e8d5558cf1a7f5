//go:build !linux

package pglocal

import "syscall"

// procAttr puts a child in its own process group, so that Ctrl-C on the
// terminal reaches only us and we can stop the server in order. Outside
// Linux there is no parent-death signal: a crashed parent leaves the server
// running, and the next Start reports it with its pid.
func procAttr(o *owner) *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Credential: o.credential()}
}

// isPostgres cannot look behind a pid without /proc, so it trusts it.
func isPostgres(int) bool { return true }
