package testdb

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/migrations"
)

// templateLockKey serialises template building across test binaries that
// share one server (go test runs packages in parallel).
const templateLockKey = 0x706c616e77726b // "planwrk"

var (
	setupOnce sync.Once
	admin     *pgxpool.Pool
	template  string
	setupErr  error
)

// setup connects to the server and makes sure the template exists, once per
// test binary.
func setup() (*pgxpool.Pool, string, error) {
	setupOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		admin, setupErr = pgxpool.New(ctx, serverURL)
		if setupErr != nil {
			return
		}
		template, setupErr = ensureTemplate(ctx, admin)
	})
	return admin, template, setupErr
}

func closeAdmin() {
	if admin != nil {
		admin.Close()
	}
}

// ensureTemplate returns the name of a database migrated to the current
// migrations. The name carries a hash of the migration files, so a shared
// server keeps one template per schema version and rebuilds nothing that is
// current. It is built under another name and renamed when complete, so a
// run that dies halfway never leaves a template that looks finished.
func ensureTemplate(ctx context.Context, admin *pgxpool.Pool) (string, error) {
	hash, err := migrationsHash()
	if err != nil {
		return "", err
	}
	name := "planwerk_tpl_" + hash[:16]
	conn, err := admin.Acquire(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", int64(templateLockKey)); err != nil {
		return "", err
	}
	defer func() {
		// An error here is harmless: the lock dies with the session.
		_, _ = conn.Exec(context.Background(), "SELECT pg_advisory_unlock($1)", int64(templateLockKey))
	}()
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	return name, buildTemplate(ctx, admin, name)
}

func buildTemplate(ctx context.Context, admin *pgxpool.Pool, name string) error {
	building := name + "_building"
	for _, stmt := range []string{
		"DROP DATABASE IF EXISTS " + quoteIdent(building) + " WITH (FORCE)",
		"CREATE DATABASE " + quoteIdent(building),
	} {
		if _, err := admin.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("Template-Datenbank: %w", err)
		}
	}
	buildURL, err := databaseURL(serverURL, building)
	if err != nil {
		return err
	}
	if err := postgres.Migrate(ctx, buildURL); err != nil {
		return err
	}
	// IS_TEMPLATE also guards against an accidental DROP on a shared server.
	for _, stmt := range []string{
		"ALTER DATABASE " + quoteIdent(building) + " RENAME TO " + quoteIdent(name),
		"ALTER DATABASE " + quoteIdent(name) + " IS_TEMPLATE true",
	} {
		if _, err := admin.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("Template-Datenbank: %w", err)
		}
	}
	return nil
}

// cloneTemplate creates a database with a random name from the template.
func cloneTemplate(admin *pgxpool.Pool, template string) (string, error) {
	var id [6]byte
	if _, err := rand.Read(id[:]); err != nil {
		return "", err
	}
	name := "planwerk_test_" + hex.EncodeToString(id[:])
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	stmt := "CREATE DATABASE " + quoteIdent(name) + " TEMPLATE " + quoteIdent(template)
	if _, err := admin.Exec(ctx, stmt); err != nil {
		return "", fmt.Errorf("Test-Datenbank anlegen: %w", err)
	}
	return name, nil
}

// migrationsHash covers the name and content of every migration file.
func migrationsHash() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(migrations.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := migrations.FS.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		fmt.Fprintf(h, "%s\x00", path)
		_, err = io.Copy(h, f)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("Migrationen lesen: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// databaseURL replaces the database name in a postgres:// URL.
func databaseURL(server, dbname string) (string, error) {
	u, err := url.Parse(server)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", fmt.Errorf("%s muss eine postgres://-URL sein / must be a postgres:// URL", EnvURL)
	}
	u.Path = "/" + dbname
	u.RawPath = ""
	return u.String(), nil
}

func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
