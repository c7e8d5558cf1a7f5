package demoidp_test

import (
	"testing"

	"github.com/planwerk/planwerk/internal/demoidp"
	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/seed"
)

func TestAccounts(t *testing.T) {
	accounts := demoidp.Accounts()
	roles := map[domain.Role]int{}
	subjects, usernames := map[string]bool{}, map[string]bool{}
	coordinated := map[string]bool{}
	for _, a := range accounts {
		if subjects[a.Subject] || usernames[a.Username] {
			t.Errorf("%s: subject or username used twice", a.Username)
		}
		subjects[a.Subject], usernames[a.Username] = true, true
		roles[a.Role]++
		if !a.Role.Valid() || a.Name == "" || a.Email == "" || a.Subject != "demo-"+a.Username {
			t.Errorf("incomplete account %+v", a)
		}
		if a.Role == domain.RoleCoordinator {
			coordinated[a.OrgSlug] = true
		} else if a.OrgSlug != seed.CountySlug {
			t.Errorf("%s belongs to %s, want %s", a.Username, a.OrgSlug, seed.CountySlug)
		}
	}
	want := map[domain.Role]int{domain.RoleAdmin: 1, domain.RoleKI: 2, domain.RoleCoordinator: 11, domain.RoleCommittee: 2}
	for role, n := range want {
		if roles[role] != n {
			t.Errorf("%d accounts with role %s, want %d", roles[role], role, n)
		}
	}
	for _, o := range seed.Organisations() {
		if o.Kind == domain.OrgMunicipality && !coordinated[o.Slug] {
			t.Errorf("no coordinator for %s", o.Slug)
		}
	}
	duelmen := demoidp.Account{Subject: "demo-duelmen", Username: "duelmen", Name: "Koordination Dülmen",
		Email: "integration@duelmen.de", Role: domain.RoleCoordinator, OrgSlug: "duelmen"}
	found := false
	for _, a := range accounts {
		found = found || a == duelmen
	}
	if !found {
		t.Errorf("accounts lack %+v", duelmen)
	}
}
