package main

import (
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/planwerk/planwerk/internal/config"
)

func TestCleanLocalRemovesClusterAndEmptyDataDir(t *testing.T) {
	dataDir := filepath.Join(t.TempDir(), ".local")
	for _, d := range []string{"pgdata", "run"} {
		if err := os.MkdirAll(filepath.Join(dataDir, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dataDir, "pgdata", "PG_VERSION"), []byte("15\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dataDir, "postgres.log"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := config.Config{DataDir: dataDir}
	if err := runCleanLocal(cfg, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dataDir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s survives clean-local (stat: %v)", dataDir, err)
	}
}
