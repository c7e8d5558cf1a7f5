// Package authz decides who may do what, with casbin: the model and policy in
// policies/ are the single statement of the rules; memberships in PostgreSQL
// say who holds which role where.
package authz

import (
	"fmt"
	"strings"

	"github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"
	"github.com/casbin/casbin/v2/util"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/policies"
)

// Domains. A request is asked in one domain:
//
//	Installation          "*"                   things of no county (user administration)
//	County(c)             "<county>/*"          things of a whole county's plan (catalogue, queue)
//	Municipality(c, t)    "<county>/<town>"     one organisation's workspace (the county office too)
//
// Roles are held in domain patterns matched with casbin's keyMatch (a "*"
// stands for any rest): a coordinator holds theirs in "<county>/<town>",
// KI staff and committee members in "<county>/*" (every organisation of
// their county, and the county's plans), administrators in "*". Nobody's
// role reaches into another county.
const Installation = "*"

// County is the domain of what concerns a whole county: its plans, the
// support queue, the needs of all its towns.
func County(county string) string { return county + "/*" }

// Municipality is the domain of one organisation of a county: a town, or
// the county office itself for its county-wide measures.
func Municipality(county, org string) string { return county + "/" + org }

// roleMember is held by everyone with at least one membership.
const roleMember = "member"

// subject is the only user an enforcer built by For knows about.
const subject = "user"

// Authorizer holds the parsed model with the policy loaded; it is read-only
// after New and safe for concurrent use.
type Authorizer struct {
	base model.Model
}

// New parses the embedded model and policy. A malformed policy stops the
// program at start.
func New() (*Authorizer, error) {
	m, err := model.NewModelFromString(policies.Model)
	if err != nil {
		return nil, fmt.Errorf("policies/model.conf: %w", err)
	}
	e, err := casbin.NewEnforcer(m)
	if err != nil {
		return nil, err
	}
	for _, rule := range policyRules(policies.Policy) {
		if _, err := e.AddPolicy(rule...); err != nil {
			return nil, fmt.Errorf("policies/policy.csv: %v: %w", rule, err)
		}
	}
	return &Authorizer{base: e.GetModel()}, nil
}

// policyRules reads the "p, …" lines of policy.csv; comments and blanks are skipped.
func policyRules(csv string) [][]any {
	var rules [][]any
	for _, line := range strings.Split(csv, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, ",")
		rule := make([]any, 0, len(fields)-1)
		for _, f := range fields[1:] { // fields[0] is the policy type "p"
			rule = append(rule, strings.TrimSpace(f))
		}
		rules = append(rules, rule)
	}
	return rules
}

// Permissions answers questions for one user.
type Permissions struct {
	enforcer *casbin.Enforcer
	roles    []domain.Membership
	// readOnly refuses every action but read, except on readOnlyExcept
	// (see ReadOnly).
	readOnly       bool
	readOnlyExcept string
}

// For builds the permissions of a user with the given memberships. It is
// built per request from the memberships just read, so a revoked role takes
// effect on the user's next request, on every instance, with no cache to
// invalidate.
func (a *Authorizer) For(memberships []domain.Membership) (*Permissions, error) {
	e, err := casbin.NewEnforcer(a.base.Copy())
	if err != nil {
		return nil, err
	}
	e.AddNamedDomainMatchingFunc("g", "keyMatch", util.KeyMatch)
	if err := addGroupings(e, memberships); err != nil {
		return nil, err
	}
	return &Permissions{enforcer: e, roles: memberships}, nil
}

func addGroupings(e *casbin.Enforcer, memberships []domain.Membership) error {
	if len(memberships) == 0 {
		return nil
	}
	var rules [][]string
	seen := map[string]bool{}
	add := func(role, dom string) {
		if key := role + " " + dom; !seen[key] {
			seen[key] = true
			rules = append(rules, []string{subject, role, dom})
		}
	}
	for _, m := range memberships {
		dom := roleDomain(m)
		add(string(m.Role), dom)
		// Every member reads the plans of their own county (an administrator's
		// "county" is the whole installation).
		if m.Role == domain.RoleAdmin {
			add(roleMember, Installation)
		} else {
			add(roleMember, County(m.CountySlug))
		}
	}
	_, err := e.AddGroupingPolicies(rules)
	return err
}

// roleDomain is the domain pattern in which a membership's role is held.
func roleDomain(m domain.Membership) string {
	switch m.Role {
	case domain.RoleAdmin:
		return Installation
	case domain.RoleCoordinator:
		return Municipality(m.CountySlug, m.OrgSlug)
	default:
		return County(m.CountySlug)
	}
}

// Can reports whether the user may do act to obj in the domain dom
// (Installation, County or Municipality).
func (p *Permissions) Can(dom, obj, act string) bool {
	if p.readOnly && act != "read" && obj != p.readOnlyExcept {
		return false
	}
	ok, err := p.enforcer.Enforce(subject, dom, obj, act)
	return err == nil && ok
}

// ReadOnly returns the permissions for a request on something that is
// kept as it is (a superseded plan version): every action but read is
// refused, except those on object except (whose routes refuse changes
// themselves). Every handler and page asking Can then offers no change.
func (p *Permissions) ReadOnly(except string) *Permissions {
	q := *p
	q.readOnly, q.readOnlyExcept = true, except
	return &q
}

// HasAnyMembership reports whether the user has been granted any role at all.
func (p *Permissions) HasAnyMembership() bool { return len(p.roles) > 0 }

// Memberships lists the user's memberships.
func (p *Permissions) Memberships() []domain.Membership { return p.roles }
