package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/planwerk/planwerk/internal/config"
	"github.com/planwerk/planwerk/internal/server"
)

func runServe(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(log)
	return serve(ctx, cfg, log, db)
}

// serve answers HTTP until ctx is cancelled, then drains open requests.
func serve(ctx context.Context, cfg config.Config, log *slog.Logger, db *database) error {
	srv, err := server.New(db, log, server.Options{Operator: cfg.Operator})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("kann nicht auf %s lauschen (PLANWERK_ADDR): %w", cfg.Addr, err)
	}
	httpServer := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 30 * time.Second, WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- httpServer.Serve(ln) }()
	log.Info("Planwerk läuft", "url", "http://"+displayAddr(cfg.Addr))

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("beende Planwerk …")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := httpServer.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// displayAddr turns 127.0.0.1:8080 into localhost:8080 for the start message.
func displayAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || host == "" || host == "127.0.0.1" || host == "0.0.0.0" {
		return "localhost:" + port
	}
	return addr
}
