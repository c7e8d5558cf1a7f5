package domain

// OrgRole is a role in the organisation with the given slug, as a value of
// the provider's role claim grants it (PLANWERK_OIDC_ROLE_MAP).
type OrgRole struct {
	OrgSlug string
	Role    Role
}
