package auth_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// roles lists the memberships of user id as "role@org/source", sorted.
func (h *harness) roles(id int64) []string {
	h.t.Helper()
	ms, err := h.db.FindMemberships(context.Background(), id)
	if err != nil {
		h.t.Fatal(err)
	}
	var out []string
	for _, m := range ms {
		var source string
		switch {
		case h.count(`SELECT count(*) FROM memberships WHERE id = $1 AND source = 'manual'`, m.ID) == 1:
			source = "manual"
		case h.count(`SELECT count(*) FROM memberships WHERE id = $1 AND source = 'claim'`, m.ID) == 1:
			source = "claim"
		}
		out = append(out, string(m.Role)+"@"+m.OrgSlug+"/"+source)
	}
	slices.Sort(out)
	return out
}

func (h *harness) wantRoles(what string, id int64, want ...string) {
	h.t.Helper()
	if got := h.roles(id); !slices.Equal(got, want) {
		h.t.Errorf("%s: memberships %v, want %v", what, got, want)
	}
}

func (h *harness) signInWithGroups(groups any) int64 {
	h.t.Helper()
	h.idp.SetUser("u-1", "Koordination Dülmen", "", map[string]any{"groups": groups})
	c := h.browser()
	h.signIn(c, "/")
	return h.me(c)
}

func TestSignInRevokesClaimMembershipsTheClaimNoLongerGrants(t *testing.T) {
	h := newHarness(t, nil)
	id := h.signInWithGroups([]string{"pw-duelmen", "pw-ki"})
	h.wantRoles("with both groups", id, "coordinator@duelmen/claim", "ki@kreis/claim")

	h.signInWithGroups([]string{"pw-duelmen"})
	h.wantRoles("after leaving pw-ki", id, "coordinator@duelmen/claim")
	revoked := `SELECT count(*) FROM audit_events WHERE entity = 'membership' AND action = 'delete'
		AND actor_id IS NULL AND changes->'role'->>'old' = $1 AND changes->'organisation'->>'old' = $2
		AND (changes->'user_id'->>'old')::bigint = $3`
	if n := h.count(revoked, "ki", "kreis", id); n != 1 {
		t.Errorf("%d audit events for the revoked ki membership, want 1", n)
	}

	// A provider that leaves the claim out grants nothing: the last claim
	// membership goes too.
	h.idp.SetUser("u-1", "Koordination Dülmen", "", nil)
	h.signIn(h.browser(), "/")
	h.wantRoles("without the claim", id)
	if n := h.count(revoked, "coordinator", "duelmen", id); n != 1 {
		t.Errorf("%d audit events for the revoked coordinator membership, want 1", n)
	}
}

// Memberships granted by hand are the administration's: sign-in neither
// removes them nor turns them into claim memberships, also when the claim
// grants the same role.
func TestSignInKeepsManualMemberships(t *testing.T) {
	h := newHarness(t, nil)
	id := h.signInWithGroups([]string{})
	ctx := context.Background()
	for org, role := range map[string]domain.Role{"duelmen": domain.RoleCoordinator, "kreis": domain.RoleKI} {
		orgID := int64(h.count(`SELECT id FROM organisations WHERE slug = $1`, org))
		if err := h.db.GrantMembership(ctx, nil, id, orgID, role); err != nil {
			t.Fatal(err)
		}
	}
	h.signInWithGroups([]string{"pw-duelmen"})
	h.wantRoles("with the claim for one of them", id, "coordinator@duelmen/manual", "ki@kreis/manual")
	h.signInWithGroups([]string{})
	h.wantRoles("without the claim", id, "coordinator@duelmen/manual", "ki@kreis/manual")
	if n := h.count(`SELECT count(*) FROM audit_events WHERE entity = 'membership' AND action = 'delete'`); n != 0 {
		t.Errorf("%d membership deletions audited, want none", n)
	}
}

// Entra sends no groups but a reference to Microsoft Graph when a user is in
// too many groups ("overage"). The claim then says nothing about the groups,
// so sign-in keeps the claim memberships rather than revoke them all.
func TestSignInKeepsClaimMembershipsWhenTheProviderDefersTheClaim(t *testing.T) {
	h := newHarness(t, nil)
	id := h.signInWithGroups([]string{"pw-ki"})
	h.idp.TamperClaims(func(claims map[string]any) {
		delete(claims, "groups")
		claims["_claim_names"] = map[string]any{"groups": "src1"}
		claims["_claim_sources"] = map[string]any{"src1": map[string]any{"endpoint": "https://graph.example/getMemberObjects"}}
	})
	mark := h.logs.Len()
	h.signIn(h.browser(), "/")
	h.wantRoles("with the claim deferred", id, "ki@kreis/claim")
	if logged := h.logs.Since(mark); !strings.Contains(logged, "role claim") {
		t.Errorf("the deferred claim was not logged: %q", logged)
	}
}
