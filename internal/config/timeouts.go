package config

import (
	"fmt"
	"time"
)

// Timeouts bound the waits a hung or crashed database would otherwise make
// endless: users get the 503 page within a few seconds, and a shutdown
// finishes whatever the database does.
type Timeouts struct {
	// RequestTimeout (PLANWERK_REQUEST_TIMEOUT) is the deadline of every
	// request; a page whose database does not answer by then shows the 503
	// page. It stays well below the HTTP server's write timeout
	// (MaxRequestTimeout), so that the error page still reaches the user.
	RequestTimeout time.Duration
	// DBAcquireTimeout (PLANWERK_DB_ACQUIRE_TIMEOUT) bounds the wait for a
	// free database connection.
	DBAcquireTimeout time.Duration
	// DBStatementTimeout and DBLockTimeout (PLANWERK_DB_STATEMENT_TIMEOUT,
	// PLANWERK_DB_LOCK_TIMEOUT) become PostgreSQL's statement_timeout and
	// lock_timeout; 0 leaves the database server's own setting.
	DBStatementTimeout time.Duration
	DBLockTimeout      time.Duration
	// ShutdownTimeout (PLANWERK_SHUTDOWN_TIMEOUT) is the grace period open
	// requests get after SIGTERM or Ctrl-C; then they are cancelled and the
	// database pool is closed regardless.
	ShutdownTimeout time.Duration
}

// MaxRequestTimeout is the longest request deadline accepted: half the HTTP
// server's write timeout, leaving time to render and send the answer.
const MaxRequestTimeout = WriteTimeout / 2

// WriteTimeout is the HTTP server's limit for answering one request.
const WriteTimeout = 60 * time.Second

// DefaultTimeouts answer within the 5 s budget for a hung database (docs/operations.md).
var DefaultTimeouts = Timeouts{
	RequestTimeout:     4 * time.Second,
	DBAcquireTimeout:   2 * time.Second,
	DBStatementTimeout: 5 * time.Second,
	DBLockTimeout:      2 * time.Second,
	ShutdownTimeout:    10 * time.Second,
}

// load reads the timeouts and returns what is wrong with them.
func (t *Timeouts) load(getenv func(string) string) []string {
	var problems []string
	problems = appendDuration(problems, &t.RequestTimeout, "PLANWERK_REQUEST_TIMEOUT", getenv)
	problems = appendDuration(problems, &t.DBAcquireTimeout, "PLANWERK_DB_ACQUIRE_TIMEOUT", getenv)
	problems = appendDuration(problems, &t.ShutdownTimeout, "PLANWERK_SHUTDOWN_TIMEOUT", getenv)
	problems = appendDurationOrZero(problems, &t.DBStatementTimeout, "PLANWERK_DB_STATEMENT_TIMEOUT", getenv)
	problems = appendDurationOrZero(problems, &t.DBLockTimeout, "PLANWERK_DB_LOCK_TIMEOUT", getenv)
	if t.RequestTimeout > MaxRequestTimeout {
		problems = append(problems, fmt.Sprintf("PLANWERK_REQUEST_TIMEOUT=%s: höchstens %s", t.RequestTimeout, MaxRequestTimeout))
	}
	return problems
}

// appendDurationOrZero is appendDuration for settings where 0 means "none".
func appendDurationOrZero(problems []string, dst *time.Duration, name string, getenv func(string) string) []string {
	v := getenv(name)
	if v == "" {
		return problems
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return append(problems, fmt.Sprintf("%s=%q: erwartet eine Dauer wie 5s oder 0 (keine Grenze)", name, v))
	}
	*dst = d
	return problems
}
