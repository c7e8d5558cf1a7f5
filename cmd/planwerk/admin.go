package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/planwerk/planwerk/internal/config"
	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/service/membership"
)

const adminUsage = `Aufruf: planwerk admin grant --issuer ISSUER --subject SUBJECT [--email ADRESSE] [--role ROLLE] --org KÜRZEL
       planwerk admin grant --email ADRESSE [--role ROLLE] --org KÜRZEL

Vergibt eine Rolle ohne Anmeldung, etwa wenn niemand mehr die Administration hat.
  --issuer   Issuer des Identitätsanbieters (Vorgabe: PLANWERK_OIDC_ISSUER)
  --subject  Subject der Person beim Identitätsanbieter; unbekannte Personen werden angelegt
  --email    E-Mail-Adresse; ohne --subject: eine Person, die sich schon einmal angemeldet hat
  --role     admin, ki, coordinator oder committee (Vorgabe: admin)
  --org      Kürzel der Organisation, z. B. kreis-coesfeld`

// runAdmin is `planwerk admin grant …`: it restores access from the command
// line, with the same database settings as every other command.
func runAdmin(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	if len(args) == 0 || args[0] != "grant" {
		return errors.New(adminUsage)
	}
	g, err := parseGrant(args[1:], cfg.OIDCIssuer)
	if err != nil {
		return err
	}
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(log)
	return adminGrant(ctx, membership.New(db.DB), g, os.Stdout)
}

// parseGrant reads the flags of `admin grant`; issuer is the configured
// provider's, used when --issuer is not given.
func parseGrant(args []string, issuer string) (domain.AccessGrant, error) {
	flags := flag.NewFlagSet("admin grant", flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	var g domain.AccessGrant
	var role string
	flags.StringVar(&g.Issuer, "issuer", issuer, "")
	flags.StringVar(&g.Subject, "subject", "", "")
	flags.StringVar(&g.Email, "email", "", "")
	flags.StringVar(&role, "role", string(domain.RoleAdmin), "")
	flags.StringVar(&g.OrgSlug, "org", "", "")
	if err := flags.Parse(args); err != nil || flags.NArg() > 0 {
		return g, errors.New(adminUsage)
	}
	g.Role = domain.Role(strings.TrimSpace(role))
	g.Issuer, g.Subject, g.Email = strings.TrimSpace(g.Issuer), strings.TrimSpace(g.Subject), strings.TrimSpace(g.Email)
	switch {
	case g.OrgSlug == "":
		return g, errors.New("Bitte geben Sie die Organisation an (--org).\n\n" + adminUsage)
	case g.Subject == "" && g.Email == "":
		return g, errors.New("Bitte geben Sie --subject (mit --issuer) oder --email an.\n\n" + adminUsage)
	case g.Subject != "" && g.Issuer == "":
		return g, errors.New("Bitte geben Sie den Issuer an (--issuer oder PLANWERK_OIDC_ISSUER).\n\n" + adminUsage)
	}
	return g, nil
}

// adminGrant grants through the same use case as the administration page
// and tells the operator in German what it did.
func adminGrant(ctx context.Context, memberships *membership.Service, g domain.AccessGrant, out io.Writer) error {
	de, err := newGerman()
	if err != nil {
		return err
	}
	res, err := memberships.GrantAccess(ctx, g)
	if err != nil {
		return de.Error(err)
	}
	who := fmt.Sprintf("%s (Issuer %s, Subject %s)", res.User.Name, res.User.Issuer, res.User.Subject)
	if res.UserCreated {
		fmt.Fprintf(out, "Person angelegt: %s. Sie erhält ihre Rolle, sobald sie sich anmeldet.\n", who)
	}
	role := de.T("role." + string(g.Role))
	if res.AlreadyHeld {
		fmt.Fprintf(out, "%s hat die Rolle „%s“ in %s bereits; nichts geändert.\n", who, role, res.Organisation.Name)
		return nil
	}
	fmt.Fprintf(out, "Rolle „%s“ in %s an %s vergeben. Im Protokoll steht die Vergabe ohne handelnde Person (System/Kommandozeile).\n",
		role, res.Organisation.Name, who)
	return nil
}
