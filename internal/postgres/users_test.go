package postgres_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

func TestUpsertUserAtLoginCreatesOnceAndFollowsTheProvider(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	first, err := f.db.UpsertUserAtLogin(ctx, "https://idp", "sub-2", "Erika Muster", "erika@example.de")
	if err != nil {
		t.Fatal(err)
	}
	if first.ID == 0 || first.Name != "Erika Muster" || first.Email != "erika@example.de" || first.LastLoginAt == nil {
		t.Fatalf("first sign-in = %+v", first)
	}
	again, err := f.db.UpsertUserAtLogin(ctx, "https://idp", "sub-2", "Erika Beispiel", "eb@example.de")
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != first.ID || again.Name != "Erika Beispiel" || again.Email != "eb@example.de" {
		t.Errorf("second sign-in = %+v, want the same user %d with the new name and e-mail", again, first.ID)
	}
	other, err := f.db.UpsertUserAtLogin(ctx, "https://other-idp", "sub-2", "Jemand", "")
	if err != nil {
		t.Fatal(err)
	}
	if other.ID == first.ID {
		t.Error("the same subject at another issuer must be another user")
	}
	found, err := f.db.FindUser(ctx, first.ID)
	if err != nil || found.Name != "Erika Beispiel" || found.Subject != "sub-2" || found.Issuer != "https://idp" {
		t.Errorf("FindUser = %+v, %v", found, err)
	}
}

func TestUpsertUserAtLoginRefusesOverlongNames(t *testing.T) {
	f := newFixture(t)
	_, err := f.db.UpsertUserAtLogin(context.Background(), "https://idp", "sub-3", strings.Repeat("x", 201), "")
	if domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("err = %v, want invalid", err)
	}
}

func TestFindUserReportsAnUnknownIdAsNotFound(t *testing.T) {
	f := newFixture(t)
	if _, err := f.db.FindUser(context.Background(), f.actor+1000); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("err = %v, want not found", err)
	}
}

func TestFindMembershipsListsThemWithTheirOrganisation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	want := []domain.OrgRole{{OrgSlug: "kreis", Role: domain.RoleKI}, {OrgSlug: "duelmen", Role: domain.RoleCoordinator}}
	if _, err := f.db.SyncClaimMemberships(ctx, f.actor, want); err != nil {
		t.Fatal(err)
	}
	ms, err := f.db.FindMemberships(ctx, f.actor)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 {
		t.Fatalf("memberships = %+v, want two", ms)
	}
	// Ordered by organisation name: Dülmen before Kreis.
	if m := ms[0]; m.OrgSlug != "duelmen" || m.OrgName != "Dülmen" || m.Role != domain.RoleCoordinator || m.OrganisationID != f.duelmen || m.UserID != f.actor {
		t.Errorf("first membership = %+v", m)
	}
	if m := ms[1]; m.OrgSlug != "kreis" || m.Role != domain.RoleKI || m.OrganisationID != f.county {
		t.Errorf("second membership = %+v", m)
	}
}

func TestSessionStoreKeepsSessionsUntilTheirExpiry(t *testing.T) {
	f := newFixture(t)
	store := f.db.SessionStore()
	if err := store.Commit("live", []byte("data"), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := store.Commit("gone", []byte("old"), time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	if b, found, err := store.Find("live"); err != nil || !found || string(b) != "data" {
		t.Errorf("live session: %q, %v, %v", b, found, err)
	}
	if _, found, err := store.Find("gone"); err != nil || found {
		t.Errorf("expired session found = %v, %v", found, err)
	}
	if err := store.Delete("live"); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := store.Find("live"); found {
		t.Error("deleted session still found")
	}
}
