package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/seed"
)

func TestCoordinatorReportsANeedAndSeesOnlyTheirTown(t *testing.T) {
	a := newApp(t)
	duelmen, olfen := a.signIn(t, "duelmen"), a.signIn(t, "olfen")
	status, _, h := fetch(t, duelmen, "POST", a.URL+demoPlan+"/kommunen/duelmen/bedarfe",
		formValues("title", "Dolmetscherpool fehlt", "description", "Für <b>alle</b> Beratungen.")...)
	if status != http.StatusSeeOther || h.Get("Location") != demoPlan+"/kommunen/duelmen/bedarfe?gemeldet=1" {
		t.Fatalf("report: %d → %q", status, h.Get("Location"))
	}
	if status, _, _ := fetch(t, olfen, "POST", a.URL+demoPlan+"/kommunen/olfen/bedarfe", formValues("title", "Sprachkurse am Abend")...); status != http.StatusSeeOther {
		t.Fatalf("Olfen's report: %d", status)
	}
	status, body, _ := fetch(t, duelmen, "GET", a.URL+demoPlan+"/kommunen/duelmen/bedarfe?gemeldet=1")
	if status != http.StatusOK {
		t.Fatalf("Dülmen's needs: %d", status)
	}
	mustContain(t, body, "Dolmetscherpool fehlt", "Für &lt;b&gt;alle&lt;/b&gt; Beratungen.", "Ihr Bedarf wurde an das Kommunale Integrationszentrum gemeldet.")
	if strings.Contains(body, "Sprachkurse am Abend") {
		t.Error("Dülmen sees Olfen's need")
	}
	if status, _, _ := fetch(t, olfen, "GET", a.URL+demoPlan+"/kommunen/duelmen/bedarfe"); status != http.StatusNotFound {
		t.Errorf("Olfen reads Dülmen's needs: %d, want 404", status)
	}
	if status, _, _ := fetch(t, olfen, "POST", a.URL+demoPlan+"/kommunen/duelmen/bedarfe", formValues("title", "Fremd")...); status != http.StatusNotFound {
		t.Errorf("Olfen reports for Dülmen: %d, want 404", status)
	}
	org, _ := a.DB.FindOrganisationBySlug(context.Background(), "duelmen")
	needs, err := a.DB.FindNeeds(context.Background(), org.ID)
	if err != nil || len(needs) != 1 || needs[0].CreatedByName == "" {
		t.Fatalf("Dülmen's stored needs: %+v, %v", needs, err)
	}
	events, err := a.DB.FindAuditEvents(context.Background(), org.ID, "need", needs[0].ID)
	if err != nil || len(events) != 1 || events[0].Action != "create" {
		t.Errorf("audit of the report: %+v, %v", events, err)
	}
}

func TestBadNeedInputIsRefusedAndNothingSaved(t *testing.T) {
	a := newApp(t)
	duelmen := a.signIn(t, "duelmen")
	cases := []struct {
		name, title, description, field, says string
	}{
		{"no title", "  ", "", "title", "Bitte geben Sie dem Bedarf einen Titel."},
		{"title too long", "<i>" + strings.Repeat("x", domain.MaxNeedTitleLen), "", "title", "höchstens 200 Zeichen"},
		{"description too long", "Titel", strings.Repeat("y", domain.MaxNeedDescriptionLen+1), "description", "höchstens 4000 Zeichen"},
	}
	for _, c := range cases {
		status, body, _ := fetch(t, duelmen, "POST", a.URL+demoPlan+"/kommunen/duelmen/bedarfe", formValues("title", c.title, "description", c.description)...)
		if status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", c.name, status)
			continue
		}
		mustContain(t, body, c.says, fmt.Sprintf(`aria-describedby="%s-error"`, c.field))
		if strings.HasPrefix(c.title, "<i>") {
			mustContain(t, body, `value="&lt;i&gt;xxx`) // the input comes back, escaped
		}
	}
	org, _ := a.DB.FindOrganisationBySlug(context.Background(), "duelmen")
	if needs, _ := a.DB.FindNeeds(context.Background(), org.ID); len(needs) != 0 {
		t.Errorf("refused needs were saved: %+v", needs)
	}
}

// A need without a title and with an overlong description is refused with
// both fields marked at once, so the user fixes both in one go.
func TestEveryRefusedNeedFieldIsMarkedAtOnce(t *testing.T) {
	a := newApp(t)
	duelmen := a.signIn(t, "duelmen")
	status, body, _ := fetch(t, duelmen, "POST", a.URL+demoPlan+"/kommunen/duelmen/bedarfe",
		formValues("title", "", "description", strings.Repeat("y", domain.MaxNeedDescriptionLen+1))...)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("%d, want 422", status)
	}
	mustContain(t, body, "Der Bedarf wurde nicht gemeldet.", "Bitte geben Sie dem Bedarf einen Titel.", "höchstens 4000 Zeichen",
		`aria-describedby="title-error"`, `aria-describedby="description-error"`)
}

