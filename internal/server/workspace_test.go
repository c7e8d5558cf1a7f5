package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/seed"
)

// demoTown is what the demo generator made for one town, looked up by
// measure code, with the catalogue it belongs to: the expectations of the
// workspace tests come from here, not from the code under test.
type demoTown struct {
	byCode   map[string]seed.Implementation
	order    []string // measure codes in catalogue order
	field    map[string]string
	goal     map[string]string
	interval int
}

func demoOf(t *testing.T, slug string) demoTown {
	t.Helper()
	concept, orgs := seed.CoesfeldConcept(), seed.Organisations()
	d := demoTown{byCode: map[string]seed.Implementation{}, field: map[string]string{}, goal: map[string]string{},
		interval: concept.UpdateIntervalDays}
	for _, im := range seed.DemoImplementations(concept, orgs, today) {
		if im.OrgSlug == slug {
			d.byCode[im.MeasureCode] = im
		}
	}
	for _, f := range concept.Fields {
		for _, g := range f.Goals {
			for _, m := range g.Measures {
				if _, ok := d.byCode[m.Code]; ok {
					d.order = append(d.order, m.Code)
					d.field[m.Code], d.goal[m.Code] = f.Code, g.Code
				}
			}
		}
	}
	if len(d.order) < 20 {
		t.Fatalf("demo data of %s has only %d implementations", slug, len(d.order))
	}
	return d
}

// where lists the codes (in catalogue order) whose implementation passes keep.
func (d demoTown) where(keep func(code string, im seed.Implementation) bool) []string {
	var out []string
	for _, code := range d.order {
		if keep(code, d.byCode[code]) {
			out = append(out, code)
		}
	}
	return out
}

var day = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)

func openWork(im seed.Implementation) bool {
	return im.Relevance == domain.RelevanceRelevant && im.Status != domain.StatusCompleted && im.Status != domain.StatusCancelled
}

func overdueDue(im seed.Implementation) bool {
	return openWork(im) && !im.Continuous && im.DueOn != nil && im.DueOn.Before(day)
}

func overdueMilestones(im seed.Implementation) []seed.Milestone {
	var out []seed.Milestone
	for _, m := range im.Milestones {
		if openWork(im) && m.DoneOn == nil && m.DueOn != nil && m.DueOn.Before(day) {
			out = append(out, m)
		}
	}
	return out
}

// stale is the rule of domain.Implementation.Stale on the seed: the clock
// starts at the latest of the relevance decision (a seeded row was decided
// when it was created), the start date and the last report.
func (d demoTown) stale(im seed.Implementation) bool {
	y, m, dd := im.CreatedAt.UTC().Date()
	clock := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
	for _, on := range []*time.Time{im.StartOn, im.LastUpdateOn} {
		if on != nil && on.After(clock) {
			clock = *on
		}
	}
	return openWork(im) && clock.Before(day.AddDate(0, 0, -d.interval))
}

var listedRow = regexp.MustCompile(`data-massnahme="([^"]+)"`)

// listed are the measure codes of the result rows, in page order.
func listed(body string) []string {
	var out []string
	for _, m := range listedRow.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

func sameCodes(t *testing.T, what string, got, want []string) {
	t.Helper()
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		t.Errorf("%s: listed %d measures %v, want %d %v", what, len(got), got, len(want), want)
	}
}

