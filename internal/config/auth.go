package config

import (
	"fmt"
	"net/url"
	"strings"
	"time"
)

// loadAuth reads the sign-in settings and returns what is wrong with them.
func (c *Config) loadAuth(getenv func(string) string) []string {
	var problems []string
	setString(&c.PublicURL, getenv("PLANWERK_PUBLIC_URL"))
	c.PublicURL = strings.TrimSuffix(c.PublicURL, "/")
	if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		problems = append(problems, fmt.Sprintf("PLANWERK_PUBLIC_URL=%q: erwartet z. B. https://planwerk.kreis-coesfeld.de", c.PublicURL))
	}
	c.OIDCIssuer = strings.TrimSpace(getenv("PLANWERK_OIDC_ISSUER"))
	c.OIDCClientID = strings.TrimSpace(getenv("PLANWERK_OIDC_CLIENT_ID"))
	c.OIDCClientSecret = strings.TrimSpace(getenv("PLANWERK_OIDC_CLIENT_SECRET"))
	c.OIDCRoleClaim = strings.TrimSpace(getenv("PLANWERK_OIDC_ROLE_CLAIM"))
	setString(&c.DemoIdPAddr, getenv("PLANWERK_DEMO_IDP_ADDR"))
	if c.OIDCIssuer != "" && c.OIDCClientID == "" {
		problems = append(problems, "PLANWERK_OIDC_CLIENT_ID fehlt (nötig, sobald PLANWERK_OIDC_ISSUER gesetzt ist)")
	}
	roleMap, err := parseRoleMap(getenv("PLANWERK_OIDC_ROLE_MAP"))
	if err != nil {
		problems = append(problems, err.Error())
	}
	c.OIDCRoleMap = roleMap
	problems = appendDuration(problems, &c.SessionIdle, "PLANWERK_SESSION_IDLE", getenv)
	problems = appendDuration(problems, &c.SessionLifetime, "PLANWERK_SESSION_LIFETIME", getenv)
	return problems
}

// parseRoleMap reads "value=role@org,value2=role@org2".
func parseRoleMap(s string) (map[string]RoleGrant, error) {
	m := map[string]RoleGrant{}
	for _, entry := range strings.Split(s, ",") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		value, grant, ok := strings.Cut(entry, "=")
		role, org, ok2 := strings.Cut(grant, "@")
		if !ok || !ok2 || value == "" || role == "" || org == "" {
			return nil, fmt.Errorf("PLANWERK_OIDC_ROLE_MAP: Eintrag %q, erwartet Wert=Rolle@Organisation", entry)
		}
		m[strings.TrimSpace(value)] = RoleGrant{Role: strings.TrimSpace(role), OrgSlug: strings.TrimSpace(org)}
	}
	return m, nil
}

func appendDuration(problems []string, dst *time.Duration, name string, getenv func(string) string) []string {
	v := getenv(name)
	if v == "" {
		return problems
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return append(problems, fmt.Sprintf("%s=%q: erwartet eine Dauer wie 60m", name, v))
	}
	*dst = d
	return problems
}

// SecureCookies reports whether cookies must carry the Secure flag: whenever
// users reach the app over https.
func (c Config) SecureCookies() bool { return strings.HasPrefix(c.PublicURL, "https://") }
