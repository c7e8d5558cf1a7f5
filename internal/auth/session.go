package auth

import (
	"context"

	"github.com/planwerk/planwerk/internal/domain"
)

// signIn records the user, syncs the memberships the role claim grants and
// puts the user into a session with a new token: renewing it means a token
// someone planted or saw before sign-in is worth nothing afterwards.
func (a *Authenticator) signIn(ctx context.Context, id identity) error {
	user, err := a.users.UpsertUserAtLogin(ctx, id.issuer, id.subject, id.name, id.email)
	if err != nil {
		a.log.Warn("sign-in: storing the user failed", "subject", id.subject, "err", err)
		return err
	}
	if err := a.syncRoles(ctx, user.ID, id); err != nil {
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

// syncRoles makes the user's claim memberships those the mapped claim values
// stand for: the provider decides them, at every sign-in (manual memberships
// are the administration's and stay). A map entry naming an unknown
// organisation or role is a configuration mistake: it is logged and skipped
// rather than locking the user out. A deferred claim says nothing about the
// roles, so the memberships stay as they are.
func (a *Authenticator) syncRoles(ctx context.Context, userID int64, id identity) error {
	if id.roleDeferred {
		a.log.Warn("sign-in: the role claim is not in the token (too many groups?); memberships left as they were",
			"user_id", userID, "claim", a.cfg.RoleClaim)
		return nil
	}
	var want []domain.OrgRole
	byGrant := map[domain.OrgRole]string{} // the claim value each grant came from, for the log
	for _, v := range id.roleValues {
		g, ok := a.cfg.RoleMap[v]
		if !ok {
			continue
		}
		r := domain.OrgRole{OrgSlug: g.OrgSlug, Role: domain.Role(g.Role)}
		if _, dup := byGrant[r]; !dup {
			want = append(want, r)
			byGrant[r] = v
		}
	}
	unknown, err := a.users.SyncClaimMemberships(ctx, userID, want)
	if err != nil {
		a.log.Warn("sign-in: syncing the memberships failed", "user_id", userID, "err", err)
		return err
	}
	for _, r := range unknown {
		a.log.Error("PLANWERK_OIDC_ROLE_MAP names an unknown organisation or role",
			"value", byGrant[r], "role", r.Role, "organisation", r.OrgSlug)
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
