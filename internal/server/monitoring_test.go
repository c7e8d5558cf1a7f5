package server_test

import (
	"context"
	"html"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/seed"
)

const monitoringPath = demoPlan + "/monitoring"

// execSQL writes a fixture no store method writes (frozen reports, extra
// towns) straight into the app's database.
func execSQL(t *testing.T, a *app, sql string, args ...any) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, a.DBURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

var (
	figureLinkRE = regexp.MustCompile(`<a class="kern-link" href="([^"]+)"><span class="mon-num">(\d+)</span>`)
	rowHeaderRE  = regexp.MustCompile(`(?s)<th scope="row" class="kern-table__header mon-org">\s*<a class="kern-link" href="[^"]+">([^<]+)</a>.*?Handlungsbedarf: (\d+)`)
	shownRE      = regexp.MustCompile(`id="ergebnis">(\d+) von`)
)

func TestMonitoringShowsEveryTownAndTheCountyOfficeToTheKI(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	status, body, _ := fetch(t, ki, http.MethodGet, a.URL+monitoringPath)
	if status != http.StatusOK {
		t.Fatalf("GET %s = %d", monitoringPath, status)
	}
	mustContain(t, body, "Dülmen", "Olfen", "Nottuln", "Kreis Coesfeld – Kommunales Integrationszentrum", "(kreiseigene Maßnahmen)",
		`role="region" aria-labelledby="mon-caption" tabindex="0"`, "Alle Handlungsfelder", "Summe",
		"Es gibt noch keinen festgeschriebenen Bericht", "Der Handlungsbedarf einer Kommune ist die Summe",
		`href="`+demoPlan+`/kommunen/`+seed.CountySlug+`"`, `aria-current="page">Monitoring</a>`)
	// The county office's row links to its workspace, which works.
	if status, _, _ := fetch(t, ki, http.MethodGet, a.URL+demoPlan+"/kommunen/"+seed.CountySlug); status != http.StatusOK {
		t.Errorf("the county office's workspace answers %d", status)
	}
}

// TestMonitoringFiguresLinkToExactlyTheCountedImplementations follows the
// figures' links of two towns and the county office and of every row total,
// and compares each figure with the number of implementations the filtered
// workspace shows.
func TestMonitoringFiguresLinkToExactlyTheCountedImplementations(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	_, body, _ := fetch(t, ki, http.MethodGet, a.URL+monitoringPath)
	links := figureLinkRE.FindAllStringSubmatch(body, -1)
	if len(links) < 50 {
		t.Fatalf("found only %d figure links", len(links))
	}
	kinds := map[string]bool{}
	checked := 0
	for _, l := range links {
		href := html.UnescapeString(l[1])
		whole := !strings.Contains(href, "handlungsfeld=")
		if !whole && !strings.Contains(href, "/kommunen/duelmen?") && !strings.Contains(href, "/kommunen/"+seed.CountySlug+"?") &&
			!strings.Contains(href, "/kommunen/olfen?") {
			continue
		}
		_, page, _ := fetch(t, ki, http.MethodGet, a.URL+href)
		m := shownRE.FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("%s shows no result count", href)
		}
		if m[1] != l[2] {
			t.Errorf("%s: the matrix says %s, the workspace shows %s", href, l[2], m[1])
		}
		for _, k := range []string{"relevanz=relevant", "status=in_progress", "status=completed", "relevanz=offen",
			"ueberfaellig=1", "ohne_meldung=1", "unterstuetzung=requested"} {
			if strings.Contains(href, k) {
				kinds[k] = true
			}
		}
		checked++
	}
	if len(kinds) != 7 {
		t.Errorf("the demo exercises only the figures %v; every kind should be checked", kinds)
	}
	t.Logf("checked %d links", checked)
}

