package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

func day(s string) *time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &d
}

func TestImplementationRecordsComeInOneQueryAndRespectTheScope(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.db.AddProgressUpdate(ctx, f.key(f.county, f.implCounty), *day("2026-10-01"), "Erste Meldung", &f.actor); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.AddProgressUpdate(ctx, f.key(f.county, f.implCounty), *day("2026-11-01"), "Zweite Meldung", nil); err != nil {
		t.Fatal(err)
	}
	kept, err := f.db.AddMilestone(ctx, f.key(f.county, f.implCounty), "Konzept steht", day("2026-12-31"), &f.actor)
	if err != nil {
		t.Fatal(err)
	}
	gone, err := f.db.AddMilestone(ctx, f.key(f.county, f.implCounty), "Entwurf verworfen", nil, &f.actor)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.db.DeleteMilestone(ctx, domain.MilestoneKey{Implementation: f.key(f.county, f.implCounty), ID: gone.ID}, &f.actor); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.AddComment(ctx, f.key(f.county, f.implCounty), "Geheimer Kommentar", &f.actor); err != nil {
		t.Fatal(err)
	}

	all, err := f.db.FindImplementationRecords(ctx, f.key(f.county, f.implCounty), domain.RecordScope{History: true, Comments: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Reports) != 2 || all.Reports[0].Body != "Zweite Meldung" || all.Reports[1].AuthorName != "Koordination Dülmen" {
		t.Errorf("reports = %+v, want newest first with author", all.Reports)
	}
	if r := all.Reports[1]; !r.ReportedOn.Equal(*day("2026-10-01")) || r.Status != domain.StatusInProgress || r.Progress != 30 {
		t.Errorf("report keeps date, status and progress of its time: %+v", r)
	}
	if len(all.Milestones) != 1 || all.Milestones[0].ID != kept.ID || !all.Milestones[0].DueOn.Equal(*day("2026-12-31")) {
		t.Errorf("milestones = %+v, want only %q", all.Milestones, kept.Title)
	}
	if len(all.Comments) != 1 || all.Comments[0].Body != "Geheimer Kommentar" || all.Comments[0].AuthorName != "Koordination Dülmen" {
		t.Errorf("comments = %+v", all.Comments)
	}
	// History: 2 reports, 2 milestones created, 1 deleted – the deleted one
	// still there; the comment's event is not part of the history.
	var entities []string
	for _, e := range all.History {
		entities = append(entities, e.Entity+"/"+e.Action)
		if e.Entity == "comment" {
			t.Errorf("history shows the comment event %+v", e)
		}
	}
	if len(all.History) != 5 || all.History[0].Entity != "milestone" || all.History[0].Action != "delete" {
		t.Errorf("history = %v, want 5 events, newest (the deletion) first", entities)
	}
	if all.History[0].Changes["title"].Old != "Entwurf verworfen" {
		t.Errorf("deletion event keeps the title: %+v", all.History[0].Changes)
	}

	outside, err := f.db.FindImplementationRecords(ctx, f.key(f.county, f.implCounty), domain.RecordScope{})
	if err != nil {
		t.Fatal(err)
	}
	if len(outside.Comments) != 0 || len(outside.History) != 0 || len(outside.Reports) != 2 || len(outside.Milestones) != 1 {
		t.Errorf("without scope: %d comments, %d events (want none), %d reports, %d milestones",
			len(outside.Comments), len(outside.History), len(outside.Reports), len(outside.Milestones))
	}
	if _, err := f.db.FindImplementationRecords(ctx, f.key(f.duelmen, f.implCounty), domain.RecordScope{History: true}); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("Dülmen reading the county's records: err = %v, want not found", err)
	}
}

