package domain_test

import (
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

func TestCheckMembership(t *testing.T) {
	const (
		admin, ki, coord, committee = domain.RoleAdmin, domain.RoleKI, domain.RoleCoordinator, domain.RoleCommittee
		county, town                = domain.OrgCounty, domain.OrgMunicipality
	)
	tests := []struct {
		name    string
		role    domain.Role
		org     domain.OrgKind
		held    []domain.Role
		wantKey string // "" when allowed
	}{
		{"coordinator of a town", coord, town, nil, ""},
		{"coordinator of a second town", coord, town, []domain.Role{coord}, ""},
		{"coordinator of the county office", coord, county, nil, "error.membership.coordinatorInTown"},
		{"KI in the county office", ki, county, nil, ""},
		{"KI in a town", ki, town, nil, "error.membership.roleInCounty"},
		{"admin in the county office", admin, county, nil, ""},
		{"admin in a town", admin, town, nil, "error.membership.roleInCounty"},
		{"committee in the county office", committee, county, nil, ""},
		{"committee in a town", committee, town, nil, "error.membership.roleInCounty"},
		{"KI who also administers", admin, county, []domain.Role{ki}, ""},
		{"coordinator who also administers", admin, county, []domain.Role{coord}, ""},
		{"committee member made coordinator", coord, town, []domain.Role{committee}, "error.membership.committeeAlone"},
		{"coordinator made committee member", committee, county, []domain.Role{coord}, "error.membership.committeeAlone"},
		{"KI made committee member", committee, county, []domain.Role{ki}, "error.membership.committeeAlone"},
		{"committee member made admin", admin, county, []domain.Role{committee}, "error.membership.committeeAlone"},
		{"committee member granted committee again", committee, county, []domain.Role{committee}, ""},
		{"no role chosen", "", county, nil, "error.store.roleMissing"},
		{"unknown role", "Administration", county, nil, "error.store.roleMissing"},
		{"unknown organisation kind", ki, "", nil, "error.membership.roleInCounty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := domain.CheckMembership(tt.role, tt.org, tt.held)
			if got := domain.ErrorKey(err); got != tt.wantKey {
				t.Fatalf("CheckMembership(%q, %q, %v) = %v, want key %q", tt.role, tt.org, tt.held, err, tt.wantKey)
			}
			if tt.wantKey != "" && domain.ErrorCode(err) != domain.CodeInvalid {
				t.Errorf("code %q, want invalid", domain.ErrorCode(err))
			}
		})
	}
}
