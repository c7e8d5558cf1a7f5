package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"

	"github.com/planwerk/planwerk/internal/config"
	"github.com/planwerk/planwerk/internal/demoidp"
	"github.com/planwerk/planwerk/internal/postgres"
)

// demoClientID is Planwerk's registration at the demo sign-in service.
const demoClientID = "planwerk-demo"

// startDemoIdP runs the demo OpenID provider on cfg.DemoIdPAddr and points
// cfg's sign-in settings at it. The client secret is new on every start:
// nothing outside this process needs to know it.
func startDemoIdP(ctx context.Context, cfg *config.Config, log *slog.Logger) (*demoidp.Provider, error) {
	secret := rand.Text()
	idp, err := demoidp.Start(ctx, demoidp.Options{
		Addr:                   cfg.DemoIdPAddr,
		DemoMode:               true,
		ClientID:               demoClientID,
		ClientSecret:           secret,
		RedirectURIs:           []string{cfg.PublicURL + "/anmelden/callback"},
		PostLogoutRedirectURIs: []string{cfg.PublicURL + "/"},
		Logf:                   func(format string, args ...any) { log.Info(fmt.Sprintf(format, args...)) },
	})
	if err != nil {
		return nil, err
	}
	cfg.OIDCIssuer, cfg.OIDCClientID, cfg.OIDCClientSecret = idp.Issuer(), demoClientID, secret
	return idp, nil
}

func closeDemoIdP(idp *demoidp.Provider, log *slog.Logger) {
	if err := idp.Close(); err != nil {
		log.Error("Demo-Anmeldedienst ließ sich nicht sauber beenden", "err", err)
		return
	}
	log.Info("Demo-Anmeldedienst beendet")
}

// demoAccounts are the demo sign-in service's accounts as users to store;
// they are stored under the service's issuer, as sign-in will look them up.
func demoAccounts() []postgres.DemoAccount {
	accounts := demoidp.Accounts()
	out := make([]postgres.DemoAccount, 0, len(accounts))
	for _, a := range accounts {
		out = append(out, postgres.DemoAccount{Subject: a.Subject, Name: a.Name, Email: a.Email,
			Role: string(a.Role), OrgSlug: a.OrgSlug})
	}
	return out
}
