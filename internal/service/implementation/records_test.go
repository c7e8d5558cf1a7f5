package implementation_test

import (
	"context"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

func TestMilestonesAreCheckedDatedAndKeyedToTheirImplementation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.svc.AddMilestone(ctx, f.actor, f.key, domain.NewMilestone{Title: " \r\n "}); fieldsOf(err)[domain.FieldMilestoneTitle] != "implementation.error.milestoneMissing" {
		t.Errorf("empty title: %v", err)
	}
	if _, err := f.svc.AddMilestone(ctx, f.actor, f.key, domain.NewMilestone{Title: longText(301)}); fieldsOf(err)[domain.FieldMilestoneTitle] != "implementation.error.milestoneTooLong" {
		t.Errorf("long title: %v", err)
	}
	m, err := f.svc.AddMilestone(ctx, f.actor, f.key, domain.NewMilestone{Title: " Konzept steht ", DueOn: day("2026-12-31")})
	if err != nil || m.Title != "Konzept steht" {
		t.Fatalf("add: %+v, %v", m, err)
	}
	key := domain.MilestoneKey{Implementation: f.key, ID: m.ID}
	done, err := f.svc.SetMilestoneDone(ctx, f.actor, key, true)
	// Done today where the users live: 25 November 2026.
	if err != nil || !done.Done || done.DoneOn == nil || !done.DoneOn.Equal(*day("2026-11-25")) {
		t.Errorf("done: %+v, %v", done, err)
	}
	wrong := domain.MilestoneKey{Implementation: f.other, ID: m.ID}
	if err := f.svc.DeleteMilestone(ctx, f.actor, wrong); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("delete under another implementation: %v, want not found", err)
	}
	if err := f.svc.DeleteMilestone(ctx, f.actor, key); err != nil {
		t.Fatal(err)
	}
	_, records, err := f.svc.Get(ctx, f.key, domain.RecordScope{History: true})
	if err != nil || len(records.Milestones) != 0 || len(records.History) != 3 {
		t.Errorf("after delete: %d milestones, %d events (%v); want 0 and 3", len(records.Milestones), len(records.History), err)
	}
}

func TestCommentsAreCheckedAndSigned(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.svc.AddComment(ctx, f.actor, f.key, "  "); fieldsOf(err)[domain.FieldCommentBody] != "implementation.error.commentMissing" {
		t.Errorf("empty: %v", err)
	}
	if _, err := f.svc.AddComment(ctx, f.actor, f.key, longText(5001)); fieldsOf(err)[domain.FieldCommentBody] != "implementation.error.commentTooLong" {
		t.Errorf("long: %v", err)
	}
	c, err := f.svc.AddComment(ctx, f.actor, f.key, "Rückfrage\r\nzum Träger ")
	if err != nil || c.Body != "Rückfrage\nzum Träger" || c.AuthorName != f.actor.Name {
		t.Errorf("comment %+v, %v", c, err)
	}
}
