package server

import (
	"strconv"

	"github.com/planwerk/planwerk/internal/authz"
	"github.com/planwerk/planwerk/internal/domain"
)

// Addresses of plan-scoped pages, built in one place.

func planPath(plan string) string { return "/plaene/" + plan }

func townPath(plan, org string) string { return planPath(plan) + "/kommunen/" + org }

// implementationPath is the address of an implementation's page.
func implementationPath(sc domain.PlanScope, id int64) string {
	return townPath(sc.Plan.Slug, sc.Org.Slug) + "/umsetzungen/" + strconv.FormatInt(id, 10)
}

// scopeDomain is the authorization domain of a scope: its organisation when
// it names one, else its plan's county.
func scopeDomain(sc domain.PlanScope) string {
	if sc.HasOrg() {
		return authz.Municipality(sc.County.Slug, sc.Org.Slug)
	}
	return authz.County(sc.County.Slug)
}

// WorkspacePath is the address of a coordinator's own workspace: within the
// page's plan when the town takes part in it, else the town's current plan.
func (v view) WorkspacePath(m domain.Membership) string {
	if v.Scope.Plan.ID != 0 && v.Scope.County.Slug == m.CountySlug {
		return townPath(v.Scope.Plan.Slug, m.OrgSlug)
	}
	return "/kommunen/" + m.OrgSlug
}

// PlanPageOrCurrent is the address of a plan-wide page (rest, e.g.
// "/kommunen") of the page's plan, or of the user's current plan outside one.
func (v view) PlanPageOrCurrent(rest string) string {
	if v.Scope.Plan.ID != 0 {
		return v.PlanPath() + rest
	}
	return rest
}

// AnswersSupport reports whether the user answers support requests: in the
// page's plan, or (outside a plan) in any county of theirs.
func (v view) AnswersSupport() bool { return v.CanHere("support", "answer") }

// CanHere reports whether the user may act on obj in the page's plan or,
// outside a plan, in any county of theirs: whether the navigation offers a
// plan-wide page, whose link outside a plan leads to the current plan.
func (v view) CanHere(obj, act string) bool {
	if v.Perms == nil {
		return false
	}
	if v.Scope.Plan.ID != 0 {
		return v.CanInPlan(obj, act)
	}
	for _, m := range v.Account.Memberships {
		if v.Perms.Can(authz.County(m.CountySlug), obj, act) {
			return true
		}
	}
	return false
}
