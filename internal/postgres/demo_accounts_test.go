package postgres_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/seed"
	"github.com/planwerk/planwerk/internal/testdb"
)

const demoAccountsIssuer = "http://127.0.0.1:8081"

var demoAccountsInput = []postgres.DemoAccount{
	{Subject: "demo-admin", Name: "Administration Planwerk", Email: "planwerk-admin@kreis-coesfeld.de", Role: "admin", OrgSlug: "kreis-coesfeld"},
	{Subject: "demo-ki-1", Name: "KI – Team Integration 1", Email: "ki@kreis-coesfeld.de", Role: "ki", OrgSlug: "kreis-coesfeld"},
	{Subject: "demo-duelmen", Name: "Koordination Dülmen", Email: "integration@duelmen.de", Role: "coordinator", OrgSlug: "duelmen"},
	{Subject: "demo-olfen", Name: "Koordination Olfen", Email: "integration@olfen.de", Role: "coordinator", OrgSlug: "olfen"},
	{Subject: "demo-ausschuss-1", Name: "Integrationsausschuss – Mitglied 1", Email: "ausschuss-1@kreis-coesfeld.de", Role: "committee", OrgSlug: "kreis-coesfeld"},
}

// demoAccountsDB is a database with the demo organisations (and plan, but
// no implementations: they are not needed here).
func demoAccountsDB(t *testing.T) (*postgres.DB, *pgxpool.Pool) {
	t.Helper()
	pool := testdb.New(t)
	db := postgres.NewDB(pool)
	if _, err := db.SeedDemo(context.Background(), seed.CoesfeldConcept(), seed.Organisations(), nil); err != nil {
		t.Fatalf("SeedDemo: %v", err)
	}
	return db, pool
}

// demoAccountsGrants lists "subject name email role@org" for every
// membership of issuer's users.
func demoAccountsGrants(t *testing.T, pool *pgxpool.Pool, issuer string) map[string]string {
	t.Helper()
	rows, err := pool.Query(context.Background(), `
		SELECT u.subject, u.name || ' ' || u.email || ' ' || m.role || '@' || o.slug
		FROM users u JOIN memberships m ON m.user_id = u.id JOIN organisations o ON o.id = m.organisation_id
		WHERE u.issuer = $1`, issuer)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	grants := map[string]string{}
	for rows.Next() {
		var subject, grant string
		if err := rows.Scan(&subject, &grant); err != nil {
			t.Fatal(err)
		}
		grants[subject] = grant
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return grants
}

func demoAccountsCount(t *testing.T, pool *pgxpool.Pool, sql string) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), sql).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

func TestEnsureDemoAccountsCreatesUsersAndMemberships(t *testing.T) {
	db, pool := demoAccountsDB(t)
	if err := db.EnsureDemoAccounts(context.Background(), demoAccountsIssuer, demoAccountsInput); err != nil {
		t.Fatal(err)
	}
	grants := demoAccountsGrants(t, pool, demoAccountsIssuer)
	if len(grants) != len(demoAccountsInput) {
		t.Errorf("%d users with memberships, want %d: %v", len(grants), len(demoAccountsInput), grants)
	}
	for _, a := range demoAccountsInput {
		if want := a.Name + " " + a.Email + " " + a.Role + "@" + a.OrgSlug; grants[a.Subject] != want {
			t.Errorf("%s: %q, want %q", a.Subject, grants[a.Subject], want)
		}
	}
	if n := demoAccountsCount(t, pool, `SELECT count(*) FROM audit_events WHERE entity = 'membership' AND action = 'create' AND actor_id IS NULL`); n != len(demoAccountsInput) {
		t.Errorf("%d membership grants audited, want %d", n, len(demoAccountsInput))
	}
}

func TestEnsureDemoAccountsIsIdempotent(t *testing.T) {
	db, pool := demoAccountsDB(t)
	ctx := context.Background()
	if err := db.EnsureDemoAccounts(ctx, demoAccountsIssuer, demoAccountsInput); err != nil {
		t.Fatal(err)
	}
	renamed := append([]postgres.DemoAccount(nil), demoAccountsInput...)
	renamed[2].Name, renamed[2].Email = "Koordination Stadt Dülmen", "integration@duelmen.example"
	if err := db.EnsureDemoAccounts(ctx, demoAccountsIssuer, renamed); err != nil {
		t.Fatal(err)
	}
	if n := demoAccountsCount(t, pool, `SELECT count(*) FROM users`); n != len(demoAccountsInput) {
		t.Errorf("users = %d after the second run, want %d", n, len(demoAccountsInput))
	}
	if n := demoAccountsCount(t, pool, `SELECT count(*) FROM memberships`); n != len(demoAccountsInput) {
		t.Errorf("memberships = %d after the second run, want %d", n, len(demoAccountsInput))
	}
	if n := demoAccountsCount(t, pool, `SELECT count(*) FROM audit_events`); n != len(demoAccountsInput) {
		t.Errorf("audit events = %d after the second run, want %d (nothing new granted)", n, len(demoAccountsInput))
	}
	if got := demoAccountsGrants(t, pool, demoAccountsIssuer)["demo-duelmen"]; got != "Koordination Stadt Dülmen integration@duelmen.example coordinator@duelmen" {
		t.Errorf("demo-duelmen = %q, want the new name and e-mail", got)
	}
}

func TestEnsureDemoAccountsKeysUsersByIssuer(t *testing.T) {
	db, pool := demoAccountsDB(t)
	ctx := context.Background()
	for _, issuer := range []string{demoAccountsIssuer, "http://127.0.0.1:9091"} {
		if err := db.EnsureDemoAccounts(ctx, issuer, demoAccountsInput[:1]); err != nil {
			t.Fatal(err)
		}
	}
	if n := demoAccountsCount(t, pool, `SELECT count(DISTINCT issuer) FROM users WHERE subject = 'demo-admin'`); n != 2 {
		t.Errorf("demo-admin exists under %d issuers, want 2", n)
	}
}

func TestEnsureDemoAccountsRefusesUnknownOrganisationsAndRoles(t *testing.T) {
	db, pool := demoAccountsDB(t)
	ctx := context.Background()
	bad := append([]postgres.DemoAccount(nil), demoAccountsInput...)
	bad = append(bad, postgres.DemoAccount{Subject: "demo-x", Name: "X", Role: "coordinator", OrgSlug: "atlantis"})
	err := db.EnsureDemoAccounts(ctx, demoAccountsIssuer, bad)
	if domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("unknown organisation: err = %v, want invalid", err)
	}
	bad[len(bad)-1] = postgres.DemoAccount{Subject: "demo-x", Name: "X", Role: "king", OrgSlug: "duelmen"}
	if err := db.EnsureDemoAccounts(ctx, demoAccountsIssuer, bad); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("unknown role: err = %v, want invalid", err)
	}
	// All or nothing: the valid accounts of a refused call are not written.
	if n := demoAccountsCount(t, pool, `SELECT count(*) FROM users`); n != 0 {
		t.Errorf("users = %d after refused calls, want 0", n)
	}
}
