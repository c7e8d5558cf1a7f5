package postgres_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// user adds a person with no role.
func (f fixture) user(t *testing.T, subject string) int64 {
	t.Helper()
	u, err := f.db.UpsertUserAtLogin(context.Background(), "https://idp", subject, "Person "+subject, "")
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func (f fixture) grant(t *testing.T, userID, orgID int64, role domain.Role) int64 {
	t.Helper()
	ctx := context.Background()
	if err := f.db.GrantMembership(ctx, &f.actor, userID, orgID, role); err != nil {
		t.Fatalf("grant %s: %v", role, err)
	}
	ms, err := f.db.FindMemberships(ctx, userID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Role == role && m.OrganisationID == orgID {
			return m.ID
		}
	}
	t.Fatalf("granted %s is missing: %+v", role, ms)
	return 0
}

// The store applies domain.CheckMembership, so no caller (page or command)
// can create a pair the domain forbids; refused grants leave nothing behind.
func TestGrantMembershipRefusesInvalidPairs(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	member := f.user(t, "sub-member")
	f.grant(t, member, f.county, domain.RoleCommittee)
	tests := []struct {
		name    string
		org     int64
		role    domain.Role
		wantKey string
	}{
		{"coordinator of the county office", f.county, domain.RoleCoordinator, "error.membership.coordinatorInTown"},
		{"KI of a town", f.duelmen, domain.RoleKI, "error.membership.roleInCounty"},
		{"committee member as coordinator", f.duelmen, domain.RoleCoordinator, "error.membership.committeeAlone"},
		{"no role", f.county, "", "error.store.roleMissing"},
	}
	for _, tt := range tests {
		err := f.db.GrantMembership(ctx, &f.actor, member, tt.org, tt.role)
		if domain.ErrorKey(err) != tt.wantKey || domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("%s: err = %v, want invalid %s", tt.name, err, tt.wantKey)
		}
	}
	if ms, _ := f.db.FindMemberships(ctx, member); len(ms) != 1 {
		t.Errorf("memberships after refused grants = %+v, want only the committee", ms)
	}
	unknown := f.db.GrantMembership(ctx, &f.actor, member+1000, f.county, domain.RoleKI)
	if domain.ErrorCode(unknown) != domain.CodeInvalid {
		t.Errorf("grant to an unknown person: err = %v, want invalid", unknown)
	}
}

func TestRevokeMembershipRefusesTheLastAdmin(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	first := f.grant(t, f.user(t, "sub-a"), f.county, domain.RoleAdmin)
	second := f.grant(t, f.user(t, "sub-b"), f.county, domain.RoleAdmin)
	if err := f.db.RevokeMembership(ctx, &f.actor, first); err != nil {
		t.Fatalf("revoking one of two admins: %v", err)
	}
	err := f.db.RevokeMembership(ctx, &f.actor, second)
	if domain.ErrorKey(err) != "error.membership.lastAdmin" || domain.ErrorCode(err) != domain.CodeConflict {
		t.Fatalf("revoking the last admin: err = %v, want conflict error.membership.lastAdmin", err)
	}
	if n := f.adminCount(t); n != 1 {
		t.Errorf("%d admin memberships left, want 1", n)
	}
	events, _ := f.db.FindAuditEvents(ctx, f.county, "membership", second)
	if len(events) != 1 || events[0].Action != "create" {
		t.Errorf("audit events of the kept admin role = %+v, want only its creation", events)
	}
}

// Two administrators revoke each other at the same moment: the check runs in
// each transaction under a lock, so one of them must be refused. The test
// holds the admin rows itself until both revokes wait for them, so the two
// really overlap instead of running one after the other by chance.
func TestConcurrentRevokesLeaveOneAdmin(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ids := []int64{
		f.grant(t, f.user(t, "sub-a"), f.county, domain.RoleAdmin),
		f.grant(t, f.user(t, "sub-b"), f.county, domain.RoleAdmin),
	}
	hold, err := f.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Rollback(ctx)
	if _, err := hold.Exec(ctx, `SELECT id FROM memberships WHERE role = 'admin' FOR UPDATE`); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, len(ids))
	for i, id := range ids {
		wg.Go(func() { errs[i] = f.db.RevokeMembership(ctx, &f.actor, id) })
	}
	f.waitForLockWaiters(t, len(ids))
	if err := hold.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	refused := 0
	for _, err := range errs {
		switch {
		case domain.ErrorKey(err) == "error.membership.lastAdmin":
			refused++
		case err != nil:
			t.Fatalf("unexpected error %v", err)
		}
	}
	if n := f.adminCount(t); n != 1 || refused != 1 {
		t.Fatalf("%d admins left, %d revokes refused; want 1 and 1", n, refused)
	}
}

// waitForLockWaiters returns once n sessions of this database wait for a lock.
func (f fixture) waitForLockWaiters(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var waiting int
		err := f.pool.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&waiting)
		if err != nil {
			t.Fatal(err)
		}
		if waiting >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d revokes wait for the lock", waiting, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (f fixture) adminCount(t *testing.T) int {
	t.Helper()
	var n int
	if err := f.pool.QueryRow(context.Background(), `SELECT count(*) FROM memberships WHERE role = 'admin'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
