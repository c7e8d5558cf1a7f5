package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"

	"github.com/planwerk/planwerk/internal/auth"
	"github.com/planwerk/planwerk/internal/config"
	"github.com/planwerk/planwerk/internal/demoidp"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/server"
)

// benchApp is the application as the benchmark measures it: the real server
// with real sessions, signed in through the demo provider as KI staff (who
// may see every page measured).
type benchApp struct {
	handler http.Handler
	url     string            // where the server listens (loopback), for measurements through real HTTP
	cookie  string            // the session cookie, sent with every measured page request
	token   string            // a personal API token of the same user, for the API's requests
	pdf     server.PDFPrinter // nil without Chromium
	close   func()
}

func startBenchApp(ctx context.Context, cfg config.Config, d *database, countySlug string) (*benchApp, error) {
	// Only failures are logged: a request the bench gets no 200 for says why.
	quiet := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	web := httptest.NewUnstartedServer(nil)
	cfg.PublicURL, cfg.DemoIdPAddr = "http://"+web.Listener.Addr().String(), "127.0.0.1:0"
	idp, err := startDemoIdP(ctx, &cfg, quiet)
	if err != nil {
		web.Close()
		return nil, err
	}
	pdf, closePDF := pdfEngine(cfg, quiet)
	stop := func() { web.Close(); _ = idp.Close(); closePDF() }
	ki := postgres.DemoAccount{Subject: "demo-ki-1", Name: "KI Benchmark", Email: "ki@benchmark.invalid",
		Role: "ki", OrgSlug: countySlug}
	if err := d.EnsureDemoAccounts(ctx, idp.Issuer(), []postgres.DemoAccount{ki}); err != nil {
		stop()
		return nil, err
	}
	srv, err := newServer(cfg, quiet, d, pdf)
	if err != nil {
		stop()
		return nil, err
	}
	web.Config.Handler = srv
	web.Start()
	browser, err := demoidp.SignIn(ctx, cfg.PublicURL, "ki-1", demoidp.DemoPassword)
	if err != nil {
		stop()
		return nil, fmt.Errorf("Anmeldung für den Benchmark: %w", err)
	}
	u, _ := url.Parse(cfg.PublicURL)
	var cookies []string
	for _, c := range browser.Jar.Cookies(u) {
		if c.Name == auth.CookieName {
			cookies = append(cookies, c.Name+"="+c.Value)
		}
	}
	token, err := createBenchToken(ctx, browser, cfg.PublicURL)
	if err != nil {
		stop()
		return nil, err
	}
	return &benchApp{handler: srv, url: cfg.PublicURL, cookie: strings.Join(cookies, "; "), token: token, pdf: pdf, close: stop}, nil
}

// createBenchToken creates an API token on the signed-in user's tokens page,
// as a user would, and reads the secret shown once.
func createBenchToken(ctx context.Context, browser *http.Client, publicURL string) (string, error) {
	form := url.Values{"name": {"Benchmark"}, "days": {"30"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, publicURL+"/konto/api-zugaenge", strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := browser.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	m := regexp.MustCompile(`<code id="new-token">(pw_[A-Za-z0-9_-]+)</code>`).FindSubmatch(body)
	if resp.StatusCode != http.StatusCreated || m == nil {
		return "", fmt.Errorf("API-Zugang für den Benchmark: Status %d", resp.StatusCode)
	}
	return string(m[1]), nil
}
