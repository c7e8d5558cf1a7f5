package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/planwerk/planwerk/internal/config"
	"github.com/planwerk/planwerk/internal/pglocal"
	"github.com/planwerk/planwerk/internal/postgres"
)

const localDatabase = "planwerk"

// database is an open, migrated database plus whatever must be stopped with it.
type database struct {
	*postgres.DB
	URL     string
	cluster *pglocal.Cluster
}

// openDatabase connects to PLANWERK_DATABASE_URL, or starts the project-local
// cluster under cfg.DataDir when it is unset, and applies the migrations.
func openDatabase(ctx context.Context, cfg config.Config, log *slog.Logger) (*database, error) {
	return openNamedDatabase(ctx, cfg, log, localDatabase)
}

// openNamedDatabase is openDatabase with the name of the database in the
// local cluster; `planwerk bench` keeps its data apart from the demo's.
func openNamedDatabase(ctx context.Context, cfg config.Config, log *slog.Logger, name string) (*database, error) {
	d := &database{URL: cfg.DatabaseURL}
	if d.URL == "" {
		if err := d.startLocal(ctx, cfg, log, name); err != nil {
			return nil, err
		}
	}
	db, err := postgres.Open(ctx, d.URL, dbOptions(cfg, log))
	if err != nil {
		d.stopLocal(log)
		return nil, err
	}
	d.DB = db
	if err := postgres.Migrate(ctx, d.URL); err != nil {
		d.Close(log)
		return nil, err
	}
	return d, nil
}

// dbOptions are the pool's limits from the configuration; log gets the
// outage lines (nil: none).
func dbOptions(cfg config.Config, log *slog.Logger) postgres.Options {
	return postgres.Options{ConnectTimeout: cfg.DBTimeout, AcquireTimeout: cfg.DBAcquireTimeout,
		StatementTimeout: cfg.DBStatementTimeout, LockTimeout: cfg.DBLockTimeout, Log: log}
}

func (d *database) startLocal(ctx context.Context, cfg config.Config, log *slog.Logger, name string) error {
	opts, err := localOptions(cfg, log)
	if err != nil {
		return err
	}
	log.Info("starte lokale PostgreSQL-Instanz", "data_dir", opts.DataDir)
	cluster, err := pglocal.Start(ctx, opts)
	if err != nil {
		return err
	}
	d.cluster = cluster
	if err := postgres.EnsureDatabase(ctx, cluster.URL("postgres"), name); err != nil {
		d.stopLocal(log)
		return err
	}
	d.URL = cluster.URL(name)
	return nil
}

// poolCloseTimeout bounds closing the pool: a statement stuck in a hung
// database never gives its connection back, and the process must end anyway.
const poolCloseTimeout = 5 * time.Second

// localOptions places the project-local cluster in cfg.DataDir/pgdata.
// pglocal's messages are few (start, a fallback folder, crashes and
// restarts), so they go to the log at info and warning level.
func localOptions(cfg config.Config, log *slog.Logger) (pglocal.Options, error) {
	dataDir, err := filepath.Abs(filepath.Join(cfg.DataDir, "pgdata"))
	if err != nil {
		return pglocal.Options{}, err
	}
	return pglocal.Options{DataDir: dataDir,
		Logf:  func(f string, a ...any) { log.Info(fmt.Sprintf(f, a...)) },
		Warnf: func(f string, a ...any) { log.Warn(fmt.Sprintf(f, a...)) }}, nil
}

// Close closes the pool, then stops the local cluster if this process started it.
func (d *database) Close(log *slog.Logger) {
	if d.DB != nil && !d.DB.CloseWithin(poolCloseTimeout) {
		log.Warn("Datenbankverbindungen hängen noch – beende trotzdem", "gewartet", poolCloseTimeout)
	}
	d.stopLocal(log)
}

func (d *database) stopLocal(log *slog.Logger) {
	if d.cluster == nil {
		return
	}
	if err := d.cluster.Stop(); err != nil {
		log.Error("lokale PostgreSQL-Instanz ließ sich nicht sauber beenden", "err", err)
		return
	}
	log.Info("lokale PostgreSQL-Instanz beendet")
}
