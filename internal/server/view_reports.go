package server

import "github.com/planwerk/planwerk/internal/authz"

// StartsWithReports reports whether the user's way into a plan of county is
// its reports list rather than the plan overview: they may read reports
// there but edit no implementation anywhere in it (the committee). It asks
// the permissions, not the role, so a new role gets the right start by its
// policy alone.
func (v view) StartsWithReports(county string) bool {
	if v.Perms == nil || !v.Perms.Can(authz.County(county), "report", "read") {
		return false
	}
	if v.Perms.Can(authz.County(county), "implementation", "edit") {
		return false
	}
	for _, m := range v.Account.Memberships {
		if m.CountySlug == county && m.OrgSlug != "" && v.Perms.Can(authz.Municipality(county, m.OrgSlug), "implementation", "edit") {
			return false
		}
	}
	return true
}
