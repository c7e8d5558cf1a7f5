package server_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestHeaderNamesTheRoleOnlyWhenItAddsSomething: an account named after its
// role ("Koordination Dülmen") is not followed by the same words again; a
// person's account shows the role beside the name.
func TestHeaderNamesTheRoleOnlyWhenItAddsSomething(t *testing.T) {
	a := newApp(t)
	_, body, _ := fetch(t, a.signIn(t, "duelmen"), http.MethodGet, a.URL+demoPlan)
	if strings.Contains(body, "(Koordination Dülmen)</span>") || !strings.Contains(body, "Koordination Dülmen") {
		t.Error("the header repeats the coordinator's role after a name that already says it")
	}
	_, body, _ = fetch(t, a.signIn(t, "ki-1"), http.MethodGet, a.URL+demoPlan)
	mustContain(t, body, `<span class="kern-body--small">(Kommunales Integrationszentrum)</span>`)
}
