package server_test

import (
	"net/http"
	"testing"
)

// Any site can send a signed-in browser to the sign-in callback (a link, an
// image): a callback that belongs to no sign-in of the session is refused and
// changes nothing, so the visitor stays signed in.
func TestAForeignSignInCallbackKeepsTheVisitorSignedIn(t *testing.T) {
	a := newApp(t)
	c := a.signIn(t, "ki-1")
	if status, _, _ := fetch(t, c, http.MethodGet, a.URL+demoPlan+"/kommunen"); status != http.StatusOK {
		t.Fatalf("protected page before the foreign callback: %d, want 200", status)
	}
	if status, _, _ := fetch(t, c, http.MethodGet, a.URL+"/anmelden/callback?state=x&code=y"); status != http.StatusUnprocessableEntity {
		t.Errorf("foreign callback: %d, want 422", status)
	}
	if status, _, _ := fetch(t, c, http.MethodGet, a.URL+demoPlan+"/kommunen"); status != http.StatusOK {
		t.Errorf("protected page after the foreign callback: %d, want 200 (still signed in)", status)
	}
}
