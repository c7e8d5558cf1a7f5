package server_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/planwerk/planwerk/internal/seed"
)

// TestMonitoringQueryCountIsConstant holds the page to the same number of
// statements with the demo's 11 towns and with 40 more towns (and a frozen
// report to compare with). The towns added later are counted by the kept
// cells' triggers, so the page does not judge the plan again.
func TestMonitoringQueryCountIsConstant(t *testing.T) {
	a := newApp(t)
	ki := a.signIn(t, "ki-1")
	// The first read of a day judges the plan's overdue and stale counts
	// (postgres.JudgeMonitoring): three statements more, once a day.
	first := queriesOf(t, a, ki, monitoringPath)
	small := queriesOf(t, a, ki, monitoringPath)
	if first > small+3 {
		t.Errorf("the day's first read ran %d statements, later ones %d; want at most 3 more", first, small)
	}
	execSQL(t, a, `INSERT INTO organisations (slug, name, kind, parent_id)
		SELECT 'extra-' || g, 'Extra extra-' || g, 'municipality', (SELECT id FROM organisations WHERE slug = $1)
		FROM generate_series(0, 39) g`, seed.CountySlug)
	execSQL(t, a, `INSERT INTO implementations (measure_id, organisation_id, relevance, status, due_on)
		SELECT i.measure_id, o.id, 'relevant', 'in_progress', '2026-01-01'
		FROM implementations i JOIN organisations d ON d.id = i.organisation_id AND d.slug = 'duelmen'
		CROSS JOIN organisations o WHERE o.slug LIKE 'extra-%'`)
	execSQL(t, a, `INSERT INTO reports (plan_id, title, period_from, period_to, state, frozen_at)
		SELECT id, 'Bericht', '2026-01-01', '2026-03-31', 'frozen', now() FROM plans WHERE slug = $1`, seed.ConceptSlug)
	large := queriesOf(t, a, ki, monitoringPath)
	t.Logf("%d statements with 11 towns, %d with 51", small, large)
	if large != small || small > 5 {
		t.Errorf("the monitoring ran %d statements with 11 towns and %d with 51; want the same, at most 5", small, large)
	}
	_, body, _ := fetch(t, ki, http.MethodGet, a.URL+monitoringPath)
	mustContain(t, body, "Extra extra-39", "„Bericht“")
}

// monitoringColumns are the downloads' columns, as the German office reads them.
var monitoringColumns = []string{"Kommune", "Handlungsfeld", "Relevant", "In Umsetzung", "Abgeschlossen",
	"Offene Entscheidungen", "Überfällig", "Ohne aktuelle Meldung", "Offene Unterstützungsanfragen"}

// hostileNames gives a town a name a spreadsheet would run as a formula.
// (An action field's cell starts with its code, which is letters and digits.)
func hostileNames(t *testing.T, a *app) {
	execSQL(t, a, `UPDATE organisations SET name = '=HYPERLINK("http://evil.example","Olfen")' WHERE slug = 'olfen'`)
}

