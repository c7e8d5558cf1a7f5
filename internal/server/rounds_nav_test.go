package server_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestRoundsAreInTheKIsNavigation: whoever runs reporting rounds (the KI)
// finds them in the navigation, in a plan and outside one; nobody else does.
func TestRoundsAreInTheKIsNavigation(t *testing.T) {
	a := newApp(t)
	const entry = `">Berichtsrunden</a>`
	for user, want := range map[string]bool{"ki-1": true, "duelmen": false, "ausschuss-1": false, "admin": false} {
		c := a.signIn(t, user)
		_, plan, _ := fetch(t, c, http.MethodGet, a.URL+demoPlan)
		if strings.Contains(plan, `href="`+roundsPage+entry) != want {
			t.Errorf("%s: navigation in the plan offers the rounds = %v, want %v", user, !want, want)
		}
		_, start, _ := fetch(t, c, http.MethodGet, a.URL+"/plaene")
		if strings.Contains(start, `href="/berichtsrunden`+entry) != want {
			t.Errorf("%s: navigation outside a plan offers the rounds = %v, want %v", user, !want, want)
		}
	}
	ki := a.signIn(t, "ki-1")
	_, page, _ := fetch(t, ki, http.MethodGet, a.URL+roundsPage)
	mustContain(t, page, `href="`+roundsPage+`" aria-current="page">Berichtsrunden</a>`)
	// Outside a plan the link leads to the current plan's rounds.
	status, _, h := fetch(t, ki, http.MethodGet, a.URL+"/berichtsrunden")
	if status != http.StatusFound || h.Get("Location") != roundsPage {
		t.Errorf("/berichtsrunden: %d to %q, want %d to %s", status, h.Get("Location"), http.StatusFound, roundsPage)
	}
}
