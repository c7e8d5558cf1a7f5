package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestTheReportConfirmsItsFreezing follows the freeze's redirect: the report
// page says that the report is frozen and how many implementations it holds;
// an address whose ?eingefroren= is no count shows the report without it.
func TestTheReportConfirmsItsFreezing(t *testing.T) {
	a := newApp(t)
	f := newReportFixture(t, a)
	ki := a.signIn(t, "ki-1")
	id := f.createReport(t, a, ki)
	loc := freezeReport(t, a, ki, id, 1)
	_, n, ok := strings.Cut(loc, "?eingefroren=")
	if !ok {
		t.Fatalf("after freezing: redirected to %q", loc)
	}
	status, body, _ := fetch(t, ki, http.MethodGet, a.URL+loc)
	if status != http.StatusOK {
		t.Fatalf("GET %s: %d", loc, status)
	}
	mustContain(t, body, `kern-alert--success" role="status"`,
		fmt.Sprintf("Der Bericht ist eingefroren. Er hält den Stand von %s Umsetzungen fest.", n))

	// One implementation is "1 Umsetzung"; in English too.
	_, one, _ := fetch(t, ki, http.MethodGet, reportURL(a, id)+"?eingefroren=1")
	mustContain(t, one, "Er hält den Stand von 1 Umsetzung fest.")
	english := a.signIn(t, "ki-1")
	fetch(t, english, http.MethodPost, a.URL+"/sprache", "lang=en", "next=%2F")
	_, en, _ := fetch(t, english, http.MethodGet, reportURL(a, id)+"?eingefroren=1")
	mustContain(t, en, "It records the state of 1 implementation.")

	// Anything else than a count is ignored: the report, no notice.
	for _, q := range []string{"ja", "-3", "1e3", "", "99999999999999999999"} {
		status, body, _ := fetch(t, ki, http.MethodGet, reportURL(a, id)+"?eingefroren="+q)
		if status != http.StatusOK || strings.Contains(body, "Der Bericht ist eingefroren.") {
			t.Errorf("?eingefroren=%s: status %d, notice shown %v; want the report without it",
				q, status, strings.Contains(body, "Der Bericht ist eingefroren."))
		}
	}
}
