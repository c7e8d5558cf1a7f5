package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/seed"
)

// TestMovingADueDateLaterAsksForAReasonEveryoneSees: the edit form refuses a
// later due date without a reason (keeping the input), saves it with one,
// and from then on the implementation page shows the original date and the
// reason to every reader (the committee too), the workspace marks and
// filters it, and the API tells it.
func TestMovingADueDateLaterAsksForAReasonEveryoneSees(t *testing.T) {
	a := newApp(t)
	tr := a.tracked(t) // due 30.06.2027
	duelmen, committee := a.signIn(t, "duelmen"), a.signIn(t, "ausschuss-1")
	edit := a.URL + tr.path + "/bearbeiten"

	status, body, _ := fetch(t, duelmen, http.MethodPost, edit, editForm(tr.impl, "due_on=2027-12-31", "responsible_org=Fachbereich 51")...)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("later due date without reason: %d, want 422", status)
	}
	besideField(t, body, "due_reason", "Sie verschieben das Fälligkeitsdatum nach hinten.")
	mustContain(t, body, `value="2027-12-31"`, `value="Fachbereich 51"`)
	if got := a.current(t, tr); got.DueOn.Format("2006-01-02") != "2027-06-30" || got.Postponements != 0 {
		t.Fatalf("the refused change was saved: due %v, %d postponements", got.DueOn, got.Postponements)
	}

	// Earlier needs no reason.
	status, _, _ = fetch(t, duelmen, http.MethodPost, edit, editForm(tr.impl, "due_on=2027-05-31")...)
	if status != http.StatusSeeOther {
		t.Fatalf("earlier due date: %d, want 303", status)
	}
	cur := a.current(t, tr)
	status, _, _ = fetch(t, duelmen, http.MethodPost, edit, editForm(cur, "due_on=2027-12-31", "due_reason=Förderbescheid kam <verspätet>")...)
	if status != http.StatusSeeOther {
		t.Fatalf("later due date with reason: %d, want 303", status)
	}
	cur = a.current(t, tr)
	if cur.Postponements != 1 || cur.OriginalDueOn == nil || cur.OriginalDueOn.Format("2006-01-02") != "2027-05-31" ||
		cur.PostponementReason != "Förderbescheid kam <verspätet>" {
		t.Fatalf("stored postponement: %d, original %v, reason %q", cur.Postponements, cur.OriginalDueOn, cur.PostponementReason)
	}

	_, body, _ = fetch(t, committee, http.MethodGet, a.URL+tr.path)
	mustContain(t, body, "ursprünglich fällig 31.05.2027 · verschoben am 25.11.2026 (Förderbescheid kam &lt;verspätet&gt;)")
	_, body, _ = fetch(t, committee, http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen?verschoben=1")
	rows, badges := strings.Count(body, `data-massnahme=`), strings.Count(body, "verschoben (")
	if rows == 0 || badges != rows || !strings.Contains(body, fmt.Sprintf("/umsetzungen/%d\"", tr.impl.ID)) {
		t.Errorf("filtered workspace: %d rows, %d marked as moved; want the postponed implementation, every row marked", rows, badges)
	}
	mustContain(t, body, `id="f-verschoben" name="verschoben" value="1" checked`)

	tok := a.newToken(t, "duelmen")
	item := fmt.Sprintf("/api/v1/plans/%s/municipalities/duelmen/implementations/%d", seed.ConceptSlug, tr.impl.ID)
	status, body, _ = a.apiCall(t, tok, http.MethodGet, item, "")
	if status != http.StatusOK || !strings.Contains(body, `"postponement":{"original_due_on":"2027-05-31","count":1,"last_on":"2026-11-25","reason":"Förderbescheid kam <verspätet>"}`) {
		t.Errorf("API representation lacks the postponement: %s", body)
	}
	status, body, hdr := a.apiCall(t, tok, http.MethodPatch, item, `{"due_on": "2028-03-31"}`, "If-Match", fmt.Sprintf(`"%d"`, cur.Version))
	p := mustProblem(t, status, body, hdr, http.StatusUnprocessableEntity)
	if len(p.Errors) == 0 || !strings.Contains(p.Errors[0].Location, "due_reason") {
		t.Errorf("API refusal does not name due_reason: %s", body)
	}
}