func TestMonitoringCSVOpensInGermanExcelAndRunsNoFormula(t *testing.T) {
	a := newApp(t)
	hostileNames(t, a)
	status, body, h := fetch(t, a.signIn(t, "ki-1"), http.MethodGet, a.URL+monitoringPath+".csv?sortierung=quatsch")
	if status != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") ||
		!strings.Contains(h.Get("Content-Disposition"), `attachment; filename="monitoring-`+seed.ConceptSlug+`-2026-11-25.csv"`) {
		t.Fatalf("CSV: %d %v", status, h)
	}
	if !strings.HasPrefix(body, "\uFEFF") {
		t.Fatal("the CSV has no byte order mark: Excel would not read it as UTF-8")
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF")))
	r.Comma = ';'
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(records[0], monitoringColumns) {
		t.Errorf("header %q", records[0])
	}
	checkMonitoringLines(t, records[1:])
}

func TestMonitoringXLSXHasFrozenHeaderFilterWidthsAndRunsNoFormula(t *testing.T) {
	a := newApp(t)
	hostileNames(t, a)
	status, body, h := fetch(t, a.signIn(t, "ki-1"), http.MethodGet, a.URL+monitoringPath+".xlsx")
	if status != http.StatusOK || h.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("XLSX: %d %v", status, h)
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sheet = "Monitoring"
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], monitoringColumns) {
		t.Errorf("header %q", rows[0])
	}
	checkMonitoringLines(t, rows[1:])
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v, %v; want the header row frozen", panes, err)
	}
	if w, _ := f.GetColWidth(sheet, "A"); w < 20 {
		t.Errorf("column A is %v wide", w)
	}
	filtered := false
	for _, dn := range f.GetDefinedName() {
		filtered = filtered || (dn.Name == "_xlnm._FilterDatabase" && strings.Contains(dn.RefersTo, "$A$1:$I$"))
	}
	if !filtered {
		t.Errorf("no autofilter over the table: %+v", f.GetDefinedName())
	}
	if typ, _ := f.GetCellType(sheet, "C2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("figures are stored as %v, not numbers", typ)
	}
	if formula, _ := f.GetCellFormula(sheet, "A2"); formula != "" {
		t.Errorf("a cell holds the formula %q", formula)
	}
}

// checkMonitoringLines checks the lines of a download: 12 organisations ×
// the plan's action fields, hostile names neutralised, figures as numbers.
func checkMonitoringLines(t *testing.T, lines [][]string) {
	t.Helper()
	fields := len(seed.CoesfeldConcept().Fields)
	if len(lines) != 12*fields {
		t.Errorf("%d lines; want 12 organisations × %d fields", len(lines), fields)
	}
	neutralisedTown := false
	for _, l := range lines {
		if len(l) != len(monitoringColumns) {
			t.Fatalf("line %q has %d columns", l, len(l))
		}
		for _, cell := range l[:2] {
			if strings.ContainsAny(cell[:1], "=+-@") {
				t.Errorf("cell %q would run as a formula", cell)
			}
		}
		neutralisedTown = neutralisedTown || l[0] == `'=HYPERLINK("http://evil.example","Olfen")`
		for _, n := range l[2:] {
			if strings.Trim(n, "0123456789") != "" {
				t.Errorf("figure %q in %q is not a number", n, l)
			}
		}
	}
	if !neutralisedTown {
		t.Error("the hostile town name is missing or not neutralised")
	}
}

func TestMonitoringIsTheKIsStartAndInItsNavigation(t *testing.T) {
	a := newApp(t)
	link := `href="` + monitoringPath + `"`
	for user, want := range map[string]bool{"ki-1": true, "duelmen": false, "ausschuss-1": false, "admin": false} {
		c := a.signIn(t, user)
		_, start, _ := fetch(t, c, http.MethodGet, a.URL+"/plaene")
		if strings.Contains(start, link) != want {
			t.Errorf("%s: list of plans links the monitoring = %v, want %v", user, !want, want)
		}
		if _, _, h := fetch(t, c, http.MethodGet, a.URL+"/"); (h.Get("Location") == monitoringPath) != want {
			t.Errorf("%s: start leads to %q, monitoring wanted = %v", user, h.Get("Location"), want)
		}
		_, plan, _ := fetch(t, c, http.MethodGet, a.URL+demoPlan)
		if strings.Contains(plan, ">Monitoring</a>") != want {
			t.Errorf("%s: navigation offers the monitoring = %v, want %v", user, !want, want)
		}
	}
	// Outside a plan the navigation's link leads to the current plan's monitoring.
	_, start, _ := fetch(t, a.signIn(t, "ki-1"), http.MethodGet, a.URL+"/plaene")
	mustContain(t, start, `href="/monitoring">Monitoring</a>`, `href="`+demoPlan+`">Planübersicht</a>`)
	status, _, h := fetch(t, a.signIn(t, "ki-1"), http.MethodGet, a.URL+"/monitoring")
	if status != http.StatusFound || h.Get("Location") != monitoringPath {
		t.Errorf("/monitoring: %d to %q", status, h.Get("Location"))
	}
}
