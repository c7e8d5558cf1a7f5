package server_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/seed"
)

// firstGoal is a goal of the current plan.
func (a *app) firstGoal(t *testing.T) domain.Goal {
	t.Helper()
	ctx := context.Background()
	plan, err := a.DB.FindPlanBySlug(ctx, seed.ConceptSlug)
	if err != nil {
		t.Fatal(err)
	}
	fields, err := a.DB.FindCatalogue(ctx, plan.ID)
	if err != nil || len(fields) == 0 || len(fields[0].Goals) == 0 {
		t.Fatalf("catalogue: %v", err)
	}
	return fields[0].Goals[0]
}

var implementationLocation = regexp.MustCompile(`^/plaene/integrationskonzept-kreis-coesfeld/kommunen/duelmen/umsetzungen/(\d+)$`)

func TestCoordinatorAddsALocalMeasureThatTheKISeesToo(t *testing.T) {
	a := newApp(t)
	duelmen := a.signIn(t, "duelmen")
	goal := a.firstGoal(t)

	status, body, _ := fetch(t, duelmen, "GET", a.URL+demoPlan+"/kommunen/duelmen/massnahmen/neu")
	if status != http.StatusOK {
		t.Fatalf("form: %d", status)
	}
	mustContain(t, body, `<optgroup label="Handlungsfeld `, fmt.Sprintf(`<option value="%d">%s `, goal.ID, goal.Code))
	if n := queriesOf(t, a, duelmen, demoPlan+"/kommunen/duelmen/massnahmen/neu"); n > 5 {
		t.Errorf("the form ran %d SQL statements, budget 5", n)
	}

	status, _, h := fetch(t, duelmen, "POST", a.URL+demoPlan+"/kommunen/duelmen/massnahmen/neu",
		formValues("goal_id", fmt.Sprint(goal.ID), "title", "Dülmener Sprachpaten", "description", "Ehrenamtliche begleiten Familien.")...)
	m := implementationLocation.FindStringSubmatch(h.Get("Location"))
	if status != http.StatusSeeOther || m == nil {
		t.Fatalf("create: %d → %q", status, h.Get("Location"))
	}
	status, body, _ = fetch(t, duelmen, "GET", a.URL+h.Get("Location"))
	if status != http.StatusOK {
		t.Fatalf("the new implementation: %d", status)
	}
	mustContain(t, body, "Dülmener Sprachpaten", "Ehrenamtliche begleiten Familien.", goal.Code+".L-duelmen-1")

	ctx := context.Background()
	org, _ := a.DB.FindOrganisationBySlug(ctx, "duelmen")
	var id int64
	fmt.Sscan(m[1], &id)
	d, err := a.DB.FindImplementationDetail(ctx, a.key(t, org.ID, id))
	if err != nil || d.Scope != domain.ScopeLocal || d.Relevance != domain.RelevanceRelevant || d.Status != domain.StatusPlanned || d.GoalID != goal.ID {
		t.Errorf("stored: %+v, %v", d, err)
	}
	for entity, eid := range map[string]int64{"measure": d.MeasureID, "implementation": id} {
		if events, _ := a.DB.FindAuditEvents(ctx, org.ID, entity, eid); len(events) != 1 || events[0].Action != "create" {
			t.Errorf("audit of the %s: %+v", entity, events)
		}
	}

	// In the town's workspace, marked local, for the town and the KI alike;
	// not in another town's.
	for _, user := range []string{"duelmen", "ki-1"} {
		_, body, _ := fetch(t, a.signIn(t, user), "GET", a.URL+demoPlan+"/kommunen/duelmen")
		row := regexp.MustCompile(fmt.Sprintf(`umsetzungen/%d"[^>]*>Dülmener Sprachpaten</a>\s*<span class="kern-badge[^"]*">lokal[^<]*</span>`, id))
		if !row.MatchString(body) {
			t.Errorf("%s: Dülmen's workspace lacks the local measure with its badge", user)
		}
	}
	if _, body, _ := fetch(t, duelmen, "GET", a.URL+demoPlan+"/kommunen/olfen"); strings.Contains(body, "Dülmener Sprachpaten") {
		t.Error("Olfen's workspace shows Dülmen's local measure")
	}

	// The KI may add one for a town too.
	status, _, h = fetch(t, a.signIn(t, "ki-1"), "POST", a.URL+demoPlan+"/kommunen/duelmen/massnahmen/neu",
		formValues("goal_id", fmt.Sprint(goal.ID), "title", "Vom KI angelegt")...)
	if status != http.StatusSeeOther || !implementationLocation.MatchString(h.Get("Location")) {
		t.Errorf("KI creates: %d → %q", status, h.Get("Location"))
	}
}

