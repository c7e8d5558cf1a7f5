package demoidp

import (
	"context"
	"testing"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
)

// testStorage is a storage whose clock the test moves.
func testStorage(t *testing.T) (*storage, *time.Time) {
	t.Helper()
	key, err := newSigningKey()
	if err != nil {
		t.Fatal(err)
	}
	s := newStorage(key, &client{id: "app", secret: "s"}, newDirectory())
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return now }
	return s, &now
}

func testAuthRequest(t *testing.T, s *storage) string {
	t.Helper()
	ar, err := s.CreateAuthRequest(context.Background(), &oidc.AuthRequest{ClientID: "app",
		RedirectURI: "http://localhost/cb", Scopes: []string{"openid"}, ResponseType: oidc.ResponseTypeCode,
		CodeChallenge: oidc.NewSHACodeChallenge("verifier"), CodeChallengeMethod: oidc.CodeChallengeMethodS256}, "")
	if err != nil {
		t.Fatal(err)
	}
	return ar.GetID()
}

func TestAuthRequestsExpire(t *testing.T) {
	s, now := testStorage(t)
	ctx := context.Background()
	id := testAuthRequest(t, s)
	*now = now.Add(authRequestLifetime + time.Second)
	if _, err := s.AuthRequestByID(ctx, id); err == nil {
		t.Error("expired authorization request still found")
	}
	if err := s.completeLogin(id, "demo-admin"); err == nil {
		t.Error("signed in to an expired authorization request")
	}
	testAuthRequest(t, s) // sweeps
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, kept := s.requests[id]; kept || len(s.requests) != 1 {
		t.Errorf("expired request not swept: %d requests", len(s.requests))
	}
}

func TestCodesExpireAndWorkOnce(t *testing.T) {
	s, now := testStorage(t)
	ctx := context.Background()
	issue := func(code string) {
		t.Helper()
		id := testAuthRequest(t, s)
		if err := s.completeLogin(id, "demo-admin"); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveAuthCode(ctx, id, code); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveAuthCode(ctx, id, code+"-zweiter"); err == nil {
			t.Error("a second code for one authorization request")
		}
	}
	issue("fresh")
	if ar, err := s.AuthRequestByCode(ctx, "fresh"); err != nil || ar.GetSubject() != "demo-admin" {
		t.Fatalf("AuthRequestByCode = %v, %v", ar, err)
	}
	if _, err := s.AuthRequestByCode(ctx, "fresh"); err == nil {
		t.Error("code redeemed twice")
	}
	issue("stale")
	*now = now.Add(codeLifetime + time.Second)
	if _, err := s.AuthRequestByCode(ctx, "stale"); err == nil {
		t.Error("expired code redeemed")
	}
}

func TestAuthRequestNeedsS256(t *testing.T) {
	s, _ := testStorage(t)
	for _, req := range []*oidc.AuthRequest{
		{ClientID: "app"},
		{ClientID: "app", CodeChallenge: "verifier", CodeChallengeMethod: oidc.CodeChallengeMethodPlain},
		{ClientID: "app", CodeChallenge: "verifier"},
	} {
		if _, err := s.CreateAuthRequest(context.Background(), req, ""); err == nil {
			t.Errorf("accepted %+v", req)
		}
	}
}
