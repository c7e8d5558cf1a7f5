package main

import (
	"log/slog"
	"os"

	"github.com/planwerk/planwerk/internal/config"
	"github.com/planwerk/planwerk/internal/pglocal"
)

// runCleanLocal is `make clean-local`: it removes the project-local cluster
// wherever it lives, including the fallback folder under /var/lib/planwerk
// that only pglocal can name, then cfg.DataDir if nothing else is left in it.
func runCleanLocal(cfg config.Config, log *slog.Logger) error {
	opts, err := localOptions(cfg, log)
	if err != nil {
		return err
	}
	removed, err := pglocal.Remove(opts)
	for _, p := range removed {
		log.Info("gelöscht", "path", p)
	}
	if err != nil {
		return err
	}
	if len(removed) == 0 {
		log.Info("keine lokale Datenbank gefunden", "data_dir", cfg.DataDir)
	}
	// Only if empty: PLANWERK_DATA_DIR may name a folder that holds more.
	if os.Remove(cfg.DataDir) == nil {
		log.Info("gelöscht", "path", cfg.DataDir)
	}
	return nil
}
