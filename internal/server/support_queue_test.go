package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// TestSupportQueueTakeAndAnswerInPlace: the KI takes a new request and
// answers it without leaving the queue; the request moves to the accepted
// tab, showing who handles it; a new request of the town starts unassigned.
func TestSupportQueueTakeAndAnswerInPlace(t *testing.T) {
	a := newApp(t)
	ki, duelmen := a.signIn(t, "ki-1"), a.signIn(t, "duelmen")
	sc := a.implWithSupport(t, "duelmen", domain.SupportRequested)
	queue := a.URL + demoPlan + "/unterstuetzung"
	back := demoPlan + "/unterstuetzung?ansicht=neu&kommune=duelmen"

	status, _, h := fetch(t, ki, "POST", sc.path+"/unterstuetzung/uebernehmen", formValues("zurueck", back)...)
	if status != http.StatusSeeOther || h.Get("Location") != demoPlan+"/unterstuetzung?ansicht=neu&kommune=duelmen&ok=uebernommen" {
		t.Fatalf("take: %d → %q", status, h.Get("Location"))
	}
	_, body, _ := fetch(t, ki, "GET", a.URL+h.Get("Location"))
	mustContain(t, body, "Sie bearbeiten diese Anfrage jetzt", "bearbeitet von ")
	if sc2 := a.reload(t, sc); sc2.impl.Version != sc.impl.Version {
		t.Errorf("taking changed the version %d → %d", sc.impl.Version, sc2.impl.Version)
	}

	status, _, h = fetch(t, ki, "POST", sc.answer, formValues("version", versionOf(sc.impl), "decision", "accepted",
		"support_response", "Wir melden uns bis Freitag.", "zurueck", back)...)
	if status != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "ok=beantwortet") {
		t.Fatalf("answer from the queue: %d → %q", status, h.Get("Location"))
	}
	_, body, _ = fetch(t, ki, "GET", queue+"?ansicht=angenommen&kommune=duelmen")
	link := fmt.Sprintf("/kommunen/duelmen/umsetzungen/%d#unterstuetzung", sc.impl.ID)
	mustContain(t, body, link, "angenommen am ", "Wir melden uns bis Freitag.")
	if _, body, _ = fetch(t, ki, "GET", queue+"?ansicht=neu&kommune=duelmen"); strings.Contains(body, link) {
		t.Error("the accepted request is still listed as new")
	}

	// Done, then asked again by the town: the new request has nobody yet.
	sc3 := a.reload(t, sc)
	if status, _, _ := fetch(t, ki, "POST", sc.answer, formValues("version", versionOf(sc3.impl), "decision", "done")...); status != http.StatusSeeOther {
		t.Fatalf("done: %d", status)
	}
	sc4 := a.reload(t, sc)
	if status, _, _ := fetch(t, duelmen, "POST", sc.request, formValues("version", versionOf(sc4.impl), "support_request", "Noch eine Frage.")...); status != http.StatusSeeOther {
		t.Fatalf("new request: %d", status)
	}
	_, body, _ = fetch(t, ki, "GET", queue+"?ansicht=neu&kommune=duelmen")
	if i := strings.Index(body, link); i < 0 || !strings.Contains(body[i:], "noch niemand zuständig") {
		t.Error("the new request does not start unassigned")
	}
}

// TestSupportQueueRefusesWhatCannotBeTaken: a closed request cannot be
// taken (409 with the reason), and a foreign return address is ignored.
func TestSupportQueueRefusesWhatCannotBeTaken(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	done := a.implWithSupport(t, "duelmen", domain.SupportNone)
	status, body, _ := fetch(t, ki, "POST", done.path+"/unterstuetzung/uebernehmen")
	if status != http.StatusConflict {
		t.Fatalf("taking a request that is not open: %d, want 409", status)
	}
	mustContain(t, body, "nicht mehr offen")
	open := a.implWithSupport(t, "duelmen", domain.SupportRequested)
	status, _, h := fetch(t, ki, "POST", open.path+"/unterstuetzung/uebernehmen", formValues("zurueck", "https://evil.example/")...)
	if status != http.StatusSeeOther || !strings.HasSuffix(h.Get("Location"), fmt.Sprintf("/umsetzungen/%d?gespeichert=unterstuetzung#unterstuetzung", open.impl.ID)) {
		t.Errorf("foreign return address: %d → %q, want the implementation page", status, h.Get("Location"))
	}
}
