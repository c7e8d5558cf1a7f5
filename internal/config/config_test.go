package config

import (
	"log/slog"
	"reflect"
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
	want := Defaults
	want.DatabaseURL, want.Addr, want.DataDir = "postgres://db/planwerk", ":9090", "/var/lib/planwerk"
	want.Operator, want.LogLevel, want.DBTimeout = "Kreis Borken", slog.LevelDebug, 2*time.Second
	want.OIDCRoleMap = map[string]RoleGrant{}
	if !reflect.DeepEqual(c, want) {
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

func TestLoadReadsSignInSettings(t *testing.T) {
	c, err := Load(env(map[string]string{
		"PLANWERK_PUBLIC_URL": "https://planwerk.example.de/", "PLANWERK_OIDC_ISSUER": "https://idp.example.de/realms/kreis",
		"PLANWERK_OIDC_CLIENT_ID": "planwerk", "PLANWERK_OIDC_ROLE_CLAIM": "groups",
		"PLANWERK_OIDC_ROLE_MAP": "pw-ki=ki@kreis-coesfeld, pw-duelmen=coordinator@duelmen",
		"PLANWERK_SESSION_IDLE":  "30m",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.PublicURL != "https://planwerk.example.de" || !c.SecureCookies() || c.SessionIdle != 30*time.Minute || c.SessionLifetime != 12*time.Hour {
		t.Errorf("got %+v", c)
	}
	want := map[string]RoleGrant{"pw-ki": {"ki", "kreis-coesfeld"}, "pw-duelmen": {"coordinator", "duelmen"}}
	if !reflect.DeepEqual(c.OIDCRoleMap, want) {
		t.Errorf("role map = %v, want %v", c.OIDCRoleMap, want)
	}
}

func TestLoadRefusesBrokenSignInSettings(t *testing.T) {
	_, err := Load(env(map[string]string{"PLANWERK_PUBLIC_URL": "planwerk", "PLANWERK_OIDC_ISSUER": "https://idp",
		"PLANWERK_OIDC_ROLE_MAP": "ki", "PLANWERK_SESSION_LIFETIME": "-1h"}))
	for _, name := range []string{"PLANWERK_PUBLIC_URL", "PLANWERK_OIDC_CLIENT_ID", "PLANWERK_OIDC_ROLE_MAP", "PLANWERK_SESSION_LIFETIME"} {
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("error %v does not name %s", err, name)
		}
	}
}

func TestLoadReadsAndChecksTimeouts(t *testing.T) {
	c, err := Load(env(map[string]string{"PLANWERK_REQUEST_TIMEOUT": "3s", "PLANWERK_DB_ACQUIRE_TIMEOUT": "1s",
		"PLANWERK_DB_STATEMENT_TIMEOUT": "0", "PLANWERK_DB_LOCK_TIMEOUT": "500ms", "PLANWERK_SHUTDOWN_TIMEOUT": "20s"}))
	if err != nil {
		t.Fatal(err)
	}
	want := Timeouts{RequestTimeout: 3 * time.Second, DBAcquireTimeout: time.Second, DBStatementTimeout: 0,
		DBLockTimeout: 500 * time.Millisecond, ShutdownTimeout: 20 * time.Second}
	if c.Timeouts != want {
		t.Errorf("got %+v, want %+v", c.Timeouts, want)
	}
	if d := Defaults.Timeouts; d.RequestTimeout > 5*time.Second || d.RequestTimeout >= WriteTimeout || d.DBAcquireTimeout >= d.RequestTimeout {
		t.Errorf("defaults %+v do not answer a hung database within 5 s", d)
	}
	_, err = Load(env(map[string]string{"PLANWERK_REQUEST_TIMEOUT": "2m", "PLANWERK_DB_ACQUIRE_TIMEOUT": "0",
		"PLANWERK_DB_STATEMENT_TIMEOUT": "-1s", "PLANWERK_DB_LOCK_TIMEOUT": "bald", "PLANWERK_SHUTDOWN_TIMEOUT": "0s"}))
	for _, name := range []string{"PLANWERK_REQUEST_TIMEOUT", "PLANWERK_DB_ACQUIRE_TIMEOUT", "PLANWERK_DB_STATEMENT_TIMEOUT",
		"PLANWERK_DB_LOCK_TIMEOUT", "PLANWERK_SHUTDOWN_TIMEOUT"} {
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("error %v does not name %s", err, name)
		}
	}
}
