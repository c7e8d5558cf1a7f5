package server_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/seed"
)

var catalogueLocation = regexp.MustCompile(`^/plaene/integrationskonzept-kreis-coesfeld/katalog\?gespeichert=(\w+)#eintrag-(\w+)-(\d+)$`)

// The KI adds a municipal measure in the editor: it appears in every town's
// workspace at once; retired, it is marked "entfallen im Katalog" on the
// workspace, the implementation and the measure page; the history lists
// both changes.
func TestKIAddsAndRetiresAMeasureInTheCatalogueEditor(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	goal := a.firstGoal(t)
	base := a.URL + demoPlan + "/katalog"

	status, body, _ := fetch(t, ki, "GET", base)
	if status != http.StatusOK {
		t.Fatalf("editor: %d", status)
	}
	mustContain(t, body, "Katalog des Plans bearbeiten", `action="`+demoPlan+`/katalog/ziele/`, "Nach oben", "Entfallen lassen")
	if n := queriesOf(t, a, ki, demoPlan+"/katalog"); n > 5 {
		t.Errorf("the editor ran %d SQL statements, budget 5", n)
	}

	status, _, h := fetch(t, ki, "POST", base+"/massnahmen/neu", formValues("parent_id", fmt.Sprint(goal.ID),
		"code", goal.Code+".99", "title", "Mehrsprachige Elternabende", "description", "Erster Absatz.\n\nZweiter Absatz.",
		"scope", "municipal")...)
	m := catalogueLocation.FindStringSubmatch(h.Get("Location"))
	if status != http.StatusSeeOther || m == nil || m[1] != "angelegt" || m[2] != "massnahmen" {
		t.Fatalf("create: %d → %q", status, h.Get("Location"))
	}
	measureID := m[3]
	duelmen := a.signIn(t, "duelmen")
	_, body, _ = fetch(t, duelmen, "GET", a.URL+demoPlan+"/kommunen/duelmen")
	mustContain(t, body, "Mehrsprachige Elternabende")

	status, _, h = fetch(t, ki, "POST", base+"/massnahmen/"+measureID+"/entfallen")
	if status != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "gespeichert=entfallen") {
		t.Fatalf("retire: %d → %q", status, h.Get("Location"))
	}
	_, body, _ = fetch(t, duelmen, "GET", a.URL+demoPlan+"/kommunen/duelmen")
	if strings.Contains(body, "Mehrsprachige Elternabende") {
		t.Errorf("an untouched implementation of a retired measure is still in the workspace")
	}
	_, body, _ = fetch(t, ki, "GET", a.URL+demoPlan+"/massnahmen/"+measureID)
	mustContain(t, body, "Mehrsprachige Elternabende", "entfallen im Katalog", `class="kern-body kern-body--large plain-text">Erster Absatz.`)

	_, body, _ = fetch(t, ki, "GET", base+"/verlauf")
	mustContain(t, body, "Maßnahme "+goal.Code+".99 – angelegt", "Maßnahme "+goal.Code+".99 – geändert", "im Katalog entfallen",
		"offene Umsetzungen angelegt", "unberührte Umsetzungen entfernt")
}

// An implementation with data survives its measure's retirement and is
// shown as retired in the workspace and on its page.
func TestARetiredMeasureKeepsDecidedImplementations(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	ctx := context.Background()
	plan, _ := a.DB.FindPlanBySlug(ctx, seed.ConceptSlug)
	org, _ := a.DB.FindOrganisationBySlug(ctx, "duelmen")
	items, err := a.DB.FindWorkspace(ctx, org.ID, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	var implID, measureID int64
	for _, it := range items {
		if it.Relevance == "relevant" && it.Scope == "municipal" {
			implID, measureID = it.ID, it.MeasureID
			break
		}
	}
	if implID == 0 {
		t.Fatal("no relevant municipal implementation in Dülmen's demo workspace")
	}
	status, _, _ := fetch(t, ki, "POST", fmt.Sprintf("%s%s/katalog/massnahmen/%d/entfallen", a.URL, demoPlan, measureID))
	if status != http.StatusSeeOther {
		t.Fatalf("retire: %d", status)
	}
	duelmen := a.signIn(t, "duelmen")
	_, body, _ := fetch(t, duelmen, "GET", fmt.Sprintf("%s%s/kommunen/duelmen/umsetzungen/%d", a.URL, demoPlan, implID))
	mustContain(t, body, "entfallen im Katalog")
	_, body, _ = fetch(t, duelmen, "GET", a.URL+demoPlan+"/kommunen/duelmen")
	mustContain(t, body, "entfallen im Katalog")

	// Taken back, the badge goes.
	fetch(t, ki, "POST", fmt.Sprintf("%s%s/katalog/massnahmen/%d/wiederaufnehmen", a.URL, demoPlan, measureID))
	_, body, _ = fetch(t, duelmen, "GET", fmt.Sprintf("%s%s/kommunen/duelmen/umsetzungen/%d", a.URL, demoPlan, implID))
	if strings.Contains(body, "entfallen im Katalog") {
		t.Error("a measure taken back is still shown as retired")
	}
}

// Each refusal of the form is named at its field, in German, with 422.
func TestCatalogueFormRefusals(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	goal := a.firstGoal(t)
	base := a.URL + demoPlan + "/katalog"
	existing := a.firstMeasureCode(t)
	for _, tc := range []struct {
		name string
		form []string
		want string
	}{
		{"taken code", []string{"code", existing, "title", "X", "scope", "municipal"}, "Die Kennung " + existing + " ist in diesem Plan schon vergeben."},
		{"bad code", []string{"code", "3.2 neu", "title", "X", "scope", "municipal"}, "Die Kennung einer Maßnahme besteht aus"},
		{"no title", []string{"code", goal.Code + ".98", "title", " ", "scope", "municipal"}, "Bitte geben Sie einen Titel an."},
		{"no kind", []string{"code", goal.Code + ".98", "title", "X", "scope", "local"}, "kommunal oder kreisweit"},
	} {
		form := append([]string{"parent_id", fmt.Sprint(goal.ID)}, tc.form...)
		status, body, _ := fetch(t, ki, "POST", base+"/massnahmen/neu", formValues(form...)...)
		if status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", tc.name, status)
		}
		mustContain(t, body, tc.want, `aria-invalid="true"`)
	}
}

func (a *app) firstMeasureCode(t *testing.T) string {
	t.Helper()
	goal := a.firstGoal(t)
	if len(goal.Measures) == 0 {
		t.Fatal("first goal has no measures")
	}
	return goal.Measures[0].Code
}

// Moving is done with buttons; the order changes and the history says so.
func TestCatalogueMoveButtons(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	goal := a.firstGoal(t)
	if len(goal.Measures) < 2 {
		t.Skip("the demo's first goal has fewer than two measures")
	}
	first, second := goal.Measures[0], goal.Measures[1]
	status, _, _ := fetch(t, ki, "POST", fmt.Sprintf("%s%s/katalog/massnahmen/%d/verschieben", a.URL, demoPlan, second.ID),
		formValues("richtung", "hoch")...)
	if status != http.StatusSeeOther {
		t.Fatalf("move: %d", status)
	}
	after := a.firstGoal(t)
	if after.Measures[0].ID != second.ID || after.Measures[1].ID != first.ID {
		t.Errorf("after moving %s up: %s, %s", second.Code, after.Measures[0].Code, after.Measures[1].Code)
	}
}
