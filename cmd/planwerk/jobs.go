package main

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/planwerk/planwerk/internal/config"
	"github.com/planwerk/planwerk/internal/jobs"
	"github.com/planwerk/planwerk/internal/mailer"
	"github.com/planwerk/planwerk/internal/mailtext"
	"github.com/planwerk/planwerk/internal/service/notify"
)

// startJobs starts the background workers (mail delivery, the daily
// reminder scan, the weekly digest) on the database's River tables.
func startJobs(ctx context.Context, cfg config.Config, log *slog.Logger, db *database) (*jobs.Runner, error) {
	composer, err := mailtext.New(cfg.PublicURL)
	if err != nil {
		return nil, err
	}
	sender := mailer.New(cfg.Mail)
	if cfg.Mail.Outbox() {
		log.Info("E-Mails bleiben im Postausgang (Verwaltung → E-Mails): PLANWERK_SMTP_HOST ist nicht gesetzt")
	} else {
		log.Info("E-Mails gehen über SMTP", "host", cfg.Mail.SMTPHost, "port", cfg.Mail.SMTPPort, "tls", cfg.Mail.SMTPTLS)
	}
	svc := notify.New(db, composer, sender, time.Now, func(err error) bool { return errors.Is(err, mailer.ErrPermanent) })
	svc.SetOfferUnconfirmedDays(cfg.OfferUnconfirmedDays)
	runner, err := jobs.New(db.Pool(), svc, jobs.Options{Log: log})
	if err != nil {
		return nil, err
	}
	return runner, runner.Start(ctx)
}

// runWorker is `planwerk worker`: the background workers without the web
// server, for deployments that run them apart. It migrates like serve.
func runWorker(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(log)
	runner, err := startJobs(ctx, cfg, log, db)
	if err != nil {
		return err
	}
	log.Info("Planwerk-Hintergrundaufträge laufen")
	<-ctx.Done()
	log.Info("beende Hintergrundaufträge …", "schonfrist", cfg.ShutdownTimeout)
	runner.Stop(cfg.ShutdownTimeout)
	return nil
}
