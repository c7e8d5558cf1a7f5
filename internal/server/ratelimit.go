package server

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"
)

// rateLimits bounds how often one client address may use the public routes
// that cost the database most or guard a secret: search, open data and the
// confirmation links. Each kind has its own budget per address.
type rateLimits struct {
	mu      sync.Mutex
	clients map[string]*clientLimit
	swept   time.Time
	now     func() time.Time
}

type clientLimit struct {
	lim  *rate.Limiter
	seen time.Time
}

// limitKind is one budget: a steady rate and a burst. The burst lets a
// person click through a search or answer a link without ever noticing;
// the rate is what a script gets after it.
type limitKind struct {
	name  string
	every rate.Limit
	burst int
}

var (
	limitSearch  = limitKind{"search", 3, 40}
	limitData    = limitKind{"data", 5, 60}
	limitConfirm = limitKind{"confirm", 0.2, 20}
)

// maxClients bounds the memory the limiter holds: past it, idle entries go
// first, and if every entry is busy the table starts afresh.
const maxClients = 50000

// newRateLimits counts on now, the wall clock: budgets refill in real time,
// whatever day the application's business clock says it is.
func newRateLimits(now func() time.Time) *rateLimits {
	return &rateLimits{clients: map[string]*clientLimit{}, now: now}
}

// wait reports how long addr must wait before its next request of kind, 0
// when it may go now (the request is then counted).
func (rl *rateLimits) wait(kind limitKind, addr string) time.Duration {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	now := rl.now()
	rl.sweep(now)
	key := kind.name + " " + addr
	cl, ok := rl.clients[key]
	if !ok {
		cl = &clientLimit{lim: rate.NewLimiter(kind.every, kind.burst)}
		rl.clients[key] = cl
	}
	cl.seen = now
	r := cl.lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return d
	}
	return 0
}

// sweep forgets addresses idle for ten minutes (their budget is full again
// by then), at most once a minute, or at once when the table is full.
func (rl *rateLimits) sweep(now time.Time) {
	if now.Sub(rl.swept) < time.Minute && len(rl.clients) < maxClients {
		return
	}
	rl.swept = now
	for k, cl := range rl.clients {
		if now.Sub(cl.seen) > 10*time.Minute {
			delete(rl.clients, k)
		}
	}
	if len(rl.clients) >= maxClients {
		rl.clients = map[string]*clientLimit{}
	}
}

// limited answers 429 with Retry-After when the client's address has used up
// its budget of kind, else runs h. The address is clientAddress's: the
// connection's, or the client a trusted proxy names.
func (s *Server) limited(kind limitKind, h gin.HandlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		if s.refusedByLimit(kind, c.Writer, c.Request) {
			s.renderError(c, http.StatusTooManyRequests, "public.err.tooMany")
			c.Abort()
			return
		}
		h(c)
	}
}

// refusedByLimit counts r against its client's budget of kind; when it is
// used up it sets Retry-After on w and reports true (the caller answers 429
// in its own format).
func (s *Server) refusedByLimit(kind limitKind, w http.ResponseWriter, r *http.Request) bool {
	d := s.limits.wait(kind, s.clientAddress(r))
	if d <= 0 {
		return false
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(d.Seconds()))))
	return true
}
