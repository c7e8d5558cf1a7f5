package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// monitoringToday is the judging day of the monitoring tests; with the
// default interval of 180 days a report before 2026-05-29 is too old.
var monitoringToday = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

// monitoringFixture adds a second action field to the fixture with
// implementations crafted so that every figure of the matrix is counted
// by a different rule, and a town of another county that must not appear.
func monitoringFixture(t *testing.T) (fixture, int64) {
	t.Helper()
	f := newFixture(t)
	ctx := context.Background()
	exec := func(sql string, args ...any) int64 {
		t.Helper()
		var id int64
		if err := f.pool.QueryRow(ctx, sql+` RETURNING id`, args...).Scan(&id); err != nil {
			t.Fatalf("fixture %q: %v", sql, err)
		}
		return id
	}
	field := exec(`INSERT INTO action_fields (plan_id, code, position, title) VALUES ($1, '2', 1, 'Arbeit')`, f.plan)
	goal := exec(`INSERT INTO goals (plan_id, action_field_id, code, title) VALUES ($1, $2, '2.1', 'Ziel')`, f.plan, field)
	impl := func(code, columns, values string, org int64) int64 {
		m := exec(`INSERT INTO measures (plan_id, goal_id, code, title, scope) VALUES ($1, $2, $3, 'M', 'municipal')`, f.plan, goal, code)
		return exec(`INSERT INTO implementations (measure_id, organisation_id`+columns+`) VALUES ($1, $2`+values+`)`, m, org)
	}
	milestone := func(implID int64, due string, done bool) {
		doneOn := any(nil)
		if done {
			doneOn = due
		}
		exec(`INSERT INTO milestones (implementation_id, title, due_on, done, done_on) VALUES ($1, 'MS', $2, $3, $4)`, implID, due, done, doneOn)
	}
	// Overdue by its due date, reported recently.
	impl("2.1.1", `, relevance, status, due_on, last_update_on`, `, 'relevant', 'in_progress', '2026-01-01', '2026-11-01'`, f.duelmen)
	// Continuous (no due date), overdue by a milestone, never reported, asks for support.
	b := impl("2.1.2", `, relevance, status, continuous, support, support_request`,
		`, 'relevant', 'planned', true, 'requested', 'Hilfe'`, f.duelmen)
	milestone(b, "2026-10-01", false)
	// Completed: neither overdue nor stale, but its support request is open.
	c := impl("2.1.3", `, relevance, status, progress, due_on, support, support_request`,
		`, 'relevant', 'completed', 100, '2026-01-01', 'requested', 'Hilfe'`, f.duelmen)
	milestone(c, "2026-02-01", false)
	// On hold, last reported long ago; its past milestone is done, the open one lies ahead.
	d := impl("2.1.4", `, relevance, status, last_update_on`, `, 'relevant', 'on_hold', '2025-01-01'`, f.duelmen)
	milestone(d, "2026-03-01", true)
	milestone(d, "2027-03-01", false)
	// Today's due date has not passed; reported exactly on the last day that counts.
	impl("2.1.5", `, relevance, status, due_on, last_update_on`, `, 'relevant', 'planned', '2026-11-25', '2026-05-29'`, f.duelmen)
	impl("2.1.6", `, relevance, relevance_note`, `, 'already_in_place', 'Gibt es'`, f.olfen)
	impl("2.1.7", `, relevance, status, status_note, due_on`, `, 'relevant', 'cancelled', 'Entfällt', '2026-01-01'`, f.olfen)
	other := exec(`INSERT INTO organisations (slug, name, kind) VALUES ('borken', 'Kreis Borken', 'county')`)
	bocholt := exec(`INSERT INTO organisations (slug, name, kind, parent_id) VALUES ('bocholt', 'Bocholt', 'municipality', $1)`, other)
	impl("2.1.8", `, relevance`, `, 'open'`, bocholt)
	// Every decision was taken long before the judging day (rows are dated
	// by the database's clock when inserted), so only reports count.
	if _, err := f.pool.Exec(ctx, `UPDATE implementations SET relevance_decided_on = '2025-01-01' WHERE relevance <> 'open'`); err != nil {
		t.Fatal(err)
	}
	return f, field
}

