package report_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/planwerk/planwerk/internal/domain"
)

func TestFreezeTakesTheSnapshotOfEveryIncludedImplementation(t *testing.T) {
	f := newFixture(t)
	fr := f.frozen(t, f.scope, f.draft("Sachstand Herbst 2026"))
	if !fr.Report.Frozen() || fr.Report.FrozenAt == nil || fr.Report.FrozenByName != "KI Coesfeld" {
		t.Fatalf("report = %+v, want frozen by KI Coesfeld", fr.Report)
	}
	if len(fr.Rows) != 4 {
		t.Fatalf("rows = %d, want 4 (Dülmen, Nottuln, Olfen, county office)", len(fr.Rows))
	}
	byOrg := map[int64]domain.ReportRow{}
	for _, r := range fr.Rows {
		byOrg[r.OrgID] = r
	}
	d := byOrg[f.duelmen]
	if d.Status != domain.StatusInProgress || d.Progress != 40 || d.MeasureTitle != "Sprachcafés" || d.FieldTitle != "Sprache" {
		t.Errorf("Dülmen row = %+v", d)
	}
	if !d.Overdue || d.Stale {
		t.Errorf("Dülmen: overdue %v stale %v, want overdue (due 30.09.) and not stale (report 01.11.)", d.Overdue, d.Stale)
	}
	if d.LastReportText != "Zweiter Bericht" || d.LastReportOn == nil || !d.LastReportOn.Equal(date("2026-11-01")) {
		t.Errorf("Dülmen last report = %v %q, want the newest", d.LastReportOn, d.LastReportText)
	}
	if d.FirstDueOn == nil || !d.FirstDueOn.Equal(date("2026-06-30")) || d.Postponements != 1 || d.PostponementReason != "Träger gewechselt" {
		t.Errorf("Dülmen due history = %v, %d postponements (%q); want first 30.06., one postponement with its reason",
			d.FirstDueOn, d.Postponements, d.PostponementReason)
	}
	if o := byOrg[f.olfen]; o.Overdue || o.Stale || o.Status != domain.StatusPlanned {
		t.Errorf("Olfen (due next year, reported last week, no milestone) = %+v, want neither overdue nor stale", o)
	}
	if len(d.Milestones) != 1 || d.Milestones[0].Title != "Raum gefunden" || d.Milestones[0].DueOn == nil {
		t.Errorf("Dülmen milestones = %+v", d.Milestones)
	}
	if n := byOrg[f.nottuln]; n.Relevance != domain.RelevanceOpen || n.Overdue || n.Stale {
		t.Errorf("Nottuln row = %+v, want undecided, neither overdue nor stale", n)
	}
	c := byOrg[f.county]
	if !c.Overdue || !c.Stale || c.MeasureScope != domain.ScopeCounty {
		t.Errorf("county row: overdue %v (milestone passed) stale %v (never reported), scope %s", c.Overdue, c.Stale, c.MeasureScope)
	}
	if c.OrgKind != domain.OrgCounty || fr.Rows[3].OrgID != f.county || fr.Rows[0].OrgID != f.duelmen {
		t.Errorf("rows not in catalogue order, then by town: %+v", fr.Rows)
	}
}

func TestReportRowsCarryNoCommentsSupportOrContactData(t *testing.T) {
	f := newFixture(t)
	f.frozen(t, f.scope, f.draft("Bericht"))
	var columns string
	err := f.pool.QueryRow(context.Background(), `SELECT string_agg(column_name, ',') FROM information_schema.columns
		WHERE table_name = 'report_rows'`).Scan(&columns)
	if err != nil {
		t.Fatal(err)
	}
	for _, banned := range []string{"contact", "comment", "support", "responsible", "email", "author"} {
		if strings.Contains(columns, banned) {
			t.Errorf("report_rows has a column with %q: %s", banned, columns)
		}
	}
	var leaks int
	err = f.pool.QueryRow(context.Background(), `SELECT count(*) FROM report_rows r
		WHERE r::text LIKE '%anna@duelmen%' OR r::text LIKE '%Interner Hinweis%'`).Scan(&leaks)
	if err != nil || leaks != 0 {
		t.Errorf("rows holding contact data or comments: %d (%v)", leaks, err)
	}
}

