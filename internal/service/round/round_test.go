package round_test

import (
	"context"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/service/round"
)

func wantKey(t *testing.T, err error, key string) {
	t.Helper()
	if got := domain.ErrorKey(err); got != key {
		t.Fatalf("error %v (key %q), want key %q", err, got, key)
	}
}

func TestOpenCreatesTheRoundsDraftReport(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.open(t, f.scope)
	if !r.IsOpen() || r.Title != "Winter 2026/27" || r.OpenedByName != "KI Coesfeld" {
		t.Fatalf("round %+v", r)
	}
	rep, err := f.db.FindReport(ctx, f.scope.Plan.ID, r.ReportID)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Frozen() || rep.Title != "Sachstandsbericht Winter 2026/27" || rep.Committee != "Integrationsausschuss" ||
		rep.MeetingOn == nil || !rep.MeetingOn.Equal(*date("2027-02-03")) {
		t.Errorf("report %+v", rep)
	}
	// No frozen report yet: the period starts with the plan's adoption.
	if !rep.PeriodFrom.Equal(*date("2024-12-01")) || !rep.PeriodTo.Equal(*date("2027-01-15")) {
		t.Errorf("period %s–%s", rep.PeriodFrom, rep.PeriodTo)
	}
	if len(rep.IncludedOrgIDs) != 3 || len(rep.IncludedScopes) != 3 {
		t.Errorf("included %v %v, want the county office, both towns and every kind of measure", rep.IncludedOrgIDs, rep.IncludedScopes)
	}
	if rep.RoundID == nil || *rep.RoundID != r.ID {
		t.Errorf("report names round %v, want %d", rep.RoundID, r.ID)
	}
	var audits int
	if err := f.pool.QueryRow(ctx, `SELECT count(*) FROM audit_events WHERE entity = 'reporting_round'
		AND entity_id = $1 AND action = 'create' AND actor_id = $2`, r.ID, f.ki.ID).Scan(&audits); err != nil || audits != 1 {
		t.Errorf("audit events %d, %v", audits, err)
	}
}

func TestOpenStartsAfterTheLastFrozenReport(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	first := f.open(t, f.scope)
	if _, err := f.svc.Close(ctx, f.ki, f.scope, first.ID, true); err != nil {
		t.Fatal(err)
	}
	second, err := f.svc.Open(ctx, f.ki, f.scope, round.Open{RoundDraft: domain.RoundDraft{Title: "Frühjahr 2027", Deadline: date("2027-04-20")}})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := f.db.FindReport(ctx, f.scope.Plan.ID, second.ReportID)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.PeriodFrom.Equal(*date("2027-01-16")) || rep.Title != "Frühjahr 2027" {
		t.Errorf("period from %s, title %q; want the day after the last report's period, the round's title", rep.PeriodFrom, rep.Title)
	}
}