func TestFindMonitoringCountsEveryFigureByTheWorkspaceRules(t *testing.T) {
	f, arbeit := monitoringFixture(t)
	ctx := context.Background()
	day := domain.MonitoringDayOf(monitoringToday, 180)
	d, err := f.db.FindMonitoring(ctx, f.plan, f.county, day)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Orgs) != 3 || len(d.Fields) != 2 || len(d.Cells) != 6 || d.Baseline != nil {
		t.Fatalf("got %d orgs, %d fields, %d cells, baseline %v; want 3, 2, 6 and none", len(d.Orgs), len(d.Fields), len(d.Cells), d.Baseline)
	}
	if d.Orgs[0].Name != "Dülmen" || d.Orgs[1].Name != "Kreis" || d.Orgs[2].Name != "Olfen" || d.Fields[1].ID != arbeit {
		t.Errorf("orgs %v, fields %v; want Dülmen, Kreis, Olfen by name and the fields in order", d.Orgs, d.Fields)
	}
	want := map[[2]int64]domain.MonitoringCounts{
		{f.duelmen, f.field}: {OpenDecisions: 1},
		{f.duelmen, arbeit}:  {Relevant: 5, InProgress: 1, Completed: 1, Overdue: 2, Stale: 2, OpenSupport: 2},
		{f.county, f.field}:  {Relevant: 1, InProgress: 1, Stale: 1},
		{f.county, arbeit}:   {},
		{f.olfen, f.field}:   {OpenDecisions: 1},
		{f.olfen, arbeit}:    {Relevant: 1},
	}
	for _, c := range d.Cells {
		if got := c.MonitoringCounts; got != want[[2]int64{c.OrgID, c.FieldID}] {
			t.Errorf("cell org %d field %d = %+v; want %+v", c.OrgID, c.FieldID, got, want[[2]int64{c.OrgID, c.FieldID}])
		}
		if c.Change != nil {
			t.Errorf("cell org %d field %d has a change %+v without a frozen report", c.OrgID, c.FieldID, c.Change)
		}
	}
	assertFiguresMatchWorkspace(t, f, d)
}

// assertFiguresMatchWorkspace checks every figure of every cell against the
// workspace of its organisation filtered as the matrix links it.
func assertFiguresMatchWorkspace(t *testing.T, f fixture, d domain.MonitoringData) {
	t.Helper()
	codes := map[int64]string{}
	for _, fl := range d.Fields {
		codes[fl.ID] = fl.Code
	}
	entries := map[int64][]domain.WorkspaceEntry{}
	for _, o := range d.Orgs {
		es, err := f.db.FindWorkspace(context.Background(), o.ID, f.plan)
		if err != nil {
			t.Fatal(err)
		}
		entries[o.ID] = es
	}
	for _, c := range d.Cells {
		for _, m := range domain.MonitoringMetrics {
			filter := m.Filter
			filter.Field = codes[c.FieldID]
			if got, want := m.Of(c.MonitoringCounts), len(filter.Select(entries[c.OrgID], monitoringToday, 180)); got != want {
				t.Errorf("org %d field %s %s: matrix %d, workspace %d", c.OrgID, filter.Field, m.Key, got, want)
			}
		}
	}
}

