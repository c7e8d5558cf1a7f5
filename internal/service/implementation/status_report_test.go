package implementation_test

import (
	"context"
	"errors"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// relevant decides the fixture's implementation relevant and returns it.
func (f fixture) relevant(t *testing.T) domain.Implementation {
	t.Helper()
	impl, err := f.svc.Update(context.Background(), f.actor, f.key, 1,
		domain.ImplementationUpdate{Relevance: ptr(domain.RelevanceRelevant)})
	if err != nil {
		t.Fatal(err)
	}
	return impl
}

func statusReport(status domain.Status, progress int, body string, milestone *domain.NewMilestone) domain.StatusReport {
	return domain.StatusReport{
		Update:    domain.ImplementationUpdate{Status: &status, Progress: &progress},
		Report:    domain.NewProgressReport{ReportedOn: *day("2026-11-25"), Body: body},
		Milestone: milestone,
	}
}

func TestReportStatusSavesStatusReportAndMilestoneWithTheirAuditEvents(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	impl := f.relevant(t)
	saved, err := f.svc.ReportStatus(ctx, f.actor, f.key, impl.Version, statusReport(domain.StatusInProgress, 40,
		"  Zwei Sprachcafés laufen.\r\n", &domain.NewMilestone{Title: " Drittes Café ", DueOn: day("2027-03-31")}))
	if err != nil {
		t.Fatal(err)
	}
	if saved.Status != domain.StatusInProgress || saved.Progress != 40 || saved.Version != impl.Version+1 {
		t.Errorf("saved %+v", saved)
	}
	_, records, err := f.svc.Get(ctx, f.key, domain.RecordScope{History: true})
	if err != nil {
		t.Fatal(err)
	}
	// The report records the state just saved, not the one before.
	if len(records.Reports) != 1 || records.Reports[0].Body != "Zwei Sprachcafés laufen." ||
		records.Reports[0].Status != domain.StatusInProgress || records.Reports[0].Progress != 40 {
		t.Errorf("reports %+v", records.Reports)
	}
	if len(records.Milestones) != 1 || records.Milestones[0].Title != "Drittes Café" || records.Milestones[0].DueOn == nil {
		t.Errorf("milestones %+v", records.Milestones)
	}
	entities := map[string]int{}
	for _, e := range records.History {
		entities[e.Entity]++
	}
	// The relevance decision and this save's status change, one report, one milestone.
	if entities["implementation"] != 2 || entities["progress_update"] != 1 || entities["milestone"] != 1 {
		t.Errorf("audit events %v", entities)
	}
}

func TestReportStatusWithoutChangeOrMilestoneRecordsTheReportOnly(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	impl := f.relevant(t)
	saved, err := f.svc.ReportStatus(ctx, f.actor, f.key, impl.Version,
		statusReport(impl.Status, impl.Progress, "Unverändert.", nil))
	if err != nil {
		t.Fatal(err)
	}
	if saved.Version != impl.Version {
		t.Errorf("version %d, want %d: nothing of the implementation changed", saved.Version, impl.Version)
	}
	_, records, err := f.svc.Get(ctx, f.key, domain.RecordScope{})
	if err != nil || len(records.Reports) != 1 || len(records.Milestones) != 0 {
		t.Errorf("records %+v, %v", records, err)
	}
}

// A failure of the last part (the milestone) must undo the first (the
// status change) and the second (the report): one transaction.
func TestReportStatusRollsBackTheStatusWhenTheMilestoneFails(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	impl := f.relevant(t)
	if _, err := f.pool.Exec(ctx, `
		CREATE FUNCTION refuse_milestone() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN RAISE EXCEPTION 'milestones are broken'; END $$;
		CREATE TRIGGER refuse_milestone BEFORE INSERT ON milestones FOR EACH ROW EXECUTE FUNCTION refuse_milestone();`); err != nil {
		t.Fatal(err)
	}
	_, err := f.svc.ReportStatus(ctx, f.actor, f.key, impl.Version, statusReport(domain.StatusInProgress, 40,
		"Läuft.", &domain.NewMilestone{Title: "Nächster Schritt"}))
	if err == nil {
		t.Fatal("saved although the milestone could not be written")
	}
	now := f.current(t, f.key)
	if now.Status != domain.StatusPlanned || now.Progress != 0 || now.Version != impl.Version || now.LastUpdateOn != nil {
		t.Errorf("implementation after the failure %+v, want it as before", now)
	}
	_, records, err := f.svc.Get(ctx, f.key, domain.RecordScope{History: true})
	if err != nil || len(records.Reports) != 0 || len(records.History) != 1 {
		t.Errorf("records after the failure: %d reports, %d events (%v)", len(records.Reports), len(records.History), err)
	}
}

func TestReportStatusRefusesEveryProblemAtOnceAndSavesNothing(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	impl := f.relevant(t)
	r := statusReport(domain.StatusInProgress, 150, "  ", &domain.NewMilestone{DueOn: day("2027-01-01")})
	_, err := f.svc.ReportStatus(ctx, f.actor, f.key, impl.Version, r)
	want := map[string]string{
		domain.FieldProgress:       "error.workflow.progressRange",
		domain.FieldReportBody:     "implementation.error.reportMissing",
		domain.FieldMilestoneTitle: "implementation.error.milestoneMissing",
	}
	got := fieldsOf(err)
	for field, key := range want {
		if got[field] != key {
			t.Errorf("%s: %q, want %q (all: %v)", field, got[field], key, got)
		}
	}
	if now := f.current(t, f.key); now.Version != impl.Version || now.Status != domain.StatusPlanned {
		t.Errorf("implementation %+v, want it unchanged", now)
	}
}

func TestReportStatusOnAStaleVersionReturnsWhatIsStoredNow(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	impl := f.relevant(t)
	theirs, err := f.svc.Update(ctx, f.actor, f.key, impl.Version, domain.ImplementationUpdate{Progress: ptr(20)})
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.svc.ReportStatus(ctx, f.actor, f.key, impl.Version, statusReport(domain.StatusInProgress, 40, "Läuft.", nil))
	if !errors.Is(err, domain.ErrStaleVersion) {
		t.Fatalf("error %v, want a stale version", err)
	}
	if got.Version != theirs.Version || got.Progress != 20 {
		t.Errorf("returned %+v, want the values saved meanwhile", got)
	}
	if _, records, _ := f.svc.Get(ctx, f.key, domain.RecordScope{}); len(records.Reports) != 0 {
		t.Errorf("%d reports saved on a stale version", len(records.Reports))
	}
}
