package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/planwerk/planwerk/internal/api"
	"github.com/planwerk/planwerk/internal/auth"
	"github.com/planwerk/planwerk/internal/authz"
	"github.com/planwerk/planwerk/internal/config"
	"github.com/planwerk/planwerk/internal/mailtext"
	"github.com/planwerk/planwerk/internal/pdfprint"
	"github.com/planwerk/planwerk/internal/server"
	"github.com/planwerk/planwerk/internal/service/apitoken"
	"github.com/planwerk/planwerk/internal/service/implementation"
	"github.com/planwerk/planwerk/internal/service/notify"
	offersvc "github.com/planwerk/planwerk/internal/service/offer"
)

func runServe(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	if cfg.OIDCIssuer == "" {
		return errors.New("PLANWERK_OIDC_ISSUER fehlt: Planwerk meldet Benutzer nur über OpenID Connect an " +
			"(siehe docs/sign-in.md); zum Ausprobieren startet `planwerk demo` einen eigenen Anmeldedienst")
	}
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(log)
	return serve(ctx, cfg, log, db)
}

// newServer wires the HTTP server: policy, sign-in with server-side sessions
// in PostgreSQL, the store, and the JSON API under /api/.
func newServer(cfg config.Config, log *slog.Logger, db *database, pdf server.PDFPrinter) (*server.Server, error) {
	az, err := authz.New()
	if err != nil {
		return nil, err
	}
	authn := auth.New(auth.ConfigFrom(cfg), db, db.SessionStore(), log)
	impls := implementation.New(db, nil)
	tokens := apitoken.New(db, time.Now)
	services := server.NewServices(db, nil)
	services.Offers = offersvc.New(db, nil, offerSettings(cfg))
	// Confirmation links go out as stored mails; the jobs send them (here
	// or in `planwerk worker`), or keep them in the outbox without SMTP.
	composer, err := mailtext.New(cfg.PublicURL)
	if err != nil {
		return nil, err
	}
	services.Offers.SetMailer(notify.NewOfferLinks(db, composer))
	srv, err := server.New(server.Deps{Store: db, Implementations: impls, Auth: authn, Authz: az, Log: log,
		Tokens: tokens, Services: services, PDF: pdf},
		server.Options{Operator: cfg.Operator, PublicURL: cfg.PublicURL, IssuerURL: cfg.OIDCIssuer,
			RequestTimeout: cfg.RequestTimeout, TrustedProxies: cfg.TrustedProxies})
	if err != nil {
		return nil, err
	}
	jsonAPI, err := api.New(api.Deps{Store: db, Tokens: tokens, Implementations: impls, Authz: az, Log: log, Texts: srv, PublicPlans: services.PublicPlans,
		DataLicence: cfg.Licence().Name})
	if err != nil {
		return nil, err
	}
	srv.MountAPI(jsonAPI)
	return srv, nil
}

// serve answers HTTP until ctx is cancelled, then shuts down within
// cfg.ShutdownTimeout.
func serve(ctx context.Context, cfg config.Config, log *slog.Logger, db *database) error {
	pdf, closePDF := pdfEngine(cfg, log)
	defer closePDF()
	srv, err := newServer(cfg, log, db, pdf)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("kann nicht auf %s lauschen (PLANWERK_ADDR): %w", cfg.Addr, err)
	}
	// Every request's context derives from requests, so that shutdown can
	// cancel the ones still open after the grace period.
	requests, cancelRequests := context.WithCancel(context.Background())
	defer cancelRequests()
	httpServer := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 30 * time.Second, WriteTimeout: config.WriteTimeout, IdleTimeout: 2 * time.Minute,
		BaseContext: func(net.Listener) context.Context { return requests }}
	runner, err := startJobs(ctx, cfg, log, db)
	if err != nil {
		return err
	}
	// Stopped after the HTTP server: running jobs get the grace period too.
	defer runner.Stop(cfg.ShutdownTimeout)
	errc := make(chan error, 1)
	go func() { errc <- httpServer.Serve(ln) }()
	log.Info("Planwerk läuft", "url", cfg.PublicURL)

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown(httpServer, cancelRequests, cfg.ShutdownTimeout, log)
	return nil
}

// shutdown stops taking requests and gives the open ones the grace period to
// finish. Whatever is still running then (a request waiting on a hung
// database) is cancelled and its connection closed, so that the pool can be
// closed after it and the process ends.
func shutdown(httpServer *http.Server, cancelRequests context.CancelFunc, grace time.Duration, log *slog.Logger) {
	log.Info("beende Planwerk …", "schonfrist", grace)
	graceCtx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := httpServer.Shutdown(graceCtx); err == nil {
		return
	}
	log.Warn("offene Anfragen nach der Schonfrist abgebrochen", "schonfrist", grace)
	cancelRequests()
	_ = httpServer.Close()
}

// pdfEngine finds Chromium for the reports' PDFs; it starts with the first
// PDF and ends with the server. Without Chromium Planwerk runs all the same:
// the PDF download then explains what to install.
func pdfEngine(cfg config.Config, log *slog.Logger) (server.PDFPrinter, func()) {
	path, err := pdfprint.Find(cfg.Chromium)
	if err != nil {
		log.Warn("kein Chromium gefunden: PDF-Berichte sind nicht verfügbar (apt-get install chromium oder PLANWERK_CHROMIUM)", "err", err)
		return nil, func() {}
	}
	e := pdfprint.New(pdfprint.Options{ExecPath: path, Parallel: 2, Timeout: 45 * time.Second})
	return e, e.Close
}
