package demoidp

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// Options configure the demo provider. Everything is required.
type Options struct {
	// Addr is where it listens: a loopback host and port, such as
	// 127.0.0.1:8081 (port 0 picks a free one). Anything reachable from
	// another machine is refused.
	Addr string
	// DemoMode must be true: the provider signs in anyone who reads its
	// login page, so it only runs under `planwerk demo`.
	DemoMode bool
	// ClientID and ClientSecret register the one relying party, Planwerk.
	ClientID     string
	ClientSecret string
	// RedirectURIs and PostLogoutRedirectURIs are the app's callback and
	// where it may send the user after signing out; matched exactly.
	RedirectURIs           []string
	PostLogoutRedirectURIs []string
	// Logf, if set, receives start and sign-in messages.
	Logf func(string, ...any)
}

// Provider is a running demo OpenID provider.
type Provider struct {
	issuer string
	server *http.Server
	done   chan struct{}
}

// Start checks opts, generates a signing key and serves the provider until
// Close. ctx bounds the start only.
func Start(ctx context.Context, opts Options) (*Provider, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	key, err := newSigningKey()
	if err != nil {
		return nil, err
	}
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("Demo-Anmeldedienst kann nicht auf %s lauschen (PLANWERK_DEMO_IDP_ADDR): %w", opts.Addr, err)
	}
	issuer := "http://" + ln.Addr().String()
	handler, err := newHandler(issuer, key, opts)
	if err != nil {
		ln.Close()
		return nil, err
	}
	p := &Provider{issuer: issuer, done: make(chan struct{}),
		server: &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}}
	go func() {
		defer close(p.done)
		if err := p.server.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			opts.logf("Demo-Anmeldedienst beendet: %v", err)
		}
	}()
	opts.logf("Demo-Anmeldedienst läuft auf %s (Passwort aller Demo-Konten: %s)", issuer, DemoPassword)
	return p, nil
}

// Issuer is the provider's issuer URL, e.g. http://127.0.0.1:8081; users
// are stored under it.
func (p *Provider) Issuer() string { return p.issuer }

// Close stops the provider, letting open requests finish for a few seconds.
func (p *Provider) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := p.server.Shutdown(ctx)
	<-p.done
	return err
}

// newHandler builds the op provider with our storage and mounts the login
// page beside it.
func newHandler(issuer string, key *signingKey, opts Options) (http.Handler, error) {
	users := newDirectory()
	c := &client{id: opts.ClientID, secret: opts.ClientSecret,
		redirectURIs: opts.RedirectURIs, postLogoutRedirectURIs: opts.PostLogoutRedirectURIs}
	store := newStorage(key, c, users)
	cfg := &op.Config{
		CodeMethodS256:           true,
		AuthMethodPost:           true,
		DefaultLogoutRedirectURI: issuer + "/",
		SupportedScopes:          []string{oidc.ScopeOpenID, oidc.ScopeProfile, oidc.ScopeEmail},
	}
	// The crypto key encrypts codes and access tokens; like the signing key
	// it lives only as long as the process.
	if _, err := rand.Read(cfg.CryptoKey[:]); err != nil {
		return nil, err
	}
	provider, err := op.NewProvider(cfg, store, op.StaticIssuer(issuer), op.WithAllowInsecure())
	if err != nil {
		return nil, fmt.Errorf("Demo-Anmeldedienst einrichten: %w", err)
	}
	callback := func(ctx context.Context, id string) string {
		return op.AuthCallbackURL(provider)(op.ContextWithIssuer(ctx, issuer), id)
	}
	return newLoginHandler(store, users, callback, appURL(opts), opts.logf, provider)
}

// appURL is where the login page's "back to Planwerk" link points.
func appURL(opts Options) string {
	if len(opts.PostLogoutRedirectURIs) > 0 {
		return opts.PostLogoutRedirectURIs[0]
	}
	return ""
}

func (o Options) logf(format string, args ...any) {
	if o.Logf != nil {
		o.Logf(format, args...)
	}
}

// validate refuses to start outside demo mode, on an address reachable
// from elsewhere, or without a complete client registration.
func (o Options) validate() error {
	if !o.DemoMode {
		return errors.New("Der Demo-Anmeldedienst startet nur im Demo-Modus (planwerk demo)")
	}
	if err := checkLoopback(o.Addr); err != nil {
		return err
	}
	if o.ClientID == "" || o.ClientSecret == "" {
		return errors.New("Demo-Anmeldedienst: Client-ID und Client-Secret fehlen")
	}
	if len(o.RedirectURIs) == 0 {
		return errors.New("Demo-Anmeldedienst: keine Redirect-URI angegeben")
	}
	for _, u := range slices.Concat(o.RedirectURIs, o.PostLogoutRedirectURIs) {
		if parsed, err := url.Parse(u); err != nil || !parsed.IsAbs() || parsed.Host == "" {
			return fmt.Errorf("Demo-Anmeldedienst: %q ist keine absolute URL", u)
		}
	}
	return nil
}

// checkLoopback accepts a host:port whose host is a loopback IP address.
// Host names are refused, localhost included: the issuer must name exactly
// the address listened on, and other names could resolve anywhere.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err == nil && host == "localhost" {
		return fmt.Errorf("Demo-Anmeldedienst: %q – bitte 127.0.0.1 statt localhost angeben, damit der Aussteller eindeutig ist", addr)
	}
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("Demo-Anmeldedienst: %q ist keine Loopback-Adresse; er lauscht nur auf 127.0.0.1 (PLANWERK_DEMO_IDP_ADDR, z. B. 127.0.0.1:8081)", addr)
	}
	return nil
}