func TestIncludedOrganisationsAndKindsLimitTheSnapshot(t *testing.T) {
	f := newFixture(t)
	r := f.draft("Nur Dülmen, nur kommunal")
	r.IncludedOrgIDs = []int64{f.duelmen}
	r.IncludedScopes = []domain.Scope{domain.ScopeMunicipal}
	fr := f.frozen(t, f.scope, r)
	if len(fr.Rows) != 1 || fr.Rows[0].ImplementationID != f.duelmenImpl {
		t.Errorf("rows = %+v, want Dülmen's only", fr.Rows)
	}
}

func TestAFrozenReportNeverChangesNotEvenInSQL(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	fr := f.frozen(t, f.scope, f.draft("Bericht"))
	id := fr.Report.ID
	for _, sql := range []string{
		`UPDATE reports SET title = 'geändert' WHERE id = $1`,
		`DELETE FROM reports WHERE id = $1`,
		`UPDATE report_rows SET progress = 100 WHERE report_id = $1`,
		`DELETE FROM report_rows WHERE report_id = $1`,
		`INSERT INTO report_narratives (report_id, action_field_id, body) SELECT $1, id, 'nachträglich' FROM action_fields LIMIT 1`,
		`INSERT INTO report_rows (report_id, implementation_id, organisation_id, organisation_name, organisation_kind,
			action_field_id, action_field_code, action_field_title, action_field_pos, goal_code, goal_title, goal_pos, measure_id,
			measure_code, measure_title, measure_scope, measure_pos, relevance, progress, continuous, overdue, stale)
			VALUES ($1, 999999, 1, 'x', 'municipality', 1, '1', 'x', 0, '1', 'x', 0, 1, '1', 'x', 'municipal', 0, 'open', 0, false, false, false)`,
		// Rows of a report that does not exist are refused as well.
		`INSERT INTO report_rows (report_id, implementation_id, organisation_id, organisation_name, organisation_kind,
			action_field_id, action_field_code, action_field_title, action_field_pos, goal_code, goal_title, goal_pos, measure_id,
			measure_code, measure_title, measure_scope, measure_pos, relevance, progress, continuous, overdue, stale)
			VALUES ($1 + 1000, 999999, 1, 'x', 'municipality', 1, '1', 'x', 0, '1', 'x', 0, 1, '1', 'x', 'municipal', 0, 'open', 0, false, false, false)`,
	} {
		_, err := f.pool.Exec(ctx, sql, id)
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != "55000" {
			t.Errorf("%s: err = %v, want the frozen-report trigger (55000)", sql, err)
		}
	}
	edit := fr.Report
	edit.Title = "Neuer Titel"
	_, err := f.svc.Update(ctx, f.actor, f.scope, edit, fr.Report.Version)
	if domain.ErrorKey(err) != "error.report.frozen" {
		t.Errorf("editing a frozen report: %v, want error.report.frozen", err)
	}
	_, err = f.svc.Freeze(ctx, f.actor, f.scope, id, fr.Report.Version)
	if domain.ErrorKey(err) != "error.report.alreadyFrozen" || domain.ErrorCode(err) != domain.CodeConflict {
		t.Errorf("freezing twice: %v, want error.report.alreadyFrozen", err)
	}
}

