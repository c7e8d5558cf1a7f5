package server_test

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var chipLink = regexp.MustCompile(`<a class="filter-chip" href="([^"]+)"><span>([^<]+)</span>`)

// Each active filter is a chip linking to the same view without it; the
// sort order is no filter, and a value that was not applied has no chip.
func TestFilterChipsLinkToTheViewWithoutThatFilter(t *testing.T) {
	a := newApp(t)
	c := a.signIn(t, "duelmen")
	ws := demoPlan + "/kommunen/duelmen"
	_, body, _ := fetch(t, c, http.MethodGet, a.URL+ws+"?relevanz=offen&ueberfaellig=1&sortierung=faellig&status=unbekannt")
	got := map[string]string{}
	for _, m := range chipLink.FindAllStringSubmatch(body, -1) {
		got[html.UnescapeString(m[2])] = html.UnescapeString(m[1])
	}
	want := map[string]string{
		"Relevanz: offen": ws + "?sortierung=faellig&ueberfaellig=1",
		"überfällig":      ws + "?relevanz=offen&sortierung=faellig",
	}
	if len(got) != len(want) {
		t.Errorf("chips %v, want %v", got, want)
	}
	for label, href := range want {
		if got[label] != href {
			t.Errorf("chip %q links to %q, want %q", label, got[label], href)
		}
	}
	_, plain, _ := fetch(t, c, http.MethodGet, a.URL+ws+"?sortierung=faellig")
	if strings.Contains(plain, `class="filter-chip"`) {
		t.Error("a view without filters shows chips")
	}
}

// The bulk review's bar sits in the review form and, without JavaScript,
// jumps to the decision; readers who cannot decide get no bar.
func TestReviewBarJumpsToTheDecision(t *testing.T) {
	a := newApp(t)
	for user, offered := range map[string]bool{"duelmen": true, "ausschuss-1": false} {
		for _, view := range []string{"", "?ansicht=aufgaben"} {
			_, body, _ := fetch(t, a.signIn(t, user), http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen"+view)
			form := body
			if i := strings.Index(body, `class="review-form"`); i >= 0 {
				form = body[i:]
			}
			bar := strings.Contains(form, `data-review-bar`) && strings.Contains(form, `href="#sammelentscheidung"`) &&
				strings.Contains(form, `id="sammelentscheidung"`)
			if bar != offered || strings.Contains(body, "data-review-bar") != offered {
				t.Errorf("%s%s: review bar in the form = %v, want %v", user, view, bar, offered)
			}
		}
	}
}
