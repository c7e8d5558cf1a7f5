package demoidp

import (
	"net/url"
	"slices"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// client is the one registered relying party: Planwerk itself, a
// confidential web client that uses the authorization code flow.
type client struct {
	id, secret             string
	redirectURIs           []string
	postLogoutRedirectURIs []string
}

func (c *client) GetID() string                       { return c.id }
func (c *client) RedirectURIs() []string              { return slices.Clone(c.redirectURIs) }
func (c *client) PostLogoutRedirectURIs() []string    { return slices.Clone(c.postLogoutRedirectURIs) }
func (c *client) ApplicationType() op.ApplicationType { return op.ApplicationTypeWeb }

// AuthMethod says basic, but the op package accepts the secret in the form
// body as well (client_secret_post), which some clients prefer.
func (c *client) AuthMethod() oidc.AuthMethod { return oidc.AuthMethodBasic }

func (c *client) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}

func (c *client) GrantTypes() []oidc.GrantType { return []oidc.GrantType{oidc.GrantTypeCode} }

// LoginURL is where the op package sends the browser to sign in: our own
// login page, relative to the issuer.
func (c *client) LoginURL(authRequestID string) string {
	return loginPath + "?" + url.Values{"authRequestID": {authRequestID}}.Encode()
}

func (c *client) AccessTokenType() op.AccessTokenType { return op.AccessTokenTypeBearer }
func (c *client) IDTokenLifetime() time.Duration      { return tokenLifetime }

// DevMode stays off: the redirect URIs must match exactly; http is allowed
// anyway for a confidential client using the code flow.
func (c *client) DevMode() bool { return false }

func (c *client) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(scopes []string) []string { return scopes }
}

func (c *client) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(scopes []string) []string { return scopes }
}

// IsScopeAllowed refuses every scope beyond the standard ones.
func (c *client) IsScopeAllowed(string) bool { return false }

// IDTokenUserinfoClaimsAssertion puts name and e-mail into the ID token, so
// the app needs no userinfo call.
func (c *client) IDTokenUserinfoClaimsAssertion() bool { return true }
func (c *client) ClockSkew() time.Duration             { return 0 }
