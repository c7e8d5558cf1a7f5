package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/json"
	"slices"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/planwerk/planwerk/internal/domain"
)

// flowTTL is how long a started sign-in may take until the provider sends
// the browser back; a callback after that is refused.
const flowTTL = 10 * time.Minute

// maxFlows bounds the sign-ins pending in one session. Several are allowed so
// that two tabs signing in at once both succeed; the bound keeps a loop over
// /anmelden from growing the session without end.
const maxFlows = 5

// flow is one started sign-in, kept in the session until its callback.
type flow struct {
	State    string `json:"state"`
	Nonce    string `json:"nonce"`
	Verifier string `json:"verifier"` // PKCE
	Next     string `json:"next"`
	Started  int64  `json:"started"` // unix seconds
}

// LoginURL starts a sign-in and returns the provider's authorization URL to
// redirect the browser to. next is the local path to return to afterwards.
// When the provider cannot be reached it returns a CodeUnavailable error.
func (a *Authenticator) LoginURL(ctx context.Context, next string) (string, error) {
	d, err := a.discover(ctx)
	if err != nil {
		return "", err
	}
	f := flow{State: rand.Text(), Nonce: rand.Text(), Verifier: oauth2.GenerateVerifier(),
		Next: domain.SafeNext(next), Started: a.now().Unix()}
	flows := append(a.liveFlows(ctx), f)
	if len(flows) > maxFlows {
		flows = flows[len(flows)-maxFlows:]
	}
	a.saveFlows(ctx, flows)
	if _, signedIn := a.UserID(ctx); !signedIn {
		// A session that only waits for a sign-in need not outlive it;
		// this keeps abandoned sign-ins from lingering in the table.
		a.sessions.SetDeadline(ctx, time.Now().Add(flowTTL))
	}
	return d.oauth.AuthCodeURL(f.State, oidc.Nonce(f.Nonce), oauth2.S256ChallengeOption(f.Verifier)), nil
}

// takeFlow removes and returns the pending sign-in with the given state, so
// each state is good for one callback only.
func (a *Authenticator) takeFlow(ctx context.Context, state string) (flow, bool) {
	flows := a.loadFlows(ctx)
	for i, f := range flows {
		// Constant time, so response timing reveals nothing about a state.
		if subtle.ConstantTimeCompare([]byte(f.State), []byte(state)) == 1 {
			a.saveFlows(ctx, slices.Delete(flows, i, i+1))
			return f, true
		}
	}
	return flow{}, false
}

// liveFlows returns the pending sign-ins that have not expired.
func (a *Authenticator) liveFlows(ctx context.Context) []flow {
	return slices.DeleteFunc(a.loadFlows(ctx), func(f flow) bool { return a.expired(f) })
}

func (a *Authenticator) expired(f flow) bool {
	return a.now().Sub(time.Unix(f.Started, 0)) > flowTTL
}

// Flows are stored as one JSON string: scs's gob codec would need every
// struct type registered, and a string keeps the session data self-describing.
func (a *Authenticator) loadFlows(ctx context.Context) []flow {
	var flows []flow
	if s := a.sessions.GetString(ctx, keyFlows); s != "" {
		_ = json.Unmarshal([]byte(s), &flows) // unreadable counts as none pending
	}
	return flows
}

func (a *Authenticator) saveFlows(ctx context.Context, flows []flow) {
	if len(flows) == 0 {
		a.sessions.Remove(ctx, keyFlows)
		return
	}
	b, _ := json.Marshal(flows) // plain strings and numbers cannot fail
	a.sessions.Put(ctx, keyFlows, string(b))
}
