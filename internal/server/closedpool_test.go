package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/auth"
	"github.com/planwerk/planwerk/internal/authz"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/seed"
	"github.com/planwerk/planwerk/internal/server"
	"github.com/planwerk/planwerk/internal/service/apitoken"
	"github.com/planwerk/planwerk/internal/service/implementation"
	"github.com/planwerk/planwerk/internal/testdb"
)

// TestClosedPoolAnswers503 closes the pool the pages read from while the
// sessions still load (during shutdown the pool may close under a request
// that already has its session): the page must be the 503 page like any
// other unavailability, not a 500.
func TestClosedPoolAnswers503(t *testing.T) {
	ctx := context.Background()
	url := testdb.URL(t)
	sessions, err := postgres.Open(ctx, url, postgres.Options{ConnectTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sessions.Close)
	pages, err := postgres.Open(ctx, url, postgres.Options{ConnectTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	concept, orgs := seed.CoesfeldConcept(), seed.Organisations()
	if _, err := pages.SeedDemo(ctx, concept, orgs, seed.DemoImplementations(concept, orgs, today)); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewUnstartedServer(nil)
	appURL := "http://" + hs.Listener.Addr().String()
	idp := startIdP(t, appURL)
	if err := pages.EnsureDemoAccounts(ctx, idp.Issuer(), demoAccounts()); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	az, err := authz.New()
	if err != nil {
		t.Fatal(err)
	}
	authn := auth.New(auth.Config{Issuer: idp.Issuer(), ClientID: clientID, ClientSecret: clientSecret,
		PublicURL: appURL, Idle: time.Hour, Lifetime: 12 * time.Hour}, sessions, sessions.SessionStore(), log)
	srv, err := server.New(server.Deps{Store: pages, Auth: authn, Authz: az, Log: log,
		Tokens: apitoken.New(pages, time.Now), Implementations: implementation.New(pages, nil),
		Services: server.NewServices(pages, nil)},
		server.Options{PublicURL: appURL, IssuerURL: idp.Issuer(), RequestTimeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	hs.Config.Handler = srv
	hs.Start()
	t.Cleanup(hs.Close)
	a := &app{URL: appURL}
	ki := a.signIn(t, "ki-1")
	if status, _, _ := fetch(t, ki, http.MethodGet, appURL+demoPlan+"/kommunen"); status != http.StatusOK {
		t.Fatalf("GET /kommunen = %d before closing the pool", status)
	}

	pages.Close()
	status, body, hdr := fetch(t, ki, http.MethodGet, appURL+demoPlan+"/kommunen")
	if status != http.StatusServiceUnavailable {
		t.Fatalf("GET /kommunen with the pool closed = %d, want 503", status)
	}
	mustContain(t, body, "Vorübergehend nicht verfügbar", hdr.Get("X-Request-Id"))
	if hdr.Get("Retry-After") == "" {
		t.Error("503 without Retry-After")
	}
}