func TestBadLocalMeasureInputIsRefusedAndNothingSaved(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	duelmen := a.signIn(t, "duelmen")
	goal := a.firstGoal(t)

	// A second, older plan: its goals are not the current plan's.
	concept, orgs := seed.CoesfeldConcept(), seed.Organisations()
	concept.Slug, concept.AdoptedOn = "altes-konzept", concept.AdoptedOn.AddDate(-10, 0, 0)
	if _, err := a.DB.SeedDemo(ctx, concept, orgs, nil); err != nil {
		t.Fatal(err)
	}
	old, err := a.DB.FindPlanBySlug(ctx, "altes-konzept")
	if err != nil {
		t.Fatal(err)
	}
	oldFields, _ := a.DB.FindCatalogue(ctx, old.ID)
	oldGoal := oldFields[0].Goals[0].ID
	if current, _ := a.DB.FindCurrentPlanOf(ctx, "duelmen"); current.ID == old.ID {
		t.Fatal("the old plan became the current one")
	}

	cases := []struct {
		name                     string
		goal, title, description string
		field                    string
	}{
		{"no goal", "", "Titel", "", "goal_id"},
		{"goal not a number", "3.2", "Titel", "", "goal_id"},
		{"unknown goal", "999999", "Titel", "", "goal_id"},
		{"goal of another plan", fmt.Sprint(oldGoal), "Titel", "", "goal_id"},
		{"no title", fmt.Sprint(goal.ID), " ", "", "title"},
		{"title too long", fmt.Sprint(goal.ID), "<b>" + strings.Repeat("x", domain.MaxMeasureTitleLen), "", "title"},
		{"description too long", fmt.Sprint(goal.ID), "Titel", strings.Repeat("y", domain.MaxMeasureDescriptionLen+1), "description"},
	}
	for _, c := range cases {
		status, body, _ := fetch(t, duelmen, "POST", a.URL+demoPlan+"/kommunen/duelmen/massnahmen/neu",
			formValues("goal_id", c.goal, "title", c.title, "description", c.description)...)
		if status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", c.name, status)
			continue
		}
		mustContain(t, body, fmt.Sprintf(`aria-describedby="%s-error"`, c.field))
		if strings.HasPrefix(c.title, "<b>") {
			mustContain(t, body, `value="&lt;b&gt;xxx`)
		}
	}
	org, _ := a.DB.FindOrganisationBySlug(ctx, "duelmen")
	plan, _ := a.DB.FindPlanBySlug(ctx, seed.ConceptSlug)
	items, _ := a.DB.FindWorkspace(ctx, org.ID, plan.ID)
	for _, it := range items {
		if it.Scope == domain.ScopeLocal {
			t.Errorf("a refused local measure was saved: %s", it.MeasureCode)
		}
	}
	// The county office carries county-wide measures, not local ones.
	if status, _, _ := fetch(t, a.signIn(t, "ki-1"), "GET", a.URL+demoPlan+"/kommunen/"+seed.CountySlug+demoPlan+"/massnahmen/neu"); status != http.StatusNotFound {
		t.Errorf("local measure for the county office: %d, want 404", status)
	}
}
