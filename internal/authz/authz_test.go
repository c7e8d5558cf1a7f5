package authz

import (
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// member is a membership in Kreis Coesfeld (the county office or a town).
func member(role domain.Role, org string) domain.Membership {
	return domain.Membership{Role: role, OrgSlug: org, CountySlug: "kreis-coesfeld"}
}

// Domains of Kreis Coesfeld and of another county, Kreis Borken.
var (
	coesfeld = County("kreis-coesfeld")
	borken   = County("kreis-borken")
	duelmen  = Municipality("kreis-coesfeld", "duelmen")
	olfen    = Municipality("kreis-coesfeld", "olfen")
	bocholt  = Municipality("kreis-borken", "bocholt")
	office   = Municipality("kreis-coesfeld", "kreis-coesfeld")
)

// TestPolicy states the rules independently of policy.csv: each row is one
// question and its expected answer.
func TestPolicy(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	coordinator := []domain.Membership{member(domain.RoleCoordinator, "duelmen")}
	ki := []domain.Membership{member(domain.RoleKI, "kreis-coesfeld")}
	committee := []domain.Membership{member(domain.RoleCommittee, "kreis-coesfeld")}
	admin := []domain.Membership{member(domain.RoleAdmin, "kreis-coesfeld")}
	cases := []struct {
		name          string
		ms            []domain.Membership
		dom, obj, act string
		want          bool
	}{
		{"coordinator reads the plan", coordinator, coesfeld, "plan", "read", true},
		{"coordinator reads own workspace", coordinator, duelmen, "workspace", "read", true},
		{"coordinator reads other workspace", coordinator, olfen, "workspace", "read", true},
		{"coordinator edits own implementation", coordinator, duelmen, "implementation", "edit", true},
		{"coordinator edits other implementation", coordinator, olfen, "implementation", "edit", false},
		{"coordinator edits the county office's", coordinator, office, "implementation", "edit", false},
		{"coordinator reads own comments", coordinator, duelmen, "comment", "read", true},
		{"coordinator reads other comments", coordinator, olfen, "comment", "read", false},
		{"coordinator reads other contacts", coordinator, olfen, "contact", "read", false},
		{"coordinator answers support", coordinator, duelmen, "support", "answer", false},
		{"coordinator manages needs county-wide", coordinator, coesfeld, "need", "manage", false},
		{"coordinator manages memberships", coordinator, Installation, "membership", "manage", false},
		{"coordinator reads another county's plan", coordinator, borken, "plan", "read", false},
		{"coordinator reads another county's town", coordinator, bocholt, "workspace", "read", false},
		{"KI edits any implementation", ki, olfen, "implementation", "edit", true},
		{"KI edits the county office's", ki, office, "implementation", "edit", true},
		{"KI answers support anywhere", ki, duelmen, "support", "answer", true},
		{"KI answers support county-wide", ki, coesfeld, "support", "answer", true},
		{"KI reads comments anywhere", ki, olfen, "comment", "read", true},
		{"KI manages memberships", ki, Installation, "membership", "manage", false},
		{"KI reads another county's plan", ki, borken, "plan", "read", false},
		{"KI edits in another county", ki, bocholt, "implementation", "edit", false},
		{"KI answers support in another county", ki, borken, "support", "answer", false},
		{"committee reads workspaces", committee, olfen, "workspace", "read", true},
		{"committee edits", committee, olfen, "implementation", "edit", false},
		{"committee reads comments", committee, olfen, "comment", "read", false},
		{"committee reads contacts", committee, olfen, "contact", "read", false},
		{"committee reads another county's town", committee, bocholt, "workspace", "read", false},
		{"admin manages memberships", admin, Installation, "membership", "manage", true},
		{"admin edits implementations", admin, olfen, "implementation", "edit", false},
		{"admin reads every county's plan", admin, borken, "plan", "read", true},
		{"no membership reads the plan", nil, coesfeld, "plan", "read", false},
		{"unknown object", ki, coesfeld, "nuclear", "launch", false},
	}
	for _, c := range cases {
		p, err := a.For(c.ms)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Can(c.dom, c.obj, c.act); got != c.want {
			t.Errorf("%s: Can(%s, %s, %s) = %v, want %v", c.name, c.dom, c.obj, c.act, got, c.want)
		}
	}
}

func TestTwoMembershipsCombine(t *testing.T) {
	a, _ := New()
	p, err := a.For([]domain.Membership{member(domain.RoleCoordinator, "duelmen"), member(domain.RoleCoordinator, "olfen")})
	if err != nil {
		t.Fatal(err)
	}
	senden := Municipality("kreis-coesfeld", "senden")
	if !p.Can(duelmen, "implementation", "edit") || !p.Can(olfen, "implementation", "edit") || p.Can(senden, "implementation", "edit") {
		t.Error("coordinator of Dülmen and Olfen: wrong answers")
	}
}

func BenchmarkFor(b *testing.B) {
	a, _ := New()
	ms := []domain.Membership{member(domain.RoleCoordinator, "duelmen")}
	for b.Loop() {
		p, _ := a.For(ms)
		p.Can(duelmen, "workspace", "read")
	}
}