func TestWorkspaceFiltersNarrowTheList(t *testing.T) {
	a := newApp(t)
	c := a.signIn(t, "ausschuss-1") // reading is everyone's; the committee reads too
	d := demoOf(t, "duelmen")
	someField, someGoal := d.field[d.order[len(d.order)-1]], d.goal[d.order[len(d.order)/2]]
	cases := []struct {
		query string
		keep  func(code string, im seed.Implementation) bool
	}{
		{"", func(string, seed.Implementation) bool { return true }},
		{"handlungsfeld=" + someField, func(c string, _ seed.Implementation) bool { return d.field[c] == someField }},
		{"ziel=" + someGoal, func(c string, _ seed.Implementation) bool { return d.goal[c] == someGoal }},
		{"relevanz=offen", func(_ string, im seed.Implementation) bool { return im.Relevance == domain.RelevanceOpen }},
		{"relevanz=nicht_relevant", func(_ string, im seed.Implementation) bool { return im.Relevance == domain.RelevanceNotRelevant }},
		{"relevanz=bereits_umgesetzt", func(_ string, im seed.Implementation) bool {
			return im.Relevance == domain.RelevanceAlreadyInPlace
		}},
		{"status=in_progress", func(_ string, im seed.Implementation) bool {
			return im.Relevance == domain.RelevanceRelevant && im.Status == domain.StatusInProgress
		}},
		{"unterstuetzung=requested", func(_ string, im seed.Implementation) bool { return im.Support == domain.SupportRequested }},
		{"ueberfaellig=1", func(_ string, im seed.Implementation) bool {
			return overdueDue(im) || len(overdueMilestones(im)) > 0
		}},
		{"ohne_meldung=1", func(_ string, im seed.Implementation) bool { return d.stale(im) }},
		// Combined filters narrow together.
		{"relevanz=relevant&ohne_meldung=1&handlungsfeld=" + someField, func(c string, im seed.Implementation) bool {
			return im.Relevance == domain.RelevanceRelevant && d.stale(im) && d.field[c] == someField
		}},
		{"status=in_progress&ueberfaellig=1", func(_ string, im seed.Implementation) bool {
			return im.Status == domain.StatusInProgress && (overdueDue(im) || len(overdueMilestones(im)) > 0)
		}},
	}
	for _, tc := range cases {
		status, body, _ := fetch(t, c, http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen?"+tc.query)
		if status != http.StatusOK {
			t.Fatalf("?%s: %d", tc.query, status)
		}
		want := d.where(tc.keep)
		if tc.query != "" && (len(want) == 0 || len(want) == len(d.order)) {
			t.Errorf("?%s: the demo data make this filter meaningless (%d of %d)", tc.query, len(want), len(d.order))
		}
		sameCodes(t, "?"+tc.query, listed(body), want)
		mustContain(t, body, fmt.Sprintf("%d von %d Maßnahmen", len(want), len(d.order)))
	}
}

func TestWorkspaceFilterFormShowsTheCurrentValues(t *testing.T) {
	a := newApp(t)
	c := a.signIn(t, "duelmen")
	_, body, _ := fetch(t, c, http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen?relevanz=offen&ueberfaellig=1&sortierung=faellig&unterstuetzung=requested")
	mustContain(t, body,
		`<form method="get" action="/plaene/integrationskonzept-kreis-coesfeld/kommunen/duelmen"`,
		`<option value="offen" selected>offen</option>`,
		`<option value="requested" selected>angefragt</option>`,
		`<option value="faellig" selected>`,
		`name="ueberfaellig" value="1" checked`,
		"Filter anwenden", `href="/plaene/integrationskonzept-kreis-coesfeld/kommunen/duelmen">Filter zurücksetzen</a>`,
		// The whole workspace is still counted while the list is filtered.
		`<h2 id="ueberblick"`)
	if strings.Contains(body, `name="ohne_meldung" value="1" checked`) {
		t.Error("the stale filter is shown as set although it is not")
	}
}

func TestWorkspaceIgnoresAndReportsUnknownFilterValues(t *testing.T) {
	a := newApp(t)
	c := a.signIn(t, "duelmen")
	all := len(demoOf(t, "duelmen").order)
	for _, tc := range []struct{ query, report string }{
		{"relevanz=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "„&lt;script&gt;alert(1)&lt;/script&gt;“ für „Relevanz“"},
		{"handlungsfeld=999", "„999“ für „Handlungsfeld“"},
		{"ziel=9.9", "„9.9“ für „Ziel“"},
		{"status=done", "„done“ für „Status“"},
		{"unterstuetzung=%27%22", "„&#39;&#34;“ für „Unterstützung durch das KI“"},
		{"ueberfaellig=ja", "„ja“ für „überfällig“"},
		{"ohne_meldung=2", "„2“ für „ohne aktuelle Sachstandsmeldung“"},
		{"sortierung=zufall", "„zufall“ für „Sortierung“"},
		{"ansicht=alles", "„alles“ für „Ansicht“"},
		{"handlungsfeld=" + strings.Repeat("x", 5000), "„" + strings.Repeat("x", 40) + "…“"},
	} {
		status, body, _ := fetch(t, c, http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen?"+tc.query)
		if status != http.StatusOK {
			t.Errorf("?%.60s: %d, want 200", tc.query, status)
			continue
		}
		if !strings.Contains(body, tc.report) {
			t.Errorf("?%.60s: the page does not report %q", tc.query, tc.report)
		}
		if strings.Contains(body, "<script>alert") {
			t.Errorf("?%.60s: the value is shown unescaped", tc.query)
		}
		if n := len(listed(body)); n != all {
			t.Errorf("?%.60s: %d measures listed, want all %d (the value is ignored)", tc.query, n, all)
		}
	}
	// A valid filter next to an invalid one still applies.
	_, body, _ := fetch(t, c, http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen?relevanz=offen&handlungsfeld=999")
	if n := len(listed(body)); n == 0 || n == all {
		t.Errorf("relevanz=offen next to an unknown action field listed %d of %d", n, all)
	}
}

func TestWorkspaceSorts(t *testing.T) {
	a := newApp(t)
	c := a.signIn(t, "ki-1")
	d := demoOf(t, "duelmen")
	get := func(sort string) []string {
		t.Helper()
		_, body, _ := fetch(t, c, http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen?sortierung="+sort)
		codes := listed(body)
		if len(codes) != len(d.order) {
			t.Fatalf("sortierung=%s listed %d of %d", sort, len(codes), len(d.order))
		}
		return codes
	}
	if got := get("nummer"); !slices.Equal(got, d.order) {
		t.Errorf("sortierung=nummer is not the catalogue order: %v", got)
	}
	inOrder := func(sort string, before func(a, b seed.Implementation) bool) {
		t.Helper()
		codes := get(sort)
		for i := 1; i < len(codes); i++ {
			if before(d.byCode[codes[i]], d.byCode[codes[i-1]]) {
				t.Errorf("sortierung=%s: %s comes after %s", sort, codes[i], codes[i-1])
			}
		}
	}
	due := func(im seed.Implementation) *time.Time {
		if im.Continuous {
			return nil
		}
		return im.DueOn
	}
	inOrder("faellig", func(x, y seed.Implementation) bool { // x belongs before y
		dx, dy := due(x), due(y)
		return dx != nil && (dy == nil || dx.Before(*dy))
	})
	progress := func(im seed.Implementation) int {
		if im.Relevance != domain.RelevanceRelevant {
			return 1000
		}
		return im.Progress
	}
	inOrder("fortschritt", func(x, y seed.Implementation) bool { return progress(x) < progress(y) })
	rank := map[string]int{"open": 0, "planned": 1, "in_progress": 2, "on_hold": 3, "completed": 4, "cancelled": 5,
		"already_in_place": 6, "not_relevant": 7}
	state := func(im seed.Implementation) int {
		if im.Relevance == domain.RelevanceRelevant {
			return rank[string(im.Status)]
		}
		return rank[string(im.Relevance)]
	}
	inOrder("stand", func(x, y seed.Implementation) bool { return state(x) < state(y) })
	inOrder("letzte_meldung", func(x, y seed.Implementation) bool {
		if openWork(x) != openWork(y) {
			return openWork(x)
		}
		return (x.LastUpdateOn == nil && y.LastUpdateOn != nil) ||
			(x.LastUpdateOn != nil && y.LastUpdateOn != nil && x.LastUpdateOn.Before(*y.LastUpdateOn))
	})
}

// section is the part of a page from the element with id up to the next <section.
func section(t *testing.T, body, id string) string {
	t.Helper()
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("page has no section %q", id)
	}
	rest := body[i:]
	if j := strings.Index(rest, "<section"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// The to-do view's lists: open decisions, and the implementations needing
// attention with every reason (todo_test.go checks each is listed once).
func TestTodoViewListsOpenDecisionsOverdueAndStale(t *testing.T) {
	a := newApp(t)
	c := a.signIn(t, "duelmen")
	d := demoOf(t, "duelmen")
	// One implementation whose own due date lies ahead but whose milestone has
	// passed: it is overdue for its milestone alone.
	onlyMilestone := moveDueDateAhead(t, a, d)
	status, body, _ := fetch(t, c, http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen?ansicht=aufgaben")
	if status != http.StatusOK {
		t.Fatalf("to-do view: %d", status)
	}
	sameCodes(t, "waiting for a decision", listed(section(t, body, "todo-offen")),
		d.where(func(_ string, im seed.Implementation) bool { return im.Relevance == domain.RelevanceOpen }))
	sameCodes(t, "needing attention", listed(section(t, body, "todo-handeln")),
		d.where(func(_ string, im seed.Implementation) bool {
			return d.stale(im) || overdueDue(im) || len(overdueMilestones(im)) > 0
		}))
	milestones := 0
	for _, code := range d.order {
		for _, m := range overdueMilestones(d.byCode[code]) {
			milestones++
			if !strings.Contains(body, "Meilenstein „"+m.Title+"“ seit ") {
				t.Errorf("overdue milestone %q of %s is not named", m.Title, code)
			}
		}
	}
	if milestones == 0 {
		t.Fatal("the demo data should have overdue milestones")
	}
	_, filtered, _ := fetch(t, c, http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen?ueberfaellig=1")
	if !slices.Contains(listed(filtered), onlyMilestone) {
		t.Errorf("?ueberfaellig=1 leaves out %s, whose milestone is overdue", onlyMilestone)
	}
	// The open decisions can be taken from here, many at once.
	mustContain(t, section(t, body, "todo-offen"), `action="/plaene/integrationskonzept-kreis-coesfeld/kommunen/duelmen/relevanz"`, `name="umsetzung"`,
		`name="zurueck" value="ansicht=aufgaben"`)
}

// moveDueDateAhead gives an implementation with an overdue milestone a due
// date a year ahead, in the database and in d, and returns its code.
func moveDueDateAhead(t *testing.T, a *app, d demoTown) string {
	t.Helper()
	ctx := context.Background()
	for _, code := range d.order {
		im := d.byCode[code]
		if len(overdueMilestones(im)) == 0 {
			continue
		}
		org, err := a.DB.FindOrganisationBySlug(ctx, "duelmen")
		if err != nil {
			t.Fatal(err)
		}
		plan, err := a.DB.FindPlanBySlug(ctx, seed.ConceptSlug)
		if err != nil {
			t.Fatal(err)
		}
		items, err := a.DB.FindWorkspace(ctx, org.ID, plan.ID)
		if err != nil {
			t.Fatal(err)
		}
		ahead := day.AddDate(1, 0, 0)
		for _, it := range items {
			if it.MeasureCode != code {
				continue
			}
			if _, err := a.DB.UpdateImplementation(ctx, a.key(t, org.ID, it.ID), it.Version, nil,
				func(i domain.Implementation) (domain.Implementation, error) { i.DueOn = &ahead; return i, nil }); err != nil {
				t.Fatal(err)
			}
			im.DueOn = &ahead
			d.byCode[code] = im
			return code
		}
	}
	t.Fatal("the demo data have no overdue milestone")
	return ""
}

func TestWorkspaceOffersTheBulkReviewOnlyToThoseWhoMayEdit(t *testing.T) {
	a := newApp(t)
	for user, offered := range map[string]bool{"duelmen": true, "ki-1": true, "olfen": false, "ausschuss-1": false, "admin": false} {
		_, body, _ := fetch(t, a.signIn(t, user), http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen")
		if got := strings.Contains(body, `action="/plaene/integrationskonzept-kreis-coesfeld/kommunen/duelmen/relevanz"`); got != offered {
			t.Errorf("%s: bulk review offered = %v, want %v", user, got, offered)
		}
		if got := strings.Contains(body, `type="checkbox" id="umsetzung-`); got != offered {
			t.Errorf("%s: selection checkboxes = %v, want %v", user, got, offered)
		}
	}
}

func TestWorkspacePageStaysWithinTheQueryBudget(t *testing.T) {
	a := newApp(t)
	c := a.signIn(t, "duelmen")
	for _, path := range []string{demoPlan + "/kommunen/duelmen",
		demoPlan + "/kommunen/duelmen?handlungsfeld=1&relevanz=relevant&ohne_meldung=1&ueberfaellig=1&sortierung=faellig",
		demoPlan + "/kommunen/duelmen?ansicht=aufgaben"} {
		// The demo has an open reporting round: its banner costs one
		// statement; the plan switch costs none (the scope lists the plans).
		n := queriesOf(t, a, c, path)
		if n > 5 {
			t.Errorf("%s ran %d SQL statements, budget 5", path, n)
		}
		t.Logf("%s: %d statements", path, n)
	}
}

// queriesOf serves one GET as the signed-in client and counts its SQL
// statements; a must count them (newCountingApp, in tracking_test.go).
func queriesOf(t *testing.T, a *app, c *http.Client, path string) int64 {
	t.Helper()
	ctx, count := postgres.CountQueries(context.Background())
	req := httptest.NewRequestWithContext(ctx, http.MethodGet, a.URL+path, nil)
	for _, ck := range c.Jar.Cookies(mustParse(t, a.URL)) {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	a.Server.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d", path, rec.Code)
	}
	if count.N() < 3 {
		t.Fatalf("GET %s counted only %d statements: the counter misses the request", path, count.N())
	}
	return count.N()
}

func TestWorkspaceLinksToLocalMeasuresAndNeedsForThoseWhoMayUseThem(t *testing.T) {
	a := newApp(t)
	links := []string{`href="/plaene/integrationskonzept-kreis-coesfeld/kommunen/duelmen/massnahmen/neu"`, `href="/plaene/integrationskonzept-kreis-coesfeld/kommunen/duelmen/bedarfe"`}
	for user, want := range map[string]bool{"duelmen": true, "ki-1": true, "olfen": false, "ausschuss-1": false} {
		_, body, _ := fetch(t, a.signIn(t, user), http.MethodGet, a.URL+demoPlan+"/kommunen/duelmen")
		for _, l := range links {
			if strings.Contains(body, l) != want {
				t.Errorf("%s: link %s shown = %v, want %v", user, l, !want, want)
			}
		}
	}
}
