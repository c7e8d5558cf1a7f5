package postgres

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/puddle/v2"
)

// health notices when the database stops answering and when it answers
// again, and logs each once: during an outage every request fails, and one
// error line per request would bury everything else in the log. Each
// request still gets its own request-log line with its status.
type health struct {
	log  *slog.Logger
	down atomic.Bool // the fast path: one load per statement while all is well

	mu        sync.Mutex
	downSince time.Time
	failures  int
}

func newHealth(log *slog.Logger) *health {
	if log == nil {
		return nil
	}
	return &health{log: log}
}

// observe records the outcome of talking to the server. A nil health (a DB
// built by NewDB) observes nothing.
func (h *health) observe(err error) {
	if h == nil {
		return
	}
	var pgErr *pgconn.PgError
	switch {
	case err == nil:
		h.answered()
	case unreachable(err):
		h.failed(err)
	case errors.As(err, &pgErr):
		h.answered() // an error from the server is an answer
	}
}

func (h *health) failed(err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.failures++
	if h.down.Load() {
		return
	}
	h.down.Store(true)
	h.downSince = time.Now()
	h.log.Error("database unavailable: pages answer 503 until it answers again",
		"err", rootCause(err))
}

func (h *health) answered() {
	if !h.down.Load() {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.down.Load() {
		return
	}
	h.down.Store(false)
	h.log.Info("database available again", "outage", time.Since(h.downSince).Round(time.Millisecond),
		"failed_accesses", h.failures)
	h.failures = 0
}

// unreachable reports errors that say the server cannot serve: it did not
// answer, is going away, or has run out of disk or memory. A request
// its client abandoned, or a pool closed during shutdown, says nothing about
// the server.
func unreachable(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, puddle.ErrClosedPool) {
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return serverGoingAway(pgErr.Code)
	}
	return isUnavailable(err)
}
