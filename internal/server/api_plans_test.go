package server_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/seed"
)

// TestAPIPlans: a token reads the plans of its user's county with the
// catalogue; the other county's plan is neither listed nor readable.
func TestAPIPlans(t *testing.T) {
	a := newApp(t)
	a.addOtherCounty(t)
	tok := a.newToken(t, "ki-1")

	status, body, _ := a.apiCall(t, tok, http.MethodGet, "/api/v1/plans", "")
	if status != http.StatusOK {
		t.Fatalf("GET /plans = %d: %s", status, body)
	}
	var list struct{ Items []struct{ Slug string } }
	if err := json.Unmarshal([]byte(body), &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Items) != 1 || list.Items[0].Slug != seed.ConceptSlug {
		t.Fatalf("plans = %+v, want only %s", list.Items, seed.ConceptSlug)
	}
	status, body, _ = a.apiCall(t, tok, http.MethodGet, "/api/v1/plans/"+seed.ConceptSlug, "")
	var plan struct {
		Catalogue []struct {
			Goals []struct{ Measures []struct{ Code string } }
		}
	}
	if err := json.Unmarshal([]byte(body), &plan); status != http.StatusOK || err != nil || len(plan.Catalogue) == 0 ||
		len(plan.Catalogue[0].Goals) == 0 || len(plan.Catalogue[0].Goals[0].Measures) == 0 {
		t.Fatalf("GET /plans/{plan} = %d, catalogue missing: %.300s", status, body)
	}
	status, body, hdr := a.apiCall(t, tok, http.MethodGet, "/api/v1"+strings.Replace(otherPlan, "/plaene/", "/plans/", 1), "")
	mustProblem(t, status, body, hdr, http.StatusNotFound)
}