func TestKISeesEveryNeedAndLinksOneToACountyMeasure(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	ki := a.signIn(t, "ki-1")
	for _, r := range []struct{ town, title string }{{"olfen", "Zuerst gemeldet"}, {"duelmen", "Danach gemeldet"}} {
		if status, _, _ := fetch(t, a.signIn(t, r.town), "POST", a.URL+demoPlan+"/kommunen/"+r.town+"/bedarfe", formValues("title", r.title)...); status != http.StatusSeeOther {
			t.Fatalf("%s reports: %d", r.town, status)
		}
	}
	status, body, _ := fetch(t, ki, "GET", a.URL+demoPlan+"/bedarfe")
	if status != http.StatusOK {
		t.Fatalf("KI's needs: %d", status)
	}
	first, second := strings.Index(body, "Zuerst gemeldet"), strings.Index(body, "Danach gemeldet")
	if first < 0 || second < 0 || first > second {
		t.Errorf("needs of both towns, oldest first: positions %d, %d", first, second)
	}
	mustContain(t, body, "Olfen", "Dülmen")

	plan, _ := a.DB.FindPlanBySlug(ctx, seed.ConceptSlug)
	all, _ := a.DB.FindAllNeeds(ctx, plan.OwnerID, "")
	need := all[len(all)-1]
	county, err := a.DB.FindCountyMeasures(ctx, plan.ID)
	if err != nil || len(county) == 0 {
		t.Fatalf("county measures: %v, %v", county, err)
	}
	if !strings.Contains(body, fmt.Sprintf(`<option value="%d">`, county[0].ID)) {
		t.Errorf("the county-wide measures are not offered")
	}
	path := fmt.Sprintf("%s%s/bedarfe/%d", a.URL, demoPlan, need.ID)
	status, _, h := fetch(t, ki, "POST", path, formValues("version", "1", "status", "taken_up", "measure_id", fmt.Sprint(county[0].ID))...)
	if status != http.StatusSeeOther || h.Get("Location") != fmt.Sprintf(demoPlan+"/bedarfe#bedarf-%d", need.ID) {
		t.Fatalf("link: %d → %q", status, h.Get("Location"))
	}
	events, err := a.DB.FindAuditEvents(ctx, need.OrganisationID, "need", need.ID)
	if err != nil || len(events) != 2 || events[0].Changes["status"].New != "taken_up" {
		t.Errorf("audit of the link: %+v, %v", events, err)
	}
	_, body, _ = fetch(t, a.signIn(t, "duelmen"), "GET", a.URL+demoPlan+"/kommunen/duelmen/bedarfe")
	mustContain(t, body, "vom KI aufgegriffen", fmt.Sprintf(`href="/plaene/integrationskonzept-kreis-coesfeld/massnahmen/%d"`, county[0].ID))

	for _, path := range []string{demoPlan + "/bedarfe", demoPlan + "/kommunen/duelmen/bedarfe"} {
		if n := queriesOf(t, a, ki, path); n > 5 {
			t.Errorf("%s ran %d SQL statements, budget 5", path, n)
		}
	}
}

func TestKIsBadNeedChangesAreRefused(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	ki := a.signIn(t, "ki-1")
	if status, _, _ := fetch(t, a.signIn(t, "duelmen"), "POST", a.URL+demoPlan+"/kommunen/duelmen/bedarfe", formValues("title", "Wohnraum")...); status != http.StatusSeeOther {
		t.Fatal("report")
	}
	plan, _ := a.DB.FindPlanBySlug(ctx, seed.ConceptSlug)
	all, _ := a.DB.FindAllNeeds(ctx, plan.OwnerID, "")
	need := all[0]
	fields, _ := a.DB.FindCatalogue(ctx, plan.ID)
	var municipal int64
	for _, f := range fields {
		for _, g := range f.Goals {
			for _, m := range g.Measures {
				if m.Scope == domain.ScopeMunicipal && municipal == 0 {
					municipal = m.ID
				}
			}
		}
	}
	path := fmt.Sprintf("%s%s/bedarfe/%d", a.URL, demoPlan, need.ID)
	cases := []struct {
		name  string
		form  []string
		field string
	}{
		{"municipal measure", formValues("version", "1", "status", "taken_up", "measure_id", fmt.Sprint(municipal)), "measure"},
		{"unknown measure", formValues("version", "1", "status", "taken_up", "measure_id", "999999"), "measure"},
		{"no number", formValues("version", "1", "status", "taken_up", "measure_id", "3.1"), "measure"},
		{"unknown status", formValues("version", "1", "status", "erledigt"), "status"},
	}
	for _, c := range cases {
		status, body, _ := fetch(t, ki, "POST", path, c.form...)
		if status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", c.name, status)
			continue
		}
		mustContain(t, body, fmt.Sprintf(`aria-describedby="%s-%d-error"`, c.field, need.ID))
	}
	if status, _, _ := fetch(t, ki, "POST", a.URL+demoPlan+"/bedarfe/999999", formValues("version", "1", "status", "closed")...); status != http.StatusNotFound {
		t.Errorf("unknown need: %d, want 404", status)
	}
	if events, _ := a.DB.FindAuditEvents(ctx, need.OrganisationID, "need", need.ID); len(events) != 1 {
		t.Errorf("refused changes were audited: %+v", events)
	}
}
