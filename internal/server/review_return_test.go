package server_test

import (
	"net/http"
	"net/url"
	"testing"
)

// The bulk review goes back to the view it came from with every filter of
// that view, the postponement filter included (it used to be dropped).
func TestBulkReviewReturnsToTheSameFilteredView(t *testing.T) {
	s := newReviewSetup(t)
	c := s.a.signIn(t, "duelmen")
	from := "relevanz=offen&status=planned&ueberfaellig=1&ohne_meldung=1&verschoben=1&sortierung=faellig"
	status, _, h := fetch(t, c, http.MethodPost, s.a.URL+demoPlan+"/kommunen/duelmen/relevanz",
		reviewForm(s.open[:1], "relevance=relevant", "zurueck="+url.QueryEscape(from))...)
	if status != http.StatusSeeOther {
		t.Fatalf("bulk review: %d", status)
	}
	loc, err := url.Parse(h.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := url.ParseQuery(from)
	for k := range want {
		if got := loc.Query().Get(k); got != want.Get(k) {
			t.Errorf("back to the view with %s=%q, want %q (Location %s)", k, got, want.Get(k), loc)
		}
	}
}