func TestMilestonesAreMarkedDoneAndOpenAndEveryChangeIsAudited(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m, err := f.db.AddMilestone(ctx, f.key(f.county, f.implCounty), "Träger gewonnen", nil, &f.actor)
	if err != nil {
		t.Fatal(err)
	}
	on := time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)
	done, err := f.db.SetMilestoneDone(ctx, domain.MilestoneKey{Implementation: f.key(f.county, f.implCounty), ID: m.ID}, true, on, &f.actor)
	if err != nil || !done.Done || done.DoneOn == nil || !done.DoneOn.Equal(*day("2026-11-25")) {
		t.Fatalf("done = %+v, %v", done, err)
	}
	if _, err := f.db.SetMilestoneDone(ctx, domain.MilestoneKey{Implementation: f.key(f.county, f.implCounty), ID: m.ID}, true, on, &f.actor); err != nil {
		t.Fatal(err) // repeating the click changes nothing
	}
	open, err := f.db.SetMilestoneDone(ctx, domain.MilestoneKey{Implementation: f.key(f.county, f.implCounty), ID: m.ID}, false, on, &f.actor)
	if err != nil || open.Done || open.DoneOn != nil {
		t.Fatalf("reopened = %+v, %v", open, err)
	}
	// Another municipality can neither change nor delete it.
	if _, err := f.db.SetMilestoneDone(ctx, domain.MilestoneKey{Implementation: f.key(f.duelmen, f.implCounty), ID: m.ID}, true, on, &f.actor); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("Dülmen marking the county's milestone: err = %v, want not found", err)
	}
	if err := f.db.DeleteMilestone(ctx, domain.MilestoneKey{Implementation: f.key(f.olfen, f.implOlfen), ID: m.ID}, &f.actor); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("Olfen deleting the county's milestone through its own implementation: err = %v, want not found", err)
	}
	if err := f.db.DeleteMilestone(ctx, domain.MilestoneKey{Implementation: f.key(f.county, f.implCounty), ID: m.ID}, &f.actor); err != nil {
		t.Fatal(err)
	}
	recs, err := f.db.FindImplementationRecords(ctx, f.key(f.county, f.implCounty), domain.RecordScope{History: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range recs.History {
		got = append(got, e.Action)
	}
	want := []string{"delete", "update", "update", "create"} // newest first; the repeated click left no trace
	if len(got) != len(want) {
		t.Fatalf("milestone events = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] || recs.History[i].Entity != "milestone" || recs.History[i].ActorName != "Koordination Dülmen" {
			t.Errorf("event %d = %s %+v, want %s", i, got[i], recs.History[i], want[i])
		}
	}
	if c := recs.History[2].Changes["done"]; c.Old != false || c.New != true {
		t.Errorf("marking done logged %+v", c)
	}
	if _, err := f.db.AddMilestone(ctx, f.key(f.county, f.implCounty), "", nil, &f.actor); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("a milestone without title: err = %v, want invalid", err)
	}
}

func TestAPersonAsContactNeedsConsentAndTheChangeIsAudited(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	noConsent := func(i domain.Implementation) (domain.Implementation, error) {
		i.Contact, i.ContactIsPerson = "Erika Muster", true
		return i, nil
	}
	if _, err := f.db.UpdateImplementation(ctx, f.key(f.county, f.implCounty), 1, &f.actor, noConsent); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Fatalf("a person without consent: err = %v, want invalid (the database refuses it too)", err)
	}
	consentAt := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	withConsent := func(i domain.Implementation) (domain.Implementation, error) {
		i.Contact, i.ContactIsPerson, i.ContactConsentAt = "Erika Muster", true, &consentAt
		i.ResponsibleOrg, i.StartOn, i.DueOn = "Fachbereich Soziales", day("2026-01-01"), day("2027-06-30")
		return i, nil
	}
	saved, err := f.db.UpdateImplementation(ctx, f.key(f.county, f.implCounty), 1, &f.actor, withConsent)
	if err != nil {
		t.Fatal(err)
	}
	if !saved.ContactIsPerson || saved.ContactConsentAt == nil || !saved.ContactConsentAt.Equal(consentAt) || saved.Version != 2 {
		t.Errorf("saved = %+v", saved)
	}
	events, err := f.db.FindAuditEvents(ctx, f.county, "implementation", f.implCounty)
	if err != nil || len(events) != 1 {
		t.Fatalf("events = %+v, %v", events, err)
	}
	for field, want := range map[string]any{"contact": "Erika Muster", "contact_is_person": true,
		"contact_consent_at": "2026-11-25T10:00:00Z", "responsible_org": "Fachbereich Soziales",
		"start_on": "2026-01-01", "due_on": "2027-06-30"} {
		if got := events[0].Changes[field].New; got != want {
			t.Errorf("audit %s = %v, want %v", field, got, want)
		}
	}
	dueBeforeStart := func(i domain.Implementation) (domain.Implementation, error) {
		i.DueOn = day("2025-12-31")
		return i, nil
	}
	if _, err := f.db.UpdateImplementation(ctx, f.key(f.county, f.implCounty), 2, &f.actor, dueBeforeStart); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("due before start: err = %v, want invalid", err)
	}
}
