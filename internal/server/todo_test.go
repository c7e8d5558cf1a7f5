package server_test

import (
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/seed"
)

var (
	todoCount = regexp.MustCompile(`Zu erledigen \((\d+)\)`)
	// todoRow is one row of the to-do view with the reasons it lists.
	todoRow    = regexp.MustCompile(`(?s)<tr [^>]*data-massnahme="([^"]+)"(.*?)</tr>`)
	todoReason = regexp.MustCompile(`data-grund="([a-z-]+)"`)
)

// The to-do view lists each implementation once, with every reason it needs
// attention (due date passed, milestones passed, no recent progress report),
// and the count in the view switch is the number of implementations listed:
// an implementation both overdue and without a report used to appear (and
// count) twice or more.
func TestTodoViewListsEachImplementationOnceWithAllItsReasons(t *testing.T) {
	a := newApp(t)
	c := a.signIn(t, "duelmen")
	d := demoOf(t, "duelmen")
	status, body, _ := fetch(t, c, http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen?ansicht=aufgaben")
	if status != http.StatusOK {
		t.Fatalf("to-do view: %d", status)
	}
	main := body[strings.Index(body, "<main"):]
	got := map[string][]string{}
	var order []string
	for _, m := range todoRow.FindAllStringSubmatch(main, -1) {
		if _, twice := got[m[1]]; twice {
			t.Errorf("%s is listed more than once", m[1])
		}
		order = append(order, m[1])
		got[m[1]] = nil
		for _, r := range todoReason.FindAllStringSubmatch(m[2], -1) {
			got[m[1]] = append(got[m[1]], r[1])
		}
	}
	count := todoCount.FindStringSubmatch(body)
	if count == nil || count[1] != strconv.Itoa(len(order)) {
		t.Errorf("view switch says %v, the view lists %d implementations", count, len(order))
	}
	several := 0
	for _, code := range d.order {
		im := d.byCode[code]
		want := expectedReasons(d, im)
		if len(want) > 1 {
			several++
		}
		if len(want) == 0 && im.Relevance != domain.RelevanceOpen {
			if _, ok := got[code]; ok {
				t.Errorf("%s is listed without a reason", code)
			}
			continue
		}
		if r, ok := got[code]; !ok || !slices.Equal(r, want) {
			t.Errorf("%s: reasons %v (listed %v), want %v", code, r, ok, want)
		}
	}
	if several == 0 {
		t.Fatal("the demo data should have an implementation needing attention for several reasons")
	}
}

// expectedReasons are the reasons the to-do view gives for im, in the order
// it gives them.
func expectedReasons(d demoTown, im seed.Implementation) []string {
	var want []string
	if overdueDue(im) {
		want = append(want, "faelligkeit")
	}
	for range overdueMilestones(im) {
		want = append(want, "meilenstein")
	}
	if d.stale(im) {
		want = append(want, "ohne-meldung")
	}
	if im.Relevance == domain.RelevanceOpen {
		return []string{} // listed among the open decisions, with no reason markers
	}
	return want
}
