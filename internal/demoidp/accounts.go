// Package demoidp is the OpenID provider `planwerk demo` runs beside the app,
// so that trying Planwerk needs no outside identity provider. It is a real
// provider (discovery, JWKS, authorization code with PKCE, RS256-signed ID
// tokens) built on zitadel's op package, with the demo accounts below as its
// only users. It listens on loopback only and refuses to start outside demo
// mode: the shared password is printed on its login page.
package demoidp

import (
	"fmt"
	"strings"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/seed"
)

// DemoPassword is the password of every demo account. It is shown on the
// login page: these accounts protect nothing.
const DemoPassword = "planwerk-demo"

// Account is a demo user and the one membership the app grants it.
type Account struct {
	Subject  string // stable "sub" claim, e.g. "demo-duelmen"
	Username string // what is typed on the login page, e.g. "duelmen"
	Name     string
	Email    string // a role mailbox, never a person's address
	Role     domain.Role
	OrgSlug  string
}

// Accounts lists the demo accounts in the order the login page shows them:
// administration, the KI team, one coordinator per municipality, the
// committee.
func Accounts() []Account {
	county := seed.CountySlug
	accounts := []Account{
		demoAccount("admin", "Administration Planwerk", "planwerk-admin@kreis-coesfeld.de", domain.RoleAdmin, county),
		demoAccount("ki-1", "KI – Team Integration 1", "ki@kreis-coesfeld.de", domain.RoleKI, county),
		demoAccount("ki-2", "KI – Team Integration 2", "integration@kreis-coesfeld.de", domain.RoleKI, county),
	}
	for _, o := range seed.Organisations() {
		if o.Kind != domain.OrgMunicipality {
			continue
		}
		accounts = append(accounts, demoAccount(o.Slug, "Koordination "+o.Name,
			"integration@"+o.MailDomain, domain.RoleCoordinator, o.Slug))
	}
	for i := 1; i <= 2; i++ {
		accounts = append(accounts, demoAccount(fmt.Sprintf("ausschuss-%d", i),
			fmt.Sprintf("Integrationsausschuss – Mitglied %d", i),
			fmt.Sprintf("ausschuss-%d@kreis-coesfeld.de", i), domain.RoleCommittee, county))
	}
	return accounts
}

func demoAccount(username, name, email string, role domain.Role, org string) Account {
	return Account{Subject: "demo-" + username, Username: username, Name: name, Email: email, Role: role, OrgSlug: org}
}

// directory is the account list with lookups by username and subject.
type directory struct {
	accounts   []Account
	byUsername map[string]Account
	bySubject  map[string]Account
	orgNames   map[string]string
}

func newDirectory() *directory {
	d := &directory{accounts: Accounts(), byUsername: map[string]Account{},
		bySubject: map[string]Account{}, orgNames: map[string]string{}}
	for _, a := range d.accounts {
		d.byUsername[a.Username] = a
		d.bySubject[a.Subject] = a
	}
	for _, o := range seed.Organisations() {
		d.orgNames[o.Slug] = o.FullName
	}
	return d
}

// byLogin finds the account for a username as typed (case and surrounding
// spaces ignored).
func (d *directory) byLogin(username string) (Account, bool) {
	a, ok := d.byUsername[strings.ToLower(strings.TrimSpace(username))]
	return a, ok
}

// orgName is the organisation's official name for the account table.
func (d *directory) orgName(slug string) string {
	if name, ok := d.orgNames[slug]; ok {
		return name
	}
	return slug
}

// roleLabel is a role's name on the demo sign-in page, which speaks German
// only (the app's own pages take theirs from web/locales, role.*).
func roleLabel(r domain.Role) string {
	labels := map[domain.Role]string{domain.RoleAdmin: "Administration", domain.RoleKI: "Kommunales Integrationszentrum",
		domain.RoleCoordinator: "Koordination", domain.RoleCommittee: "Ausschuss"}
	if l, ok := labels[r]; ok {
		return l
	}
	return string(r)
}
