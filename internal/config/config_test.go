package config

import (
	"log/slog"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadUsesEmbeddedDefaults(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DataDir != ".local" || c.DatabaseURL != "" || c.DBTimeout != 5*time.Second {
		t.Errorf("defaults: %+v", c)
	}
}

func TestLoadReadsEveryVariable(t *testing.T) {
	c, err := Load(env(map[string]string{
		"PLANWERK_DATABASE_URL": "postgres://db/planwerk", "PLANWERK_ADDR": ":9090",
		"PLANWERK_DATA_DIR": "/var/lib/planwerk", "PLANWERK_OPERATOR": "Kreis Borken",
		"PLANWERK_LOG_LEVEL": "debug", "PLANWERK_DB_TIMEOUT": "2s",
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := Config{DatabaseURL: "postgres://db/planwerk", Addr: ":9090", DataDir: "/var/lib/planwerk",
		Operator: "Kreis Borken", LogLevel: slog.LevelDebug, DBTimeout: 2 * time.Second}
	if c != want {
		t.Errorf("got %+v, want %+v", c, want)
	}
}

func TestLoadReportsEveryProblem(t *testing.T) {
	_, err := Load(env(map[string]string{"PLANWERK_ADDR": "8080", "PLANWERK_LOG_LEVEL": "loud", "PLANWERK_DB_TIMEOUT": "soon"}))
	if err == nil {
		t.Fatal("invalid configuration accepted")
	}
	for _, name := range []string{"PLANWERK_ADDR", "PLANWERK_LOG_LEVEL", "PLANWERK_DB_TIMEOUT"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not name %s", err, name)
		}
	}
}
