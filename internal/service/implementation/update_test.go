package implementation_test

import (
	"context"
	"errors"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

func TestUpdateRunsTheWorkflowAndRecordsTheActor(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	saved, err := f.svc.Update(ctx, f.actor, f.key, 1, domain.ImplementationUpdate{
		Relevance: ptr(domain.RelevanceRelevant), ResponsibleOrg: ptr("  Fachbereich 50\r\n")})
	if err != nil {
		t.Fatal(err)
	}
	// Relevant starts as planned: the workflow decided, not the caller.
	if saved.Relevance != domain.RelevanceRelevant || saved.Status != domain.StatusPlanned || saved.Version != 2 ||
		saved.ResponsibleOrg != "Fachbereich 50" {
		t.Errorf("saved %+v", saved)
	}
	_, records, err := f.svc.Get(ctx, f.key, domain.RecordScope{History: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(records.History) != 1 || records.History[0].ActorID == nil || *records.History[0].ActorID != f.actor.ID {
		t.Errorf("history %+v, want one event by the actor", records.History)
	}
}

func TestUpdateLeavesFieldsItDoesNotSetAlone(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	first, err := f.svc.Update(ctx, f.actor, f.key, 1, domain.ImplementationUpdate{
		Relevance: ptr(domain.RelevanceRelevant), Progress: ptr(30),
		StartOn: &domain.DateChange{On: day("2026-01-01")}, DueOn: &domain.DateChange{On: day("2026-12-31")}})
	if err != nil {
		t.Fatal(err)
	}
	second, err := f.svc.Update(ctx, f.actor, f.key, first.Version, domain.ImplementationUpdate{
		Contact: &domain.ContactUpdate{Value: "integration@duelmen.de"}})
	if err != nil {
		t.Fatal(err)
	}
	if second.Progress != 30 || second.Status != domain.StatusPlanned || second.StartOn == nil || second.DueOn == nil ||
		second.Contact != "integration@duelmen.de" {
		t.Errorf("second save %+v: want progress, status and dates kept", second)
	}
	// A DateChange without a date clears it.
	third, err := f.svc.Update(ctx, f.actor, f.key, second.Version, domain.ImplementationUpdate{
		DueOn: &domain.DateChange{}, Continuous: ptr(true)})
	if err != nil || third.DueOn != nil || !third.Continuous || third.StartOn == nil {
		t.Errorf("clearing the due date: %+v, %v", third, err)
	}
}

func TestUpdateStampsConsentOnceAndKeepsItForTheSamePerson(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	person := &domain.ContactUpdate{Value: "Erika Muster", Person: true, Consent: true}
	first, err := f.svc.Update(ctx, f.actor, f.key, 1, domain.ImplementationUpdate{Contact: person})
	if err != nil {
		t.Fatal(err)
	}
	if !first.ContactIsPerson || first.ContactConsentAt == nil || !first.ContactConsentAt.Equal(now) {
		t.Fatalf("consent %v, want stamped at %v", first.ContactConsentAt, now)
	}
	second, err := f.svc.Update(ctx, f.actor, f.key, first.Version, domain.ImplementationUpdate{
		Contact: person, ResponsibleOrg: ptr("Amt")})
	if err != nil || second.ContactConsentAt == nil || !second.ContactConsentAt.Equal(now) {
		t.Errorf("consent after an unrelated save: %v (%v)", second.ContactConsentAt, err)
	}
}

func TestUpdateRefusesEveryTrackingProblemAtOnceAndSavesNothing(t *testing.T) {
	f := newFixture(t)
	_, err := f.svc.Update(context.Background(), f.actor, f.key, 1, domain.ImplementationUpdate{
		ResponsibleOrg: ptr(longText(201)),
		Contact:        &domain.ContactUpdate{Value: "Erika Muster"}, // a mailbox must be an address
		StartOn:        &domain.DateChange{On: day("2026-05-01")},
		DueOn:          &domain.DateChange{On: day("2026-04-30")},
	})
	want := map[string]string{
		domain.FieldResponsibleOrg: "implementation.error.responsibleOrgTooLong",
		domain.FieldContact:        "implementation.error.contactMailbox",
		domain.FieldDueOn:          "implementation.error.dueBeforeStart",
	}
	got := fieldsOf(err)
	for field, key := range want {
		if got[field] != key {
			t.Errorf("%s: %q, want %q (all: %v)", field, got[field], key, got)
		}
	}
	if domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("code %s, want invalid", domain.ErrorCode(err))
	}
	if impl := f.current(t, f.key); impl.Version != 1 {
		t.Errorf("a refused update saved: %+v", impl)
	}
}

func TestUpdateRefusalsOfTheWorkflowNameTheirField(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	cases := []struct {
		name  string
		upd   domain.ImplementationUpdate
		field string
	}{
		{"progress out of range", domain.ImplementationUpdate{Relevance: ptr(domain.RelevanceRelevant), Progress: ptr(150)}, domain.FieldProgress},
		{"not relevant without reason", domain.ImplementationUpdate{Relevance: ptr(domain.RelevanceNotRelevant)}, domain.FieldRelevanceNote},
		{"cancelled without reason", domain.ImplementationUpdate{Relevance: ptr(domain.RelevanceRelevant), Status: ptr(domain.StatusCancelled)}, domain.FieldStatusNote},
		{"continuous with a due date", domain.ImplementationUpdate{Continuous: ptr(true), DueOn: &domain.DateChange{On: day("2027-01-01")}}, domain.FieldDueOn},
		{"person without consent", domain.ImplementationUpdate{Contact: &domain.ContactUpdate{Value: "Erika", Person: true}}, domain.FieldContactConsent},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.svc.Update(ctx, f.actor, f.key, 1, c.upd)
			if _, ok := fieldsOf(err)[c.field]; !ok {
				t.Errorf("err %v, want a refusal at %s", err, c.field)
			}
		})
	}
	if impl := f.current(t, f.key); impl.Version != 1 {
		t.Errorf("a refused update saved: %+v", impl)
	}
}

