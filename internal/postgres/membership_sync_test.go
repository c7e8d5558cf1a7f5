package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// memberships lists a user's memberships as "role@org/source", sorted.
func (f fixture) memberships(t *testing.T, userID int64) []string {
	t.Helper()
	rows, err := f.pool.Query(context.Background(), `
		SELECT m.role || '@' || o.slug || '/' || m.source
		FROM memberships m JOIN organisations o ON o.id = m.organisation_id
		WHERE m.user_id = $1 ORDER BY 1`, userID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// membershipEvents lists the membership audit events as
// "action role@org source actor", oldest first.
func (f fixture) membershipEvents(t *testing.T) []string {
	t.Helper()
	rows, err := f.pool.Query(context.Background(), `
		SELECT action, coalesce(changes->'role'->>'new', changes->'role'->>'old'),
		       coalesce(changes->'organisation'->>'new', changes->'organisation'->>'old', ''),
		       coalesce(changes->'source'->>'new', changes->'source'->>'old', ''),
		       coalesce(changes->'user_id'->>'new', changes->'user_id'->>'old', ''),
		       CASE WHEN actor_id IS NULL THEN 'system' ELSE 'user' END
		FROM audit_events WHERE entity = 'membership' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var action, role, org, source, user, actor string
		if err := rows.Scan(&action, &role, &org, &source, &user, &actor); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %s@%s %s user=%s %s", action, role, org, source, user, actor))
	}
	return out
}

func (f fixture) sync(t *testing.T, want ...domain.OrgRole) {
	t.Helper()
	unknown, err := f.db.SyncClaimMemberships(context.Background(), f.actor, want)
	if err != nil || len(unknown) != 0 {
		t.Fatalf("sync %v: unknown %v, err %v", want, unknown, err)
	}
}

func equal(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got  %s\n want %s", what, strings.Join(got, " | "), strings.Join(want, " | "))
	}
}

func TestSyncClaimMembershipsFollowsTheClaimAndAuditsEachChange(t *testing.T) {
	f := newFixture(t)
	ki, coordDuelmen := domain.OrgRole{OrgSlug: "kreis", Role: domain.RoleKI}, domain.OrgRole{OrgSlug: "duelmen", Role: domain.RoleCoordinator}
	user := fmt.Sprint(f.actor)

	f.sync(t, coordDuelmen, ki)
	f.sync(t, ki, coordDuelmen) // the same claim again changes nothing
	equal(t, "after the first sign-ins", f.memberships(t, f.actor), "coordinator@duelmen/claim", "ki@kreis/claim")

	f.sync(t, coordDuelmen) // ki left the claim
	equal(t, "after ki left the claim", f.memberships(t, f.actor), "coordinator@duelmen/claim")

	f.sync(t) // the claim is empty
	equal(t, "after the claim emptied", f.memberships(t, f.actor))

	events := f.membershipEvents(t)
	slices.Sort(events) // the order within one sync is not defined
	equal(t, "audit events", events,
		"create coordinator@duelmen claim user="+user+" system",
		"create ki@kreis claim user="+user+" system",
		"delete coordinator@duelmen claim user="+user+" system",
		"delete ki@kreis claim user="+user+" system")
}

// A membership granted by hand is never touched by the sync, also when the
// claim grants the same role in the same organisation: one row stays, and
// it stays manual.
func TestSyncClaimMembershipsNeverTouchesManualMemberships(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, org := range []int64{f.olfen, f.duelmen} {
		if err := f.db.GrantMembership(ctx, &f.actor, f.actor, org, domain.RoleCoordinator); err != nil {
			t.Fatal(err)
		}
	}
	before := f.membershipEvents(t)
	f.sync(t, domain.OrgRole{OrgSlug: "duelmen", Role: domain.RoleCoordinator})
	equal(t, "with the claim", f.memberships(t, f.actor), "coordinator@duelmen/manual", "coordinator@olfen/manual")
	f.sync(t)
	equal(t, "without the claim", f.memberships(t, f.actor), "coordinator@duelmen/manual", "coordinator@olfen/manual")
	equal(t, "audit events", f.membershipEvents(t), before...)
}

func TestSyncClaimMembershipsReportsUnknownOrganisationsAndRoles(t *testing.T) {
	f := newFixture(t)
	atlantis := domain.OrgRole{OrgSlug: "atlantis", Role: domain.RoleKI}
	root := domain.OrgRole{OrgSlug: "duelmen", Role: "root"}
	unknown, err := f.db.SyncClaimMemberships(context.Background(), f.actor,
		[]domain.OrgRole{atlantis, root, {OrgSlug: "olfen", Role: domain.RoleCommittee}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(unknown, []domain.OrgRole{atlantis, root}) {
		t.Errorf("unknown = %v, want atlantis and the role root", unknown)
	}
	equal(t, "memberships", f.memberships(t, f.actor), "committee@olfen/claim")
}

// Memberships from before the source was recorded count as manual.
func TestMembershipsWithoutASourceAreManual(t *testing.T) {
	f := newFixture(t)
	if _, err := f.pool.Exec(context.Background(),
		`INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, 'ki')`, f.actor, f.county); err != nil {
		t.Fatal(err)
	}
	equal(t, "memberships", f.memberships(t, f.actor), "ki@kreis/manual")
	if _, err := f.pool.Exec(context.Background(),
		`UPDATE memberships SET source = 'guess' WHERE user_id = $1`, f.actor); err == nil {
		t.Error("a source other than manual or claim was accepted")
	}
}

// Two tabs signing in at once with different claims: whatever the order,
// the audit log accounts for every membership that is left, once.
func TestConcurrentSyncsKeepTheAuditLogConsistent(t *testing.T) {
	f := newFixture(t)
	claims := [][]domain.OrgRole{
		{{OrgSlug: "kreis", Role: domain.RoleKI}, {OrgSlug: "duelmen", Role: domain.RoleCoordinator}},
		{{OrgSlug: "duelmen", Role: domain.RoleCoordinator}, {OrgSlug: "olfen", Role: domain.RoleCommittee}},
		{},
	}
	var wg sync.WaitGroup
	errs := make(chan error, 30)
	for i := range 30 {
		wg.Go(func() {
			if _, err := f.db.SyncClaimMemberships(context.Background(), f.actor, claims[i%len(claims)]); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// Per role and organisation: creates minus deletes is 1 if held, else 0.
	var wrong int
	err := f.pool.QueryRow(context.Background(), `
		WITH net AS (
			SELECT changes->'role'->>CASE action WHEN 'create' THEN 'new' ELSE 'old' END AS role,
			       organisation_id, sum(CASE action WHEN 'create' THEN 1 ELSE -1 END) AS n
			FROM audit_events WHERE entity = 'membership' GROUP BY 1, 2)
		SELECT count(*) FROM net
		FULL JOIN (SELECT role, organisation_id FROM memberships WHERE user_id = $1) m USING (role, organisation_id)
		WHERE coalesce(net.n, 0) <> CASE WHEN m.role IS NULL THEN 0 ELSE 1 END`, f.actor).Scan(&wrong)
	if err != nil {
		t.Fatal(err)
	}
	if wrong != 0 {
		t.Errorf("%d memberships whose audit trail does not add up; now %v", wrong, f.memberships(t, f.actor))
	}
}
