// Package config reads Planwerk's settings from the environment into one
// struct, validated at start and passed explicitly (no globals).
package config

import (
	"fmt"
	"log/slog"
	"net"
	"strings"
	"time"
)

// Config holds every setting. Each field names its environment variable.
type Config struct {
	// DatabaseURL (PLANWERK_DATABASE_URL) points at an existing PostgreSQL.
	// Empty means: start a project-local cluster under DataDir.
	DatabaseURL string
	// Addr (PLANWERK_ADDR) is where the web server listens.
	Addr string
	// DataDir (PLANWERK_DATA_DIR) holds the project-local cluster.
	DataDir string
	// Operator (PLANWERK_OPERATOR) names the body running this instance, shown in the page header.
	Operator string
	// LogLevel (PLANWERK_LOG_LEVEL): debug, info, warn or error.
	LogLevel slog.Level
	// DBTimeout (PLANWERK_DB_TIMEOUT) bounds connecting to the database at start.
	DBTimeout time.Duration
}

// Defaults are the embedded settings `make run` relies on.
var Defaults = Config{
	Addr:      "127.0.0.1:8080",
	DataDir:   ".local",
	Operator:  "Kreis Coesfeld – Kommunales Integrationszentrum",
	LogLevel:  slog.LevelInfo,
	DBTimeout: 5 * time.Second,
}

// Load reads the configuration through getenv (os.Getenv in production) and
// validates it. Every problem is reported, not just the first.
func Load(getenv func(string) string) (Config, error) {
	c := Defaults
	var problems []string
	c.DatabaseURL = strings.TrimSpace(getenv("PLANWERK_DATABASE_URL"))
	setString(&c.Addr, getenv("PLANWERK_ADDR"))
	setString(&c.DataDir, getenv("PLANWERK_DATA_DIR"))
	setString(&c.Operator, getenv("PLANWERK_OPERATOR"))
	if v := getenv("PLANWERK_LOG_LEVEL"); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			problems = append(problems, fmt.Sprintf("PLANWERK_LOG_LEVEL=%q: erwartet debug, info, warn oder error", v))
		}
	}
	if v := getenv("PLANWERK_DB_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			problems = append(problems, fmt.Sprintf("PLANWERK_DB_TIMEOUT=%q: erwartet eine Dauer wie 5s", v))
		}
		c.DBTimeout = d
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		problems = append(problems, fmt.Sprintf("PLANWERK_ADDR=%q: erwartet Host:Port, z. B. 127.0.0.1:8080", c.Addr))
	}
	if len(problems) > 0 {
		return c, fmt.Errorf("Konfiguration ungültig: %s", strings.Join(problems, "; "))
	}
	return c, nil
}

func setString(dst *string, v string) {
	if v = strings.TrimSpace(v); v != "" {
		*dst = v
	}
}
