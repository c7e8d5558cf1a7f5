package implementation_test

import (
	"context"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

func TestProgressReportRecordsStateAndAuthor(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	impl, err := f.svc.Update(ctx, f.actor, f.key, 1, domain.ImplementationUpdate{Relevance: ptr(domain.RelevanceRelevant), Progress: ptr(40)})
	if err != nil {
		t.Fatal(err)
	}
	saved, err := f.svc.AddProgressReport(ctx, f.actor, f.key,
		domain.NewProgressReport{ReportedOn: *day("2026-11-25"), Body: " Pool steht.\r\n"}) // today is fine
	if err != nil {
		t.Fatal(err)
	}
	if saved.Body != "Pool steht." || saved.Status != impl.Status || saved.Progress != 40 {
		t.Errorf("saved %+v", saved)
	}
	_, records, err := f.svc.Get(ctx, f.key, domain.RecordScope{})
	if err != nil {
		t.Fatal(err)
	}
	if len(records.Reports) != 1 || records.Reports[0].AuthorName != f.actor.Name {
		t.Errorf("reports %+v, want one by %s", records.Reports, f.actor.Name)
	}
	if got := f.current(t, f.key); got.LastUpdateOn == nil || !got.LastUpdateOn.Equal(*day("2026-11-25")) {
		t.Errorf("last update %v", got.LastUpdateOn)
	}
}

func TestProgressReportRefusesAFutureDateAndAnEmptyText(t *testing.T) {
	f := newFixture(t)
	_, err := f.svc.AddProgressReport(context.Background(), f.actor, f.key,
		domain.NewProgressReport{ReportedOn: *day("2026-11-26"), Body: "  "})
	got := fieldsOf(err)
	if got[domain.FieldReportedOn] != "implementation.error.reportFuture" || got[domain.FieldReportBody] != "implementation.error.reportMissing" {
		t.Errorf("refusal %v", got)
	}
	_, err = f.svc.AddProgressReport(context.Background(), f.actor, f.key, domain.NewProgressReport{Body: longText(5001)})
	got = fieldsOf(err)
	if got[domain.FieldReportedOn] != "implementation.error.reportDate" || got[domain.FieldReportBody] != "implementation.error.reportTooLong" {
		t.Errorf("refusal %v", got)
	}
	if impl := f.current(t, f.key); impl.LastUpdateOn != nil {
		t.Errorf("a refused report was recorded: %+v", impl)
	}
}
