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

// Everywhere is the domain of things that belong to no municipality, and the
// domain in which KI, admin and committee roles are held.
const Everywhere = "*"

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
	rules := [][]string{{subject, roleMember, Everywhere}}
	for _, m := range memberships {
		dom := Everywhere
		if m.Role == domain.RoleCoordinator {
			dom = m.OrgSlug
		}
		rules = append(rules, []string{subject, string(m.Role), dom})
	}
	_, err := e.AddGroupingPolicies(rules)
	return err
}

// Can reports whether the user may do act to obj in the municipality dom
// (Everywhere for things that belong to no municipality).
func (p *Permissions) Can(dom, obj, act string) bool {
	ok, err := p.enforcer.Enforce(subject, dom, obj, act)
	return err == nil && ok
}

// HasAnyMembership reports whether the user has been granted any role at all.
func (p *Permissions) HasAnyMembership() bool { return len(p.roles) > 0 }

// Memberships lists the user's memberships.
func (p *Permissions) Memberships() []domain.Membership { return p.roles }
