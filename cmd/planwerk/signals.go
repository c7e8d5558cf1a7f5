package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// onSignals returns a context that the first Ctrl-C or SIGTERM cancels, from
// which every command shuts down in order. A second signal exits at once:
// the way out when shutting down takes too long. A local PostgreSQL then
// shuts itself down, as it does when Planwerk crashes (pglocal's
// parent-death signal).
func onSignals(log *slog.Logger) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-sigs
		log.Info("Signal empfangen, beende Planwerk … (ein zweites beendet sofort)", "signal", sig.String())
		cancel()
		sig = <-sigs
		fmt.Fprintf(os.Stderr, "planwerk: zweites Signal (%s), beende sofort\n", sig)
		code := 1
		if s, ok := sig.(syscall.Signal); ok {
			code = 128 + int(s) // the shell's convention for "ended by a signal"
		}
		os.Exit(code)
	}()
	return ctx
}
