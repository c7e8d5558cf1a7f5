package demoidp

import (
	"log/slog"
	"slices"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// authRequest is one sign-in in progress, from /authorize until the code is
// exchanged.
type authRequest struct {
	ID            string
	Created       time.Time
	ClientID      string
	RedirectURI   string
	State         string
	Nonce         string
	Scopes        []string
	ResponseType  oidc.ResponseType
	ResponseMode  oidc.ResponseMode
	CodeChallenge *oidc.CodeChallenge

	Subject    string // set when the user signed in
	AuthTime   time.Time
	IsDone     bool
	CodeIssued bool
}

var _ op.AuthRequest = (*authRequest)(nil)

// snapshot is a copy the op package may read without holding our lock.
func (a *authRequest) snapshot() *authRequest {
	c := *a
	c.Scopes = slices.Clone(a.Scopes)
	if a.CodeChallenge != nil {
		cc := *a.CodeChallenge
		c.CodeChallenge = &cc
	}
	return &c
}

func (a *authRequest) GetID() string                         { return a.ID }
func (a *authRequest) GetACR() string                        { return "" }
func (a *authRequest) GetAudience() []string                 { return []string{a.ClientID} }
func (a *authRequest) GetAuthTime() time.Time                { return a.AuthTime }
func (a *authRequest) GetClientID() string                   { return a.ClientID }
func (a *authRequest) GetCodeChallenge() *oidc.CodeChallenge { return a.CodeChallenge }
func (a *authRequest) GetNonce() string                      { return a.Nonce }
func (a *authRequest) GetRedirectURI() string                { return a.RedirectURI }
func (a *authRequest) GetResponseType() oidc.ResponseType    { return a.ResponseType }
func (a *authRequest) GetResponseMode() oidc.ResponseMode    { return a.ResponseMode }
func (a *authRequest) GetScopes() []string                   { return a.Scopes }
func (a *authRequest) GetState() string                      { return a.State }
func (a *authRequest) GetSubject() string                    { return a.Subject }
func (a *authRequest) Done() bool                            { return a.IsDone }

// GetAMR says how the user signed in: with a password.
func (a *authRequest) GetAMR() []string {
	if a.IsDone {
		return []string{"pwd"}
	}
	return nil
}

// LogValue keeps state, nonce and the code challenge out of the op
// package's logs.
func (a *authRequest) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", a.ID), slog.String("client_id", a.ClientID),
		slog.String("redirect_uri", a.RedirectURI), slog.Bool("done", a.IsDone))
}
