// Package auth signs users in through OpenID Connect (authorization code flow
// with PKCE, state and nonce; the ID token fully verified) and keeps who is
// signed in in a server-side session (scs, stored in PostgreSQL).
//
// It knows plain net/http and context only: the server mounts the handlers
// and turns the *domain.Error values returned here into pages.
package auth

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/planwerk/planwerk/internal/config"
	"github.com/planwerk/planwerk/internal/domain"
)

// CallbackPath is where the provider sends the browser back; register
// PublicURL + CallbackPath as redirect URI at the provider.
const CallbackPath = "/anmelden/callback"

// CookieName names the session cookie.
const CookieName = "planwerk_session"

// providerTimeout bounds each call to the identity provider, so an
// unreachable provider costs a user seconds, not a hung request.
const providerTimeout = 5 * time.Second

// Config is what the authenticator needs from the environment.
type Config struct {
	Issuer, ClientID, ClientSecret string
	// PublicURL is the app's address without trailing slash.
	PublicURL string
	// RoleClaim names a claim (such as "groups") whose values grant
	// memberships through RoleMap; empty grants nothing.
	RoleClaim string
	RoleMap   map[string]config.RoleGrant
	// Idle and Lifetime end a session after inactivity and after its age.
	Idle, Lifetime time.Duration
	// Secure sets the cookie's Secure flag (whenever PublicURL is https).
	Secure bool
	// SessionError answers a request whose session cannot be loaded or saved
	// (the database is down). Nil answers 503 with a short German text.
	SessionError func(http.ResponseWriter, *http.Request, error)
}

// ConfigFrom takes the sign-in settings from the application's configuration.
func ConfigFrom(c config.Config) Config {
	return Config{
		Issuer: c.OIDCIssuer, ClientID: c.OIDCClientID, ClientSecret: c.OIDCClientSecret,
		PublicURL: c.PublicURL, RoleClaim: c.OIDCRoleClaim, RoleMap: c.OIDCRoleMap,
		Idle: c.SessionIdle, Lifetime: c.SessionLifetime, Secure: c.SecureCookies(),
	}
}

// Users is the storage the authenticator needs; *postgres.DB satisfies it.
type Users interface {
	UpsertUserAtLogin(ctx context.Context, issuer, subject, name, email string) (domain.User, error)
	// SyncClaimMemberships makes the user's claim memberships those of want,
	// leaves manual ones alone and returns the entries naming an unknown
	// organisation or role.
	SyncClaimMemberships(ctx context.Context, userID int64, want []domain.OrgRole) (unknown []domain.OrgRole, err error)
}

// Authenticator signs users in and out and tells who is signed in.
type Authenticator struct {
	cfg      Config
	users    Users
	sessions *scs.SessionManager
	log      *slog.Logger
	client   *http.Client
	now      func() time.Time

	mu       sync.Mutex
	provider *discovered // nil until discovery first succeeds
}

// Session keys.
const (
	keyUserID     = "auth.user_id"
	keySignedInAt = "auth.signed_in_at"
	keyLastSeen   = "auth.last_seen" // for the idle timeout, see UserID
	keyIDToken    = "auth.id_token"  // for id_token_hint at sign-out
	keyFlows      = "auth.flows"     // pending sign-ins, see flow.go
)

// New builds an authenticator. It does not contact the provider, so the app
// starts (and serves its public pages) while the provider is down.
func New(cfg Config, users Users, store scs.Store, log *slog.Logger) *Authenticator {
	a := &Authenticator{cfg: cfg, users: users, log: log, now: time.Now,
		client: &http.Client{Timeout: providerTimeout}}
	s := scs.New()
	s.Store = store
	s.Lifetime = cfg.Lifetime
	// The idle timeout is kept by UserID rather than by scs: scs would rewrite
	// the session row on every request to move its expiry, one write per page
	// view. UserID records activity at most once per touchInterval.
	s.Cookie.Name = CookieName
	s.Cookie.HttpOnly = true
	s.Cookie.SameSite = http.SameSiteLaxMode // Lax: the provider's redirect back must carry the cookie
	s.Cookie.Secure = cfg.Secure
	s.Cookie.Path = "/"
	s.ErrorFunc = cfg.SessionError
	if s.ErrorFunc == nil {
		s.ErrorFunc = a.sessionError
	}
	a.sessions = s
	return a
}

func (a *Authenticator) sessionError(w http.ResponseWriter, r *http.Request, err error) {
	a.log.Error("session store failed", "path", r.URL.Path, "err", err)
	http.Error(w, "Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut.",
		http.StatusServiceUnavailable)
}

// Wrap loads the session before next and saves it afterwards. Every handler
// that calls LoginURL, Finish, Logout or UserID must run inside it. A
// tampered, expired or unknown cookie loads as a fresh, signed-out session.
func (a *Authenticator) Wrap(next http.Handler) http.Handler {
	return a.sessions.LoadAndSave(next)
}

// OnSessionError sets how a request is answered whose session cannot be
// loaded or saved (the database is down); the server shows its own page.
func (a *Authenticator) OnSessionError(f func(http.ResponseWriter, *http.Request, error)) {
	a.sessions.ErrorFunc = f
}

// touchInterval is how stale the recorded last activity may get before a
// request records it again; the idle timeout is exact to within it.
const touchInterval = time.Minute

// UserID reports the signed-in user. It ends a session that has been idle
// longer than the idle timeout or is older than its lifetime.
func (a *Authenticator) UserID(ctx context.Context) (int64, bool) {
	id := a.sessions.GetInt64(ctx, keyUserID)
	if id <= 0 {
		return 0, false
	}
	now := a.now()
	// scs enforces the lifetime through the session deadline; this check
	// keeps it even if something later moves that deadline.
	signedIn := time.Unix(a.sessions.GetInt64(ctx, keySignedInAt), 0)
	lastSeen := time.Unix(a.sessions.GetInt64(ctx, keyLastSeen), 0)
	if now.Sub(signedIn) > a.cfg.Lifetime || now.Sub(lastSeen) > a.cfg.Idle {
		a.forget(ctx)
		return 0, false
	}
	if now.Sub(lastSeen) >= touchInterval {
		a.sessions.Put(ctx, keyLastSeen, now.Unix())
	}
	return id, true
}

// Logout ends the local session and returns where to send the browser: the
// provider's end_session_endpoint when it has one (so the user is signed out
// there too), else the start page.
func (a *Authenticator) Logout(ctx context.Context) (string, error) {
	hint := a.sessions.GetString(ctx, keyIDToken)
	if err := a.sessions.Destroy(ctx); err != nil {
		return "", &domain.Error{Code: domain.CodeUnavailable, Key: "error.auth.signOutUnavailable",
			Message: "Die Abmeldung ist gerade nicht möglich. Bitte versuchen Sie es in einigen Minuten erneut.", Err: err}
	}
	home := a.cfg.PublicURL + "/"
	if hint == "" {
		return home, nil // nobody was signed in here, so there is nothing to end at the provider
	}
	d, err := a.discover(ctx)
	if err != nil || d.endSession == nil {
		return home, nil // the local session is gone; that is what matters most
	}
	u := *d.endSession
	q := u.Query()
	q.Set("id_token_hint", hint)
	q.Set("post_logout_redirect_uri", home)
	q.Set("client_id", a.cfg.ClientID)
	u.RawQuery = q.Encode()
	return u.String(), nil
}
