// Package membership owns who holds which role where: granting a role (on
// the administration page and from the command line), revoking one, and
// reading them for the administration page.
package membership

import (
	"context"
	"strings"

	"github.com/planwerk/planwerk/internal/domain"
)

// Store is what the memberships read and write; *postgres.DB implements it.
// Grants apply domain.CheckMembership with the user's row locked; a revoke
// locks the admin memberships and refuses the last one
// (domain.LastAdminError). Each write is one transaction with its audit event.
type Store interface {
	FindAccounts(ctx context.Context) ([]domain.Account, error)
	FindOrganisations(ctx context.Context, kind domain.OrgKind) ([]domain.Organisation, error)
	FindMembership(ctx context.Context, id int64) (domain.User, domain.Membership, error)
	GrantMembership(ctx context.Context, actorID *int64, userID, orgID int64, role domain.Role) error
	RevokeMembership(ctx context.Context, actorID *int64, membershipID int64) error
	GrantAccess(ctx context.Context, g domain.AccessGrant) (domain.AccessResult, error)
}

// Service runs the memberships' use cases.
type Service struct{ store Store }

// New returns the service on store.
func New(store Store) *Service { return &Service{store: store} }

// Overview is what the administration page lists: every user with their
// roles, and the organisations and roles a grant may choose from.
type Overview struct {
	Accounts      []domain.Account
	County, Towns []domain.Organisation
	Roles         []domain.Role
}

// Overview reads the administration page's lists.
func (s *Service) Overview(ctx context.Context) (Overview, error) {
	var o Overview
	var err error
	if o.Accounts, err = s.store.FindAccounts(ctx); err != nil {
		return o, err
	}
	if o.County, err = s.store.FindOrganisations(ctx, domain.OrgCounty); err != nil {
		return o, err
	}
	o.Towns, err = s.store.FindOrganisations(ctx, domain.OrgMunicipality)
	o.Roles = domain.Roles
	return o, err
}

// Grant is a role to give a user in an organisation; 0 means not chosen.
type Grant struct {
	UserID, OrgID int64
	Role          domain.Role
}

// Grant gives the user the role, under the rules of domain.CheckMembership.
func (s *Service) Grant(ctx context.Context, actor domain.Actor, g Grant) error {
	if g.UserID <= 0 || g.OrgID <= 0 || !g.Role.Valid() {
		return domain.Keyed(domain.CodeInvalid, "", "users.error.choose", "user, organisation or role not chosen")
	}
	return explain(s.store.GrantMembership(ctx, actor.UserID(), g.UserID, g.OrgID, g.Role))
}

// Find returns a membership with the person who holds it, for the page that
// asks before revoking it.
func (s *Service) Find(ctx context.Context, membershipID int64) (domain.User, domain.Membership, error) {
	return s.store.FindMembership(ctx, membershipID)
}

// Revoke removes a membership; the last administration role stays.
func (s *Service) Revoke(ctx context.Context, actor domain.Actor, membershipID int64) error {
	return explain(s.store.RevokeMembership(ctx, actor.UserID(), membershipID))
}

// explain turns what the store refused into what the administrator is
// told: the rules say themselves why; a duplicate, a person or organisation
// that is gone, or a membership revoked meanwhile get the page's messages.
func explain(err error) error {
	if err == nil || strings.HasPrefix(domain.ErrorKey(err), "error.membership.") ||
		domain.ErrorKey(err) == "error.store.roleMissing" {
		return err
	}
	switch domain.ErrorCode(err) {
	case domain.CodeConflict:
		return &domain.Error{Code: domain.CodeInvalid, Key: "users.error.exists", Message: "role held already", Err: err}
	case domain.CodeInvalid:
		return &domain.Error{Code: domain.CodeInvalid, Key: "users.error.unknown", Message: "user or organisation gone", Err: err}
	case domain.CodeNotFound:
		return &domain.Error{Code: domain.CodeInvalid, Key: "users.error.notFound", Message: "membership gone", Err: err}
	}
	return err
}

// GrantAccess is the command line's grant (`planwerk admin grant`): it finds
// or adds the person and grants the role under the same rules and with the
// same audit event as a grant on the administration page, by the system.
func (s *Service) GrantAccess(ctx context.Context, g domain.AccessGrant) (domain.AccessResult, error) {
	if !g.Role.Valid() {
		return domain.AccessResult{}, domain.Keyed(domain.CodeInvalid, "role", "error.access.roleUnknown",
			"unknown role", "Role", string(g.Role))
	}
	return s.store.GrantAccess(ctx, g)
}
