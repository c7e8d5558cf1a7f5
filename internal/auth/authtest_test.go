package auth_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/auth"
	"github.com/planwerk/planwerk/internal/auth/oidctest"
	"github.com/planwerk/planwerk/internal/config"
	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/testdb"
)

// harness is the app's sign-in mounted on a real HTTP server with real
// sessions in PostgreSQL, signing in at a test provider.
type harness struct {
	t   *testing.T
	idp *oidctest.Provider
	db  *postgres.DB
	// count and exec run SQL on the test database (closures, so this
	// package's tests need not import pgx, which only postgres may).
	count  func(sql string, args ...any) int
	exec   func(sql string, args ...any)
	auth   *auth.Authenticator
	app    *httptest.Server
	logs   *syncBuffer
	offset atomic.Int64 // added to the authenticator's clock
}

// newHarness starts provider and app; tweak runs before the authenticator
// is built and may adjust its configuration.
func newHarness(t *testing.T, tweak func(*harness, *auth.Config)) *harness {
	t.Helper()
	h := &harness{t: t, idp: oidctest.NewProvider(t), logs: &syncBuffer{}}
	pool := testdb.New(t)
	h.db = postgres.NewDB(pool)
	h.count = func(sql string, args ...any) int {
		t.Helper()
		var n int
		if err := pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	h.exec = func(sql string, args ...any) {
		t.Helper()
		if _, err := pool.Exec(context.Background(), sql, args...); err != nil {
			t.Fatal(err)
		}
	}
	h.app = httptest.NewUnstartedServer(nil)
	cfg := auth.Config{
		Issuer: h.idp.Issuer(), ClientID: oidctest.ClientID, ClientSecret: oidctest.ClientSecret,
		PublicURL: "http://" + h.app.Listener.Addr().String(), RoleClaim: "groups",
		RoleMap: map[string]config.RoleGrant{
			"pw-duelmen": {Role: "coordinator", OrgSlug: "duelmen"},
			"pw-ki":      {Role: "ki", OrgSlug: "kreis"},
			"pw-ghost":   {Role: "ki", OrgSlug: "atlantis"}, // a misconfigured entry
		},
		Idle: time.Hour, Lifetime: 12 * time.Hour,
	}
	if tweak != nil {
		tweak(h, &cfg)
	}
	log := slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	h.auth = auth.New(cfg, h.db, h.db.SessionStore(), log)
	auth.SetClock(h.auth, func() time.Time { return time.Now().Add(time.Duration(h.offset.Load())) })
	h.app.Config.Handler = h.auth.Wrap(h.routes())
	h.app.Start()
	t.Cleanup(h.app.Close)
	h.exec(`INSERT INTO organisations (slug, name, kind) VALUES ('kreis', 'Kreis Coesfeld', 'county'), ('duelmen', 'Dülmen', 'municipality')`)
	return h
}

// routes mounts the sign-in the way the server does.
func (h *harness) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /anmelden", func(w http.ResponseWriter, r *http.Request) {
		target, err := h.auth.LoginURL(r.Context(), r.URL.Query().Get("next"))
		if err != nil {
			writeError(w, err)
			return
		}
		http.Redirect(w, r, target, http.StatusSeeOther)
	})
	mux.HandleFunc("GET "+auth.CallbackPath, func(w http.ResponseWriter, r *http.Request) {
		next, err := h.auth.Finish(r.Context(), r.URL.Query())
		if err != nil {
			writeError(w, err)
			return
		}
		http.Redirect(w, r, next, http.StatusSeeOther)
	})
	mux.HandleFunc("POST /abmelden", func(w http.ResponseWriter, r *http.Request) {
		target, err := h.auth.Logout(r.Context())
		if err != nil {
			writeError(w, err)
			return
		}
		http.Redirect(w, r, target, http.StatusSeeOther)
	})
	mux.HandleFunc("GET /ich", func(w http.ResponseWriter, r *http.Request) {
		id, ok := h.auth.UserID(r.Context())
		if !ok {
			http.Error(w, "nicht angemeldet", http.StatusUnauthorized)
			return
		}
		fmt.Fprint(w, id)
	})
	return mux
}

// writeError answers as the server's error mapping would, with the code in
// the body so tests can check which error it was.
func writeError(w http.ResponseWriter, err error) {
	status := map[domain.Code]int{domain.CodeInvalid: http.StatusBadRequest, domain.CodeUnavailable: http.StatusServiceUnavailable}[domain.ErrorCode(err)]
	if status == 0 {
		status = http.StatusInternalServerError
	}
	http.Error(w, string(domain.ErrorCode(err))+": "+domain.ErrorMessage(err), status)
}

// browser is a client with a cookie jar that does not follow redirects, so
// each step of the sign-in can be inspected (and tampered with).
func (h *harness) browser() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// do fetches target and returns status, Location and body.
func (h *harness) do(c *http.Client, method, target string) (int, string, string) {
	h.t.Helper()
	req, err := http.NewRequest(method, target, nil)
	if err != nil {
		h.t.Fatal(err)
	}
	resp, err := c.Do(req)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(body)
}

// startLogin asks the app to sign in and returns the provider's authorize URL.
func (h *harness) startLogin(c *http.Client, next string) string {
	h.t.Helper()
	status, loc, body := h.do(c, "GET", h.app.URL+"/anmelden?next="+url.QueryEscape(next))
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, h.idp.Issuer()+"/authorize?") {
		h.t.Fatalf("GET /anmelden = %d %q %q, want a redirect to the provider", status, loc, body)
	}
	return loc
}

// approve lets the provider approve authorizeURL and returns the callback URL.
func (h *harness) approve(c *http.Client, authorizeURL string) string {
	h.t.Helper()
	status, loc, body := h.do(c, "GET", authorizeURL)
	if status != http.StatusFound || !strings.HasPrefix(loc, h.app.URL+auth.CallbackPath+"?") {
		h.t.Fatalf("provider answered %d %q %q, want a redirect to the callback", status, loc, body)
	}
	return loc
}

// signIn runs a whole sign-in and fails the test unless it lands on next.
func (h *harness) signIn(c *http.Client, next string) {
	h.t.Helper()
	status, loc, body := h.do(c, "GET", h.approve(c, h.startLogin(c, next)))
	if status != http.StatusSeeOther || loc != next {
		h.t.Fatalf("callback = %d %q %q, want a redirect to %q", status, loc, body, next)
	}
}

// me returns the signed-in user id, or 0 when the app says 401.
func (h *harness) me(c *http.Client) int64 {
	h.t.Helper()
	status, _, body := h.do(c, "GET", h.app.URL+"/ich")
	if status == http.StatusUnauthorized {
		return 0
	}
	id, err := strconv.ParseInt(body, 10, 64)
	if status != http.StatusOK || err != nil {
		h.t.Fatalf("GET /ich = %d %q", status, body)
	}
	return id
}

// sessionCookie is the value of the session cookie the browser holds ("" if none).
func (h *harness) sessionCookie(c *http.Client) string {
	u, _ := url.Parse(h.app.URL)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == auth.CookieName {
			return ck.Value
		}
	}
	return ""
}

func (h *harness) setSessionCookie(c *http.Client, value string) {
	u, _ := url.Parse(h.app.URL)
	c.Jar.SetCookies(u, []*http.Cookie{{Name: auth.CookieName, Value: value, Path: "/"}})
}

// syncBuffer collects log output written from the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// Since returns what was logged after mark (a previous Len).
func (b *syncBuffer) Since(mark int) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()[mark:]
}

func (b *syncBuffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Len()
}
