package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// apiMatrix is the API's authorization requirement written out, per
// operation and kind of caller, independent of policies/policy.csv: the
// same answers as the page routes with the same permission, except that a
// missing token is 401 (no sign-in to send anyone to) and a user without a
// role gets 403. Writes carry no If-Match (428) or an empty body (422):
// allowed callers get past authorization and are told what is missing.
var apiMatrix = map[string]map[who]int{
	"GET /plans":        apiAnswers(expect(ok)),
	"GET /plans/{plan}": apiAnswers(reader),
	"GET /plans/{plan}/municipalities/{org}/implementations":      apiAnswers(reader),
	"GET /plans/{plan}/municipalities/{org}/implementations/{id}": apiAnswers(reader),
	"PATCH /plans/{plan}/municipalities/{org}/implementations/{id}": apiAnswers(outside(expect(forbidden,
		coordOwn, http.StatusPreconditionRequired, kiStaff, http.StatusPreconditionRequired))),
	"POST /plans/{plan}/municipalities/{org}/implementations/{id}/progress-reports": apiAnswers(outside(expect(forbidden,
		coordOwn, invalid, kiStaff, invalid))),
	// Open data (issue 13): anyone, with a token or without.
	"GET /public/offers": expect(ok),
	// Open data of the plans' status (opendata): the demo plan publishes nothing.
	"GET /public/plans":               expect(ok),
	"GET /public/plans/{plan}/status": expect(notFound),
}

func apiAnswers(m map[who]int) map[who]int {
	out := map[who]int{}
	for k, v := range m {
		out[k] = v
	}
	out[signedOut], out[noRole] = unauth, forbidden
	return out
}

// TestAPIAuthorizationMatrix asks every API operation as every kind of
// caller (own and other town, own and other county) with the caller's own
// token, against the real server. An operation without a row fails.
func TestAPIAuthorizationMatrix(t *testing.T) {
	a := newApp(t)
	a.addOtherCounty(t)
	tokens := map[who]string{signedOut: ""}
	for v, user := range map[who]string{coordOwn: "duelmen", coordOther: "duelmen", kiStaff: "ki-1",
		committee: "ausschuss-1", adminStaff: "admin", kiElsewhere: "ausschuss-2", coordElsewhere: "senden", noRole: "ki-2"} {
		tokens[v] = a.newToken(t, user)
	}
	a.signInWithoutRole(t) // takes ki-2's roles away: their token carries none
	ids := a.pathValues(t)
	ops := a.API.Operations()
	if len(ops) != len(apiMatrix) {
		t.Errorf("%d operations, %d rows in the matrix", len(ops), len(apiMatrix))
	}
	for _, op := range ops {
		key := op.Method + " " + op.Path
		want, listed := apiMatrix[key]
		if !listed {
			t.Errorf("operation %s has no row in the API authorization matrix", key)
			continue
		}
		for _, v := range visitors {
			town := "duelmen"
			if v == coordOther {
				town = "olfen"
			}
			path := strings.NewReplacer("{plan}", ids.plan, "{org}", town, "{id}", fmt.Sprint(ids.impl[town])).Replace(op.Path)
			body := ""
			if op.Method != http.MethodGet {
				body = "{}"
			}
			status, resp, hdr := a.apiCall(t, tokens[v], op.Method, "/api/v1"+path, body)
			if status != want[v] {
				t.Errorf("%s as %s: %d, want %d: %.200s", key, v, status, want[v], resp)
			} else if status >= 400 && !strings.HasPrefix(hdr.Get("Content-Type"), "application/problem+json") {
				t.Errorf("%s as %s: %d is not a problem-details answer", key, v, status)
			}
		}
	}
}