func TestMonitoringSortsByNeedForActionOrByName(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	rows := func(query string) ([]string, []int, string) {
		status, body, _ := fetch(t, ki, http.MethodGet, a.URL+monitoringPath+query)
		if status != http.StatusOK {
			t.Fatalf("GET %s = %d", query, status)
		}
		var names []string
		var scores []int
		for _, m := range rowHeaderRE.FindAllStringSubmatch(body, -1) {
			n, _ := strconv.Atoi(m[2])
			names, scores = append(names, html.UnescapeString(m[1])), append(scores, n)
		}
		if len(names) != 12 || !strings.HasPrefix(names[11], "Kreis Coesfeld") {
			t.Fatalf("%s: rows %v; want 11 towns, then the county office", query, names)
		}
		return names[:11], scores[:11], body
	}
	for _, q := range []string{"", "?sortierung=aufmerksamkeit", "?sortierung=%3Cb%3Eunbekannt"} {
		names, scores, body := rows(q)
		if !sort.SliceIsSorted(scores, func(i, j int) bool { return scores[i] > scores[j] }) || scores[0] == scores[10] {
			t.Errorf("%q: scores %v of %v are not by need for action", q, scores, names)
		}
		if strings.Contains(q, "unbekannt") {
			mustContain(t, body, "Die Sortierung „&lt;b&gt;unbekannt“ gibt es nicht")
		}
	}
	names, _, _ := rows("?sortierung=name")
	if !sort.StringsAreSorted(names) {
		t.Errorf("by name: %v", names)
	}
}

func TestMonitoringComparesWithTheLastFrozenReport(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	duelmen, err := a.DB.FindOrganisationBySlug(ctx, "duelmen")
	if err != nil {
		t.Fatal(err)
	}
	plan, err := a.DB.FindPlanBySlug(ctx, seed.ConceptSlug)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := a.DB.FindWorkspace(ctx, duelmen.ID, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	relevant, completed := 0, 0
	for _, e := range entries {
		if e.Relevance == "relevant" {
			relevant++
			if e.Status == "completed" {
				completed++
			}
		}
	}
	// A report that covered Dülmen only, with one of its implementations
	// relevant and planned then.
	e := entries[0]
	execSQL(t, a, `INSERT INTO reports (id, plan_id, title, period_from, period_to, included_org_ids)
		OVERRIDING SYSTEM VALUE VALUES (4711, $1, 'Sachstandsbericht Frühjahr 2026', '2026-01-01', '2026-03-31', $2)`, plan.ID, []int64{duelmen.ID})
	execSQL(t, a, `INSERT INTO report_rows (report_id, implementation_id, organisation_id, organisation_name, organisation_kind,
		action_field_id, action_field_code, action_field_title, action_field_pos, goal_code, goal_title, measure_id, measure_code,
		measure_title, measure_scope, measure_pos, relevance, status, progress, continuous, overdue, stale)
		VALUES (4711, $1, $2, 'Dülmen', 'municipality', $3, $4, $5, 0, $6, $7, $8, $9, $10, 'municipal', 0,
		'relevant', 'planned', 0, false, false, false)`,
		e.ID, duelmen.ID, e.FieldID, e.FieldCode, e.FieldTitle, e.GoalCode, e.GoalTitle, e.MeasureID, e.MeasureCode, e.MeasureTitle)
	// Freezing counts the rows per town and field into report_cells.
	execSQL(t, a, `INSERT INTO report_cells VALUES (4711, $1, $2, 1, 0)`, duelmen.ID, e.FieldID)
	execSQL(t, a, `UPDATE reports SET state = 'frozen', frozen_at = '2026-04-01T10:00:00Z' WHERE id = 4711`)

	_, body, _ := fetch(t, a.signIn(t, "ki-1"), http.MethodGet, a.URL+monitoringPath+"?sortierung=name")
	mustContain(t, body, "zuletzt festgeschriebenen Bericht „Sachstandsbericht Frühjahr 2026“ (01.04.2026, 12:00 Uhr)")
	want := "Seit dem Bericht: " + signedText(completed) + " abgeschlossen, " + signedText(relevant-1) + " relevant"
	// The row's total is the last change in the row.
	changes := regexp.MustCompile(`Seit dem Bericht[^<]*`).FindAllString(html.UnescapeString(rowOf(t, body, "Dülmen")), -1)
	if len(changes) == 0 || changes[len(changes)-1] != want {
		t.Errorf("Dülmen's changes %q; want the total %q last", changes, want)
	}
	if strings.Contains(rowOf(t, body, "Olfen"), "Seit dem Bericht") {
		t.Error("Olfen, which the report did not cover, shows a change")
	}
}

func signedText(n int) string {
	switch {
	case n > 0:
		return "+" + strconv.Itoa(n)
	case n < 0:
		return "−" + strconv.Itoa(-n)
	}
	return "±0"
}

// rowOf is the table row of the organisation named name.
func rowOf(t *testing.T, body, name string) string {
	t.Helper()
	start := strings.Index(body, `">`+name+`</a>`)
	if start < 0 {
		t.Fatalf("no row for %s", name)
	}
	end := strings.Index(body[start:], "</tr>")
	return body[start : start+end]
}