func TestOpenRefusesBadInput(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	cases := []struct {
		name string
		d    domain.RoundDraft
		key  string
	}{
		{"no deadline", domain.RoundDraft{Title: "x"}, "round.err.deadlineMissing"},
		{"deadline in the past", domain.RoundDraft{Title: "x", Deadline: date("2026-11-30")}, "round.err.deadlinePast"},
		{"meeting before deadline", domain.RoundDraft{Title: "x", Deadline: date("2027-01-15"), MeetingOn: date("2027-01-01")}, "round.err.meetingBeforeDeadline"},
		{"no title", domain.RoundDraft{Deadline: date("2027-01-15")}, "round.err.titleMissing"},
	}
	for _, c := range cases {
		_, err := f.svc.Open(ctx, f.ki, f.scope, round.Open{RoundDraft: c.d})
		if domain.ErrorKey(err) != c.key || domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("%s: %v, want %s", c.name, err, c.key)
		}
	}
	var n int
	if err := f.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM reporting_rounds) + (SELECT count(*) FROM reports)`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d rounds and reports written, %v", n, err)
	}
	// The deadline may be today.
	if _, err := f.svc.Open(ctx, f.ki, f.scope, round.Open{RoundDraft: domain.RoundDraft{Title: "x", Deadline: date("2026-12-01")}}); err != nil {
		t.Errorf("deadline today: %v", err)
	}
}

func TestOpenTwiceIsRefused(t *testing.T) {
	f := newFixture(t)
	f.open(t, f.scope)
	_, err := f.svc.Open(context.Background(), f.ki, f.scope, round.Open{RoundDraft: domain.RoundDraft{Title: "Noch eine", Deadline: date("2027-01-20")}})
	wantKey(t, err, "round.err.alreadyOpen")
	if domain.ErrorCode(err) != domain.CodeConflict {
		t.Errorf("code %s", domain.ErrorCode(err))
	}
	var reports int
	if err := f.pool.QueryRow(context.Background(), `SELECT count(*) FROM reports`).Scan(&reports); err != nil || reports != 1 {
		t.Errorf("%d reports, want only the first round's (%v)", reports, err)
	}
}

func TestCompleteAndRevoke(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.open(t, f.scope)
	if err := f.svc.Complete(ctx, f.coordinator, f.in(f.duelmen)); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Complete(ctx, f.coordinator, f.in(f.duelmen)); err != nil {
		t.Fatalf("completing twice: %v", err)
	}
	tr, ok, err := f.svc.ForTown(ctx, f.in(f.duelmen))
	if err != nil || !ok || tr.Completion == nil || tr.Completion.CompletedByName != "Anna Dülmen" || tr.Round.ID != r.ID {
		t.Fatalf("Dülmen's view: %+v %v %v", tr, ok, err)
	}
	if tr, _, _ := f.svc.ForTown(ctx, f.in(f.nottuln)); tr.Completion != nil {
		t.Error("Nottuln sees a completion it did not make")
	}
	if err := f.svc.Revoke(ctx, f.coordinator, f.in(f.duelmen)); err != nil {
		t.Fatal(err)
	}
	if tr, _, _ := f.svc.ForTown(ctx, f.in(f.duelmen)); tr.Completion != nil {
		t.Error("completion still there after revoking")
	}
	var audits int
	if err := f.pool.QueryRow(ctx, `SELECT count(*) FROM audit_events WHERE entity = 'reporting_round'
		AND entity_id = $1 AND action = 'update' AND organisation_id = $2`, r.ID, f.duelmen.ID).Scan(&audits); err != nil || audits != 2 {
		t.Errorf("%d audit events, want complete and revoke (%v)", audits, err)
	}
	// The county office keeps its own measures; it does not complete.
	wantKey(t, f.svc.Complete(ctx, f.ki, f.in(f.county)), "round.err.notATown")
}

func TestNoRoundToComplete(t *testing.T) {
	f := newFixture(t)
	err := f.svc.Complete(context.Background(), f.coordinator, f.in(f.duelmen))
	wantKey(t, err, "round.err.noneOpen")
}

func TestClosedRoundRefusesChanges(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.open(t, f.scope)
	if err := f.svc.Complete(ctx, f.coordinator, f.in(f.duelmen)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Close(ctx, f.ki, f.scope, r.ID, true); err != nil {
		t.Fatal(err)
	}
	wantKey(t, f.svc.Complete(ctx, f.coordinator, f.in(f.nottuln)), "round.err.noneOpen")
	wantKey(t, f.svc.Revoke(ctx, f.coordinator, f.in(f.duelmen)), "round.err.noneOpen")
	// The store checks the round itself, too: a request that found the
	// round open just before it closed is refused.
	wantKey(t, f.db.CompleteRound(ctx, f.coordinator, f.scope.Plan.ID, r.ID, f.nottuln), "round.err.closed")
	wantKey(t, f.db.RevokeRoundCompletion(ctx, f.coordinator, f.scope.Plan.ID, r.ID, f.duelmen), "round.err.closed")
	wantKey(t, f.svc.Nudge(ctx, f.ki, f.scope, r.ID, f.nottuln.ID, "Bitte melden"), "round.err.closed")
	_, err := f.svc.Close(ctx, f.ki, f.scope, r.ID, true)
	wantKey(t, err, "round.err.closed")
}

func TestCloseFreezesTheReportAndClosesTheRound(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.open(t, f.scope)
	if err := f.svc.Complete(ctx, f.coordinator, f.in(f.duelmen)); err != nil {
		t.Fatal(err)
	}
	_, err := f.svc.Close(ctx, f.ki, f.scope, r.ID, false)
	wantKey(t, err, "round.err.confirmMissing")
	if got, _ := f.db.FindRound(ctx, f.scope.Plan.ID, r.ID); !got.IsOpen() {
		t.Fatal("round closed without confirming the missing town")
	}
	n, err := f.svc.Close(ctx, f.ki, f.scope, r.ID, true)
	if err != nil || n != 2 {
		t.Fatalf("closed with %d rows, %v; want both towns' implementations", n, err)
	}
	got, err := f.db.FindRound(ctx, f.scope.Plan.ID, r.ID)
	if err != nil || got.IsOpen() || got.ClosedAt == nil || got.ClosedByName != "KI Coesfeld" {
		t.Errorf("round %+v, %v", got, err)
	}
	rep, err := f.db.FindReport(ctx, f.scope.Plan.ID, r.ReportID)
	if err != nil || !rep.Frozen() {
		t.Errorf("report %+v, %v: want frozen", rep, err)
	}
}

func TestCloseWithAFailingFreezeLeavesTheRoundOpen(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.open(t, f.emptyScope) // a plan without measures: its report covers nothing
	_, err := f.svc.Close(ctx, f.ki, f.emptyScope, r.ID, true)
	wantKey(t, err, "error.report.empty")
	got, err := f.db.FindRound(ctx, f.emptyScope.Plan.ID, r.ID)
	if err != nil || !got.IsOpen() || got.ClosedAt != nil {
		t.Errorf("round %+v, %v: want still open", got, err)
	}
	var audits int
	if err := f.pool.QueryRow(ctx, `SELECT count(*) FROM audit_events WHERE entity = 'reporting_round'
		AND entity_id = $1 AND action = 'update'`, r.ID).Scan(&audits); err != nil || audits != 0 {
		t.Errorf("%d audit events of a close that did not happen (%v)", audits, err)
	}
}

func TestRoundOfAnotherPlanIsNotFound(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.open(t, f.scope)
	_, err := f.svc.Close(ctx, f.ki, f.emptyScope, r.ID, true)
	if domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("closing through another plan: %v", err)
	}
	if _, _, err := f.svc.Get(ctx, f.emptyScope, r.ID); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("reading through another plan: %v", err)
	}
}

func TestNudgeAndTownsOverview(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.open(t, f.scope)
	wantKey(t, f.svc.Nudge(ctx, f.ki, f.scope, r.ID, f.county.ID, "Bitte"), "round.err.unknownTown")
	for _, body := range []string{"  ", "Erste Erinnerung", "Bitte bis Freitag die Relevanz entscheiden."} {
		if err := f.svc.Nudge(ctx, f.ki, f.scope, r.ID, f.nottuln.ID, body); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.svc.Complete(ctx, f.coordinator, f.in(f.duelmen)); err != nil {
		t.Fatal(err)
	}
	o, err := f.svc.Overview(ctx, f.scope)
	if err != nil || o.Open == nil || o.Open.ID != r.ID || len(o.Towns) != 2 {
		t.Fatalf("overview %+v, %v", o, err)
	}
	duelmen, nottuln := o.Towns[0], o.Towns[1]
	if duelmen.Org.ID != f.duelmen.ID || duelmen.Completion == nil || duelmen.LastNudge != nil {
		t.Errorf("Dülmen %+v", duelmen)
	}
	if nottuln.Completion != nil || nottuln.LastNudge == nil || nottuln.LastNudge.Body != "Bitte bis Freitag die Relevanz entscheiden." ||
		nottuln.LastNudge.CreatedByName != "KI Coesfeld" {
		t.Errorf("Nottuln %+v", nottuln)
	}
	// Dülmen last reported before the round opened; Nottuln has not decided.
	if duelmen.ToUpdate != 1 || nottuln.ToUpdate != 1 {
		t.Errorf("to update: Dülmen %d, Nottuln %d; want 1 each", duelmen.ToUpdate, nottuln.ToUpdate)
	}
	// Reported on today's date in Berlin, as the application dates reports
	// (in UTC it is still yesterday between 23:00 and midnight).
	if _, err := f.pool.Exec(ctx, `UPDATE implementations SET last_update_on = $2 WHERE id = $1`, f.duelmenImpl, domain.Today(time.Now())); err != nil {
		t.Fatal(err)
	}
	if o, _ = f.svc.Overview(ctx, f.scope); o.Towns[0].ToUpdate != 0 {
		t.Errorf("Dülmen reported today and still has %d to update", o.Towns[0].ToUpdate)
	}
}
