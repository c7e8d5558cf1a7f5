package server_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/api"
	"github.com/planwerk/planwerk/internal/auth"
	"github.com/planwerk/planwerk/internal/authz"
	"github.com/planwerk/planwerk/internal/demoidp"
	"github.com/planwerk/planwerk/internal/mailtext"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/seed"
	"github.com/planwerk/planwerk/internal/server"
	"github.com/planwerk/planwerk/internal/service/apitoken"
	"github.com/planwerk/planwerk/internal/service/implementation"
	"github.com/planwerk/planwerk/internal/service/notify"
	"github.com/planwerk/planwerk/internal/testdb"
)

// today is the fixed "now" of the HTTP tests, so that overdue and stale
// markers do not change with the calendar.
var today = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// app is the whole application as a user meets it: the real router, real
// sessions in a fresh PostgreSQL database with the demo data, and sign-in
// through the demo OpenID provider.
type app struct {
	URL    string
	DB     *postgres.DB
	DBURL  string // the database's address, for fixtures no store method writes
	IdP    *demoidp.Provider
	Server *server.Server
	API    *api.API
}

func newApp(t *testing.T) *app {
	t.Helper()
	ctx := context.Background()
	// postgres.Open installs the statement counter, so tests can hold pages
	// to the query budget with postgres.CountQueries.
	dbURL := testdb.URL(t)
	db, err := postgres.Open(ctx, dbURL, postgres.Options{ConnectTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	concept, orgs := seed.CoesfeldConcept(), seed.Organisations()
	if _, err := db.SeedDemo(ctx, concept, orgs, seed.DemoImplementations(concept, orgs, today)); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	a := &app{URL: "http://" + ln.Addr().String(), DB: db, DBURL: dbURL}
	a.IdP = startIdP(t, a.URL)
	if err := db.EnsureDemoAccounts(ctx, a.IdP.Issuer(), demoAccounts()); err != nil {
		t.Fatal(err)
	}
	a.Server, a.API = newServerAndAPI(t, db, a.IdP.Issuer(), a.URL, slog.New(slog.NewTextHandler(io.Discard, nil)), 30*time.Second)
	hs := &httptest.Server{Listener: ln, Config: &http.Server{Handler: a.Server}}
	hs.Start()
	t.Cleanup(hs.Close)
	return a
}

const clientID, clientSecret = "planwerk-test", "test-secret"

func startIdP(t *testing.T, appURL string) *demoidp.Provider {
	t.Helper()
	idp, err := demoidp.Start(context.Background(), demoidp.Options{Addr: "127.0.0.1:0", DemoMode: true,
		ClientID: clientID, ClientSecret: clientSecret, RedirectURIs: []string{appURL + auth.CallbackPath},
		PostLogoutRedirectURIs: []string{appURL + "/"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = idp.Close() })
	return idp
}

func newServer(t *testing.T, db *postgres.DB, issuer, appURL string) *server.Server {
	t.Helper()
	return newServerLogging(t, db, issuer, appURL, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// newServerLogging is newServer with the log going to log, for tests that
// check what is logged.
func newServerLogging(t *testing.T, db *postgres.DB, issuer, appURL string, log *slog.Logger) *server.Server {
	// A generous deadline: the machine running the tests may be busy.
	return newServerWith(t, db, issuer, appURL, log, 30*time.Second)
}

// newServerWith is newServer with a logger and a request deadline of the test's choice.
func newServerWith(t *testing.T, db *postgres.DB, issuer, appURL string, log *slog.Logger, timeout time.Duration) *server.Server {
	t.Helper()
	srv, _ := newServerAndAPI(t, db, issuer, appURL, log, timeout)
	return srv
}

// newServerAndAPI is newServerWith that also returns the JSON API it serves under /api/.
func newServerAndAPI(t *testing.T, db *postgres.DB, issuer, appURL string, log *slog.Logger, timeout time.Duration) (*server.Server, *api.API) {
	t.Helper()
	az, err := authz.New()
	if err != nil {
		t.Fatal(err)
	}
	authn := auth.New(auth.Config{Issuer: issuer, ClientID: clientID, ClientSecret: clientSecret,
		PublicURL: appURL, Idle: time.Hour, Lifetime: 12 * time.Hour}, db, db.SessionStore(), log)
	impls := implementation.New(db, func() time.Time { return today })
	tokens := apitoken.New(db, func() time.Time { return today })
	services := server.NewServices(db, func() time.Time { return today })
	composer, err := mailtext.New(appURL)
	if err != nil {
		t.Fatal(err)
	}
	services.Offers.SetMailer(notify.NewOfferLinks(db, composer)) // as cmd/planwerk wires it
	srv, err := server.New(server.Deps{Store: db, Auth: authn, Authz: az, Log: log,
		Implementations: impls, Tokens: tokens, Services: services,
		PDF: testPDF(t)},
		server.Options{Operator: "Kreis Test", PublicURL: appURL, IssuerURL: issuer,
			Now: func() time.Time { return today }, RequestTimeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	jsonAPI, err := api.New(api.Deps{Store: db, Tokens: tokens, Implementations: impls, Authz: az, Log: log, Texts: srv,
		PublicPlans: services.PublicPlans})
	if err != nil {
		t.Fatal(err)
	}
	srv.MountAPI(jsonAPI)
	return srv, jsonAPI
}

func demoAccounts() []postgres.DemoAccount {
	var out []postgres.DemoAccount
	for _, a := range demoidp.Accounts() {
		out = append(out, postgres.DemoAccount{Subject: a.Subject, Name: a.Name, Email: a.Email,
			Role: string(a.Role), OrgSlug: a.OrgSlug})
	}
	return out
}

// signIn returns a browser signed in as a demo account (username as on the
// demo login page); it does not follow redirects.
func (a *app) signIn(t *testing.T, username string) *http.Client {
	t.Helper()
	c, err := demoidp.SignIn(context.Background(), a.URL, username, demoidp.DemoPassword)
	if err != nil {
		t.Fatalf("sign in as %s: %v", username, err)
	}
	return c
}

// anonymous is a browser that is not signed in and does not follow redirects.
func anonymous() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// fetch sends a request and returns status, body and headers.
func fetch(t *testing.T, c *http.Client, method, url string, form ...string) (int, string, http.Header) {
	t.Helper()
	var body io.Reader
	if len(form) > 0 {
		body = strings.NewReader(strings.Join(form, "&"))
	}
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func mustContain(t *testing.T, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}

func mustParse(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// demoPlan is the address of the demo plan, under which every municipality's
// pages live.
const demoPlan = "/plaene/" + seed.ConceptSlug
