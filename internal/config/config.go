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
	// Chromium (PLANWERK_CHROMIUM) is the browser that prints the reports'
	// PDFs; empty means: look for chromium, chromium-browser, google-chrome on PATH.
	Chromium string
	// LogLevel (PLANWERK_LOG_LEVEL): debug, info, warn or error.
	LogLevel slog.Level
	// DBTimeout (PLANWERK_DB_TIMEOUT) bounds connecting to the database at start.
	DBTimeout time.Duration
	// Timeouts that bound how long a request waits for a hung database and
	// how long shutdown takes; see timeouts.go.
	Timeouts
	// Offers: the public directory's confirmation links and open data (offers.go).
	Offers

	// PublicURL (PLANWERK_PUBLIC_URL) is the address users reach the app at;
	// the sign-in callback and the Secure cookie flag derive from it.
	PublicURL string
	// OIDCIssuer (PLANWERK_OIDC_ISSUER) is the identity provider's issuer URL.
	// Empty in demo mode: `planwerk demo` starts its own provider.
	OIDCIssuer string
	// OIDCClientID and OIDCClientSecret (PLANWERK_OIDC_CLIENT_ID, PLANWERK_OIDC_CLIENT_SECRET)
	// are this app's registration at the provider.
	OIDCClientID     string
	OIDCClientSecret string
	// OIDCRoleClaim (PLANWERK_OIDC_ROLE_CLAIM) names a claim, such as "groups",
	// whose values grant memberships through OIDCRoleMap.
	OIDCRoleClaim string
	// OIDCRoleMap (PLANWERK_OIDC_ROLE_MAP) maps claim values to memberships:
	// "value=role@organisation-slug,…", e.g. "pw-ki=ki@kreis-coesfeld".
	OIDCRoleMap map[string]RoleGrant
	// SessionIdle and SessionLifetime (PLANWERK_SESSION_IDLE, PLANWERK_SESSION_LIFETIME)
	// end a session after inactivity and after its absolute age.
	SessionIdle     time.Duration
	SessionLifetime time.Duration
	// DemoIdPAddr (PLANWERK_DEMO_IDP_ADDR) is where `planwerk demo` runs its
	// own OpenID provider; always a loopback address.
	DemoIdPAddr string
	// Mail is the SMTP relay (mail.go).
	Mail Mail
}

// RoleGrant is a membership granted by a claim value.
type RoleGrant struct {
	Role    string
	OrgSlug string
}

// Defaults are the embedded settings `make run` relies on.
var Defaults = Config{
	Addr:      "127.0.0.1:8080",
	DataDir:   ".local",
	Operator:  "Kreis Coesfeld – Kommunales Integrationszentrum",
	LogLevel:  slog.LevelInfo,
	DBTimeout: 5 * time.Second,
	Timeouts:  DefaultTimeouts,
	Offers:    DefaultOffers,

	PublicURL:       "http://localhost:8080",
	SessionIdle:     60 * time.Minute,
	SessionLifetime: 12 * time.Hour,
	DemoIdPAddr:     "127.0.0.1:8081",
	Mail:            Mail{SMTPTLS: SMTPTLSStartTLS, SMTPPort: 587},
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
	setString(&c.Chromium, getenv("PLANWERK_CHROMIUM"))
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
	problems = append(problems, c.loadAuth(getenv)...)
	problems = append(problems, c.Timeouts.load(getenv)...)
	problems = append(problems, c.Mail.load(getenv)...)
	problems = append(problems, c.Offers.load(getenv)...)
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
