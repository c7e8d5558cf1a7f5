package testdb_test

import (
	"context"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/planwerk/planwerk/internal/testdb"
	"github.com/planwerk/planwerk/migrations"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func count(t *testing.T, pool *pgxpool.Pool, sql string) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), sql).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

func TestEachNewGetsItsOwnDatabase(t *testing.T) {
	t.Parallel()
	a, b := testdb.New(t), testdb.New(t)
	ctx := context.Background()
	var nameA, nameB string
	if err := a.QueryRow(ctx, "SELECT current_database()").Scan(&nameA); err != nil {
		t.Fatal(err)
	}
	if err := b.QueryRow(ctx, "SELECT current_database()").Scan(&nameB); err != nil {
		t.Fatal(err)
	}
	if nameA == nameB {
		t.Fatalf("both pools use database %s", nameA)
	}
	if _, err := a.Exec(ctx, "INSERT INTO organisations (slug, name, kind) VALUES ('kreis-coesfeld', 'Kreis Coesfeld', 'county')"); err != nil {
		t.Fatal(err)
	}
	if n := count(t, a, "SELECT count(*) FROM organisations"); n != 1 {
		t.Errorf("database A holds %d organisations, want 1", n)
	}
	if n := count(t, b, "SELECT count(*) FROM organisations"); n != 0 {
		t.Errorf("database B holds %d organisations, want 0: the databases are not separate", n)
	}
}

// latestMigration reads the highest version from the file names, so the test
// keeps holding when migrations are added.
func latestMigration(t *testing.T) int {
	t.Helper()
	names, err := fs.Glob(migrations.FS, "*.sql")
	if err != nil || len(names) == 0 {
		t.Fatalf("no migrations found: %v", err)
	}
	sort.Strings(names)
	last := names[len(names)-1]
	v, err := strconv.Atoi(last[:strings.IndexByte(last, '_')])
	if err != nil {
		t.Fatalf("migration %s has no numeric version: %v", last, err)
	}
	return v
}

func TestSchemaIsMigrated(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	if n := count(t, pool, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = 'implementations'"); n != 1 {
		t.Errorf("table implementations missing")
	}
	want := latestMigration(t)
	got := count(t, pool, "SELECT max(version_id) FROM goose_db_version WHERE is_applied")
	if got != want {
		t.Errorf("goose_db_version at %d, want %d", got, want)
	}
}

func TestURLGivesAFreshDatabaseEachCall(t *testing.T) {
	t.Parallel()
	first, second := testdb.URL(t), testdb.URL(t)
	if first == second {
		t.Fatalf("URL returned %s twice", first)
	}
	pool, err := pgxpool.New(context.Background(), second)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	if n := count(t, pool, "SELECT count(*) FROM measures"); n != 0 {
		t.Errorf("fresh database holds %d measures", n)
	}
}
