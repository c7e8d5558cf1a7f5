package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/service/membership"
	"github.com/planwerk/planwerk/internal/testdb"
)

// adminDB is a migrated database with the county office and one town.
func adminDB(t *testing.T) *postgres.DB {
	t.Helper()
	ctx := context.Background()
	url := testdb.URL(t)
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	for _, sql := range []string{
		`INSERT INTO organisations (slug, name, kind) VALUES ('kreis', 'Kreis', 'county')`,
		`INSERT INTO organisations (slug, name, kind, parent_id) SELECT 'duelmen', 'Dülmen', 'municipality', id FROM organisations WHERE slug = 'kreis'`,
	} {
		if _, err := pool.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	db, err := postgres.Open(ctx, url, postgres.Options{ConnectTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	return db
}

func grantOut(t *testing.T, db *postgres.DB, args ...string) (string, error) {
	t.Helper()
	g, err := parseGrant(args, "https://idp.example")
	if err != nil {
		return "", err
	}
	var out bytes.Buffer
	err = adminGrant(context.Background(), membership.New(db), g, &out)
	return out.String(), err
}

// An installation without any admin gets one back: the person is created,
// granted the role, and keeps it when they sign in for the first time.
func TestAdminGrantRestoresAccess(t *testing.T) {
	db := adminDB(t)
	ctx := context.Background()
	out, err := grantOut(t, db, "--subject", "sub-42", "--email", "it@kreis.example", "--org", "kreis")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Person angelegt: it@kreis.example (Issuer https://idp.example, Subject sub-42)",
		"Rolle „Administration“ in Kreis an", "ohne handelnde Person"} {
		if !strings.Contains(out, want) {
			t.Errorf("output %q lacks %q", out, want)
		}
	}
	user, err := db.UpsertUserAtLogin(ctx, "https://idp.example", "sub-42", "Erika IT", "it@kreis.example")
	if err != nil {
		t.Fatal(err)
	}
	ms, err := db.FindMemberships(ctx, user.ID)
	if err != nil || len(ms) != 1 || ms[0].Role != domain.RoleAdmin || ms[0].OrgSlug != "kreis" {
		t.Fatalf("memberships after the first sign-in = %+v, %v", ms, err)
	}
	org, _ := db.FindOrganisationBySlug(ctx, "kreis")
	events, err := db.FindAuditEvents(ctx, org.ID, "membership", ms[0].ID)
	if err != nil || len(events) != 1 || events[0].Action != "create" || events[0].ActorID != nil {
		t.Errorf("audit events = %+v, %v; want one creation without an actor", events, err)
	}

	// Again, now by e-mail: nothing changes, and the operator is told so.
	out, err = grantOut(t, db, "--email", "IT@kreis.example", "--org", "kreis")
	if err != nil || !strings.Contains(out, "Erika IT (Issuer https://idp.example, Subject sub-42) hat die Rolle „Administration“ in Kreis bereits") {
		t.Errorf("second grant: %q, %v", out, err)
	}
	if ms, _ := db.FindMemberships(ctx, user.ID); len(ms) != 1 {
		t.Errorf("memberships after granting twice = %+v", ms)
	}
}

func TestAdminGrantRefusesWhatThePageRefuses(t *testing.T) {
	db := adminDB(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"admin of a town", []string{"--subject", "s1", "--org", "duelmen"}, "Diese Rolle wird für den Kreis vergeben"},
		{"unknown organisation", []string{"--subject", "s1", "--org", "atlantis"}, `Die Organisation "atlantis" gibt es nicht.`},
		{"unknown role", []string{"--subject", "s1", "--role", "root", "--org", "kreis"}, `Die Rolle "root" gibt es nicht`},
		{"e-mail of nobody", []string{"--email", "nobody@example.de", "--org", "kreis"}, "hat sich bisher angemeldet"},
		{"no person", []string{"--org", "kreis"}, "Bitte geben Sie --subject"},
		{"no organisation", []string{"--subject", "s1"}, "Bitte geben Sie die Organisation an"},
		{"not a grant", []string{"--subject", "s1", "--org", "kreis", "extra"}, "Aufruf: planwerk admin grant"},
	}
	for _, tt := range tests {
		out, err := grantOut(t, db, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one containing %q", tt.name, err, tt.want)
		}
		if out != "" {
			t.Errorf("%s: printed %q although it refused", tt.name, out)
		}
	}
	accounts, err := db.FindAccounts(context.Background())
	if err != nil || len(accounts) != 0 {
		t.Errorf("people after refused grants: %+v, %v", accounts, err)
	}
}
