package server_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"testing"

	"github.com/planwerk/planwerk/internal/seed"
)

// reportFixture is the demo plan's county office and towns as the report
// form names them.
type reportFixture struct {
	planID int64
	orgs   []string // organisation ids: the county office, Dülmen, Olfen
}

func newReportFixture(t *testing.T, a *app) reportFixture {
	t.Helper()
	ctx := context.Background()
	plan, err := a.DB.FindPlanBySlug(ctx, seed.ConceptSlug)
	if err != nil {
		t.Fatal(err)
	}
	f := reportFixture{planID: plan.ID, orgs: []string{fmt.Sprint(plan.OwnerID)}}
	for _, slug := range []string{"duelmen", "olfen"} {
		org, err := a.DB.FindOrganisationBySlug(ctx, slug)
		if err != nil {
			t.Fatal(err)
		}
		f.orgs = append(f.orgs, fmt.Sprint(org.ID))
	}
	return f
}

// form is a complete draft form; pairs replace or add fields ("org" and
// "scope" given there replace the defaults).
func (f reportFixture) form(pairs ...string) []string {
	fields := map[string]string{"title": "Sachstand Herbst 2026", "committee": "Integrationsausschuss",
		"meeting_on": "2026-12-03", "period_from": "2026-05-01", "period_to": "2026-11-25", "introduction": "Einleitung"}
	multi := map[string][]string{"org": f.orgs, "scope": {"county", "municipal", "local"}}
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i] == "org" || pairs[i] == "scope" {
			multi[pairs[i]] = nil
		}
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i] == "org" || pairs[i] == "scope" {
			if pairs[i+1] != "" {
				multi[pairs[i]] = append(multi[pairs[i]], pairs[i+1])
			}
			continue
		}
		fields[pairs[i]] = pairs[i+1]
	}
	var out []string
	for k, v := range fields {
		out = append(out, formValues(k, v)...)
	}
	for k, vs := range multi {
		for _, v := range vs {
			out = append(out, formValues(k, v)...)
		}
	}
	return out
}

var reportIDInPath = regexp.MustCompile(`/berichte/(\d+)`)

// createReport saves a draft as the KI and returns its id.
func (f reportFixture) createReport(t *testing.T, a *app, ki *http.Client, pairs ...string) int64 {
	t.Helper()
	status, _, h := fetch(t, ki, http.MethodPost, a.URL+demoPlan+"/berichte", f.form(pairs...)...)
	m := reportIDInPath.FindStringSubmatch(h.Get("Location"))
	if status != http.StatusSeeOther || m == nil {
		t.Fatalf("create report: %d → %q", status, h.Get("Location"))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// freezeReport freezes a draft as the KI and returns the address it leads to.
func freezeReport(t *testing.T, a *app, ki *http.Client, id int64, version int) string {
	t.Helper()
	status, _, h := fetch(t, ki, http.MethodPost, reportURL(a, id)+"/einfrieren",
		formValues("version", strconv.Itoa(version), "confirm", "1")...)
	if status != http.StatusSeeOther {
		t.Fatalf("freeze report %d: %d", id, status)
	}
	return h.Get("Location")
}

func reportURL(a *app, id int64) string { return fmt.Sprintf("%s%s/berichte/%d", a.URL, demoPlan, id) }
