package server_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/planwerk/planwerk/internal/seed"
)

// Two KI staff change the same need: the second save started from the old
// version, so it is refused with 409, both values side by side and the
// second person's input kept in the form; saving again then succeeds.
func TestStaleNeedUpdateShowsBothValues(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	if status, _, _ := fetch(t, a.signIn(t, "duelmen"), "POST", a.URL+demoPlan+"/kommunen/duelmen/bedarfe", formValues("title", "Dolmetscher")...); status != http.StatusSeeOther {
		t.Fatal("report")
	}
	plan, _ := a.DB.FindPlanBySlug(ctx, seed.ConceptSlug)
	all, _ := a.DB.FindAllNeeds(ctx, plan.OwnerID, "")
	need := all[0]
	county, _ := a.DB.FindCountyMeasures(ctx, plan.ID)
	first, second := a.signIn(t, "ki-1"), a.signIn(t, "ki-2")
	_, page, _ := fetch(t, first, "GET", a.URL+demoPlan+"/bedarfe")
	mustContain(t, page, `<input type="hidden" name="version" value="1">`)

	path := fmt.Sprintf("%s%s/bedarfe/%d", a.URL, demoPlan, need.ID)
	if status, _, _ := fetch(t, second, "POST", path, formValues("version", "1", "status", "closed")...); status != http.StatusSeeOther {
		t.Fatalf("first save: %d", status)
	}
	measure := fmt.Sprint(county[0].ID)
	status, body, _ := fetch(t, first, "POST", path, formValues("version", "1", "status", "taken_up", "measure_id", measure)...)
	if status != http.StatusConflict {
		t.Fatalf("stale save: %d, want 409", status)
	}
	mustContain(t, body, "Jemand anderes hat inzwischen gespeichert", "Ihre Eingabe", "Inzwischen gespeichert",
		`<td class="kern-table__cell conflict__mine">vom KI aufgegriffen</td>`,
		`<td class="kern-table__cell conflict__theirs">abgeschlossen</td>`,
		`<td class="kern-table__cell conflict__mine">`+county[0].Code+" "+county[0].Title+`</td>`,
		`<td class="kern-table__cell conflict__theirs">–</td>`,
		`<input type="hidden" name="version" value="2">`,
		`<option value="taken_up" selected>`, fmt.Sprintf(`<option value="%s" selected>`, measure))
	stored, _ := a.DB.FindAllNeeds(ctx, plan.OwnerID, "")
	if stored[0].Status != "closed" || stored[0].Version != 2 {
		t.Errorf("after the refused save: %s, version %d; want closed, 2", stored[0].Status, stored[0].Version)
	}

	status, _, _ = fetch(t, first, "POST", path, formValues("version", "2", "status", "taken_up", "measure_id", measure)...)
	if status != http.StatusSeeOther {
		t.Fatalf("save after the conflict: %d", status)
	}
	stored, _ = a.DB.FindAllNeeds(ctx, plan.OwnerID, "")
	if stored[0].Status != "taken_up" || stored[0].Version != 3 {
		t.Errorf("after saving again: %s, version %d; want taken_up, 3", stored[0].Status, stored[0].Version)
	}
}