func TestAReportCoveringNothingIsNotFrozen(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.draft("Nur lokale Maßnahmen")
	r.IncludedScopes = []domain.Scope{domain.ScopeLocal} // the plan has none
	d, err := f.svc.Create(ctx, f.actor, f.scope, r)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Freeze(ctx, f.actor, f.scope, d.ID, d.Version); domain.ErrorKey(err) != "error.report.empty" {
		t.Fatalf("freezing an empty report: %v, want error.report.empty", err)
	}
	if again, _ := f.svc.Get(ctx, f.scope, d.ID, true); again.Frozen() {
		t.Error("the empty report was frozen")
	}
	empty := f.draft("Niemand")
	empty.IncludedOrgIDs, empty.IncludedScopes = nil, nil
	empty.PeriodTo = date("2025-01-01")
	_, err = f.svc.Create(ctx, f.actor, f.scope, empty)
	for _, key := range []string{"report.err.noOrganisation", "report.err.noScope", "report.err.periodReversed"} {
		if !hasKey(err, key) {
			t.Errorf("draft without organisations, kinds and with a reversed period: %v lacks %s", err, key)
		}
	}
}

func hasKey(err error, key string) bool {
	var joined interface{ Unwrap() []error }
	if errors.As(err, &joined) {
		for _, e := range joined.Unwrap() {
			if domain.ErrorKey(e) == key {
				return true
			}
		}
	}
	return domain.ErrorKey(err) == key
}

func TestACorrectionIsANewVersionWithAReason(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	fr := f.frozen(t, f.scope, f.draft("Bericht Frühjahr"))
	if _, err := f.svc.Correct(ctx, f.actor, f.scope, fr.Report.ID, "  "); !hasKey(err, "report.err.reasonMissing") {
		t.Errorf("correction without reason: %v", err)
	}
	c, err := f.svc.Correct(ctx, f.actor, f.scope, fr.Report.ID, "Zahlen für Nottuln nachgemeldet")
	if err != nil {
		t.Fatal(err)
	}
	if c.Frozen() || c.ReplacesID == nil || *c.ReplacesID != fr.Report.ID || c.Title != "Bericht Frühjahr" {
		t.Errorf("correction = %+v, want a draft replacing %d with the same settings", c, fr.Report.ID)
	}
	if _, err := f.svc.Correct(ctx, f.actor, f.scope, fr.Report.ID, "noch einmal"); domain.ErrorKey(err) != "report.err.alreadyCorrected" {
		t.Errorf("second correction of the same report: %v", err)
	}
	old, _ := f.svc.Get(ctx, f.scope, fr.Report.ID, false)
	if old.ReplacedByID == nil || *old.ReplacedByID != c.ID {
		t.Errorf("the replaced report does not name its correction: %+v", old)
	}
	var events int
	if err := f.pool.QueryRow(ctx, `SELECT count(*) FROM audit_events WHERE entity = 'report' AND entity_id = $1
		AND changes ? 'replaces_id'`, c.ID).Scan(&events); err != nil || events != 1 {
		t.Errorf("audit events of the correction: %d (%v), want 1", events, err)
	}
}

func TestDraftsAreHiddenFromReadersAndComparisonStaysInThePlan(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d, err := f.svc.Create(ctx, f.actor, f.scope, f.draft("Entwurf"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Get(ctx, f.scope, d.ID, false); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("a reader finds a draft: %v", err)
	}
	if list, _ := f.svc.List(ctx, f.scope, false); len(list) != 0 {
		t.Errorf("a reader's list shows drafts: %+v", list)
	}
	spring := f.frozen(t, f.scope, f.draft("Frühjahr"))
	other := f.draft("Anderer Plan")
	other.IncludedOrgIDs = []int64{f.duelmen}
	elsewhere := f.frozen(t, f.otherScope, other)
	autumn := f.frozen(t, f.scope, f.draft("Herbst"))
	if _, err := f.svc.Compare(ctx, f.scope, autumn, elsewhere.Report.ID); domain.ErrorKey(err) != "error.report.compareOtherPlan" {
		t.Errorf("comparing across plans: %v", err)
	}
	cmp, err := f.svc.Compare(ctx, f.scope, autumn, spring.Report.ID)
	if err != nil || cmp.Earlier.ID != spring.Report.ID || cmp.Now.Rows != 4 {
		t.Errorf("comparison = %+v, %v", cmp, err)
	}
}
