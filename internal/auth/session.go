package auth

import (
	"context"

	"github.com/planwerk/planwerk/internal/domain"
)

// signIn records the user, grants the memberships the role claim carries and
// puts the user into a session with a new token: renewing it means a token
// someone planted or saw before sign-in is worth nothing afterwards.
func (a *Authenticator) signIn(ctx context.Context, id identity) error {
	user, err := a.users.UpsertUserAtLogin(ctx, id.issuer, id.subject, id.name, id.email)
	if err != nil {
		a.log.Warn("sign-in: storing the user failed", "subject", id.subject, "err", err)
		return err
	}
	if err := a.grantRoles(ctx, user.ID, id.roleValues); err != nil {
		return err
	}
	if err := a.sessions.RenewToken(ctx); err != nil {
		a.log.Warn("sign-in: renewing the session failed", "err", err)
		return &domain.Error{Code: domain.CodeUnavailable, Err: err, Key: "error.auth.signInUnavailable",
			Message: "Die Anmeldung ist gerade nicht möglich. Bitte versuchen Sie es in einigen Minuten erneut."}
	}
	a.sessions.Put(ctx, keyUserID, user.ID)
	a.sessions.Put(ctx, keySignedInAt, a.now().Unix())
	a.sessions.Put(ctx, keyLastSeen, a.now().Unix())
	a.sessions.Put(ctx, keyIDToken, id.rawIDToken)
	a.log.Info("signed in", "user_id", user.ID)
	return nil
}

// grantRoles grants the membership each mapped claim value stands for. A map
// entry naming an unknown organisation or role is a configuration mistake:
// it is logged and skipped rather than locking the user out.
func (a *Authenticator) grantRoles(ctx context.Context, userID int64, values []string) error {
	for _, v := range values {
		g, ok := a.cfg.RoleMap[v]
		if !ok {
			continue
		}
		err := a.users.GrantMembershipBySlug(ctx, nil, userID, g.OrgSlug, domain.Role(g.Role))
		switch domain.ErrorCode(err) {
		case "":
		case domain.CodeNotFound, domain.CodeInvalid:
			a.log.Error("PLANWERK_OIDC_ROLE_MAP names an unknown organisation or role",
				"value", v, "role", g.Role, "organisation", g.OrgSlug, "err", err)
		default:
			return err
		}
	}
	return nil
}

// forget signs the session's user out without ending the session, so other
// sign-ins pending in it (other tabs) survive.
func (a *Authenticator) forget(ctx context.Context) {
	a.sessions.Remove(ctx, keyUserID)
	a.sessions.Remove(ctx, keySignedInAt)
	a.sessions.Remove(ctx, keyLastSeen)
	a.sessions.Remove(ctx, keyIDToken)
}