func TestUpdateFromAStaleVersionReturnsWhatIsStored(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.svc.Update(ctx, f.actor, f.key, 1, domain.ImplementationUpdate{Relevance: ptr(domain.RelevanceRelevant)}); err != nil {
		t.Fatal(err)
	}
	stored, err := f.svc.Update(ctx, f.actor, f.key, 1, domain.ImplementationUpdate{ResponsibleOrg: ptr("Amt")})
	if !errors.Is(err, domain.ErrStaleVersion) {
		t.Fatalf("err %v, want stale", err)
	}
	if stored.Version != 2 || stored.Relevance != domain.RelevanceRelevant || stored.ResponsibleOrg != "" {
		t.Errorf("returned %+v, want the stored version 2", stored)
	}
}

func TestAnImplementationOfAnotherPlanIsNotFoundUnderThisPlan(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	wrong := domain.ImplementationKey{PlanID: f.key.PlanID, OrgID: f.duelmen, ID: f.other.ID}
	if _, _, err := f.svc.Get(ctx, wrong, domain.RecordScope{}); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("get: %v, want not found", err)
	}
	if _, err := f.svc.Update(ctx, f.actor, wrong, 1, domain.ImplementationUpdate{Relevance: ptr(domain.RelevanceRelevant)}); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("update: %v, want not found", err)
	}
	if _, err := f.svc.AddProgressReport(ctx, f.actor, wrong, domain.NewProgressReport{ReportedOn: *day("2026-11-01"), Body: "x"}); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("report: %v, want not found", err)
	}
	if impl := f.current(t, f.other); impl.Version != 1 || impl.LastUpdateOn != nil {
		t.Errorf("the other plan's implementation was changed: %+v", impl)
	}
	if _, _, err := f.svc.Get(ctx, f.other, domain.RecordScope{}); err != nil {
		t.Errorf("under its own plan: %v", err)
	}
}

func longText(n int) string {
	b := make([]rune, n)
	for i := range b {
		b[i] = 'x'
	}
	return string(b)
}