// frozenReport inserts a report of the fixture's plan with one snapshot row
// per given implementation state, then freezes it at frozenAt (the triggers
// allow rows only while the report is a draft). It returns the report's id.
func frozenReport(t *testing.T, f fixture, title, frozenAt string, orgs []int64, scopes []string, rows []reportRowFixture) int64 {
	t.Helper()
	ctx := context.Background()
	var id int64
	if err := f.pool.QueryRow(ctx, `INSERT INTO reports (plan_id, title, period_from, period_to, included_org_ids, included_scopes)
		VALUES ($1, $2, '2026-01-01', '2026-06-30', $3, $4) RETURNING id`, f.plan, title, orgs, scopes).Scan(&id); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if _, err := f.pool.Exec(ctx, `INSERT INTO report_rows (report_id, implementation_id, organisation_id, organisation_name,
			organisation_kind, action_field_id, action_field_code, action_field_title, action_field_pos, goal_code, goal_title,
			measure_id, measure_code, measure_title, measure_scope, measure_pos, relevance, status, progress, continuous, overdue, stale)
			VALUES ($1, $2, $3, 'O', 'municipality', $4, 'F', 'F', 0, 'G', 'G', 0, 'M', 'M', 'municipal', 0, $5, $6, 0, false, false, false)`,
			id, 1000+i, r.org, r.field, r.relevance, r.status); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.db.InsertReportCellsForTest(ctx, id); err != nil {
		t.Fatal(err)
	}
	if frozenAt != "" {
		if _, err := f.pool.Exec(ctx, `UPDATE reports SET state = 'frozen', frozen_at = $2 WHERE id = $1`, id, frozenAt); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

type reportRowFixture struct {
	org, field int64
	relevance  string
	status     *string
}

func TestFindMonitoringComparesWithTheNewestFrozenReportNotReplaced(t *testing.T) {
	f, arbeit := monitoringFixture(t)
	ctx := context.Background()
	planned, completed := "planned", "completed"
	covered := []int64{f.duelmen, f.county}
	// An old report, a newer one and its correction (frozen earlier, so that
	// only the rule "not replaced" keeps the newer one out), and a draft.
	frozenReport(t, f, "Frühjahr", "2026-03-01T10:00:00Z", covered, []string{"municipal", "county"}, nil)
	replaced := frozenReport(t, f, "Herbst", "2026-10-01T10:00:00Z", covered, []string{"municipal", "county"}, nil)
	correction := frozenReport(t, f, "Herbst (berichtigt)", "", covered, []string{"municipal", "county"}, []reportRowFixture{
		{f.duelmen, arbeit, "relevant", &planned}, {f.duelmen, arbeit, "relevant", &completed},
		{f.duelmen, arbeit, "relevant", &planned}, {f.county, f.field, "relevant", &planned},
		{f.olfen, arbeit, "relevant", &planned}, // not covered: Olfen has no change
	})
	if _, err := f.pool.Exec(ctx, `UPDATE reports SET replaces_id = $2, correction_reason = 'Tippfehler', state = 'frozen',
		frozen_at = '2026-09-01T10:00:00Z' WHERE id = $1`, correction, replaced); err != nil {
		t.Fatal(err)
	}
	frozenReport(t, f, "Entwurf", "", covered, []string{"municipal", "county"}, nil)

	d, err := f.db.FindMonitoring(ctx, f.plan, f.county, domain.MonitoringDayOf(monitoringToday, 180))
	if err != nil {
		t.Fatal(err)
	}
	if d.Baseline == nil || d.Baseline.ReportID != correction || d.Baseline.Title != "Herbst (berichtigt)" {
		t.Fatalf("baseline %+v; want the correction %d", d.Baseline, correction)
	}
	want := map[[2]int64]*domain.MonitoringChange{
		{f.duelmen, f.field}: {},
		{f.duelmen, arbeit}:  {Relevant: 2, Completed: 0}, // 5 relevant now (3 then), 1 completed now and then
		{f.county, f.field}:  {Relevant: 0},
		{f.county, arbeit}:   {},
		{f.olfen, f.field}:   nil,
		{f.olfen, arbeit}:    nil,
	}
	for _, c := range d.Cells {
		w := want[[2]int64{c.OrgID, c.FieldID}]
		if (c.Change == nil) != (w == nil) || (w != nil && *c.Change != *w) {
			t.Errorf("cell org %d field %d: change %+v; want %+v", c.OrgID, c.FieldID, c.Change, w)
		}
	}
}

func TestFindMonitoringComparesOnlyTheKindsOfMeasureTheReportCovered(t *testing.T) {
	f, arbeit := monitoringFixture(t)
	// The report covered county-wide measures only: Dülmen's municipal
	// measures are not compared (no change), the county office's are.
	frozenReport(t, f, "Kreisweit", "2026-06-01T10:00:00Z", []int64{f.duelmen, f.county}, []string{"county"}, nil)
	d, err := f.db.FindMonitoring(context.Background(), f.plan, f.county, domain.MonitoringDayOf(monitoringToday, 180))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range d.Cells {
		want := domain.MonitoringChange{}
		if c.OrgID == f.county && c.FieldID == f.field {
			want = domain.MonitoringChange{Relevant: 1}
		}
		if c.OrgID == f.olfen {
			continue
		}
		if c.Change == nil || *c.Change != want {
			t.Errorf("cell org %d field %d (arbeit %d): change %+v; want %+v", c.OrgID, c.FieldID, arbeit, c.Change, want)
		}
	}
}
