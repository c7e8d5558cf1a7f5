// Command planwerk is the whole application: one binary with subcommands.
// This package only wires things together: config → database → migrations →
// services → server.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/planwerk/planwerk/internal/config"
)

const usage = `Planwerk – Aktionspläne gemeinsam umsetzen

Aufruf: planwerk <Befehl> [Optionen]

Befehle:
  demo      lokale Datenbank starten, migrieren, Beispieldaten laden und den Server starten
  serve     Server starten (migriert die Datenbank vorher; mit Hintergrundaufträgen)
  worker    nur die Hintergrundaufträge (E-Mails, Erinnerungen, Wochenübersicht) ausführen
  migrate   Datenbankschema auf den neuesten Stand bringen
  seed      Beispieldaten laden: planwerk seed --demo
  bench     Lasttest mit großem Datensatz (siehe docs/benchmarks.md)
  admin     Zugang wiederherstellen: planwerk admin grant --issuer … --subject … --org …
  clean-local
            die lokale Datenbank löschen (auch ihren Ausweichordner unter /var/lib/planwerk)

Ohne PLANWERK_DATABASE_URL startet Planwerk eine projektlokale PostgreSQL-Instanz
unter .local/ (PLANWERK_DATA_DIR). Weitere Einstellungen: siehe README.md.
`

func main() {
	if len(os.Args) < 2 || os.Args[1] == "-h" || os.Args[1] == "--help" || os.Args[1] == "help" {
		fmt.Print(usage)
		return
	}
	cfg, err := config.Load(os.Getenv)
	if err != nil {
		fatal(err)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	// Ctrl-C and SIGTERM cancel ctx; every command shuts down in order from there.
	ctx := onSignals(log)
	if err := runCommand(ctx, cfg, log, os.Args[1], os.Args[2:]); err != nil {
		fatal(err)
	}
}

func runCommand(ctx context.Context, cfg config.Config, log *slog.Logger, name string, args []string) error {
	switch name {
	case "demo":
		return runDemo(ctx, cfg, log)
	case "serve":
		return runServe(ctx, cfg, log)
	case "migrate":
		return runMigrate(ctx, cfg, log)
	case "worker":
		return runWorker(ctx, cfg, log)
	case "seed":
		return runSeed(ctx, cfg, log, args)
	case "bench":
		return runBench(ctx, cfg, log, args)
	case "admin":
		return runAdmin(ctx, cfg, log, args)
	case "clean-local":
		return runCleanLocal(cfg, log)
	}
	return fmt.Errorf("unbekannter Befehl %q (planwerk help zeigt alle Befehle)", name)
}

// fatal prints one clear line and exits non-zero.
func fatal(err error) {
	fmt.Fprintln(os.Stderr, "planwerk:", err)
	os.Exit(1)
}
