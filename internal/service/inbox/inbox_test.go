package inbox_test

import (
	"context"
	"slices"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/service/round"
)

func TestSupportAnswerReachesOnlyTheTownsCoordinators(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.impls.AnswerSupport(ctx, f.ki, f.duelmenImpl, f.version(t), domain.SupportDeclined, "Kein Personal"); err != nil {
		t.Fatal(err)
	}
	list, err := f.inbox.List(ctx, f.anna)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 {
		t.Fatalf("Anna's inbox has %d entries, want the one answer", len(list))
	}
	n := list[0]
	if n.Kind != domain.NoticeSupportAnswered || n.Params.Answer != domain.SupportDeclined || n.Params.Response != "Kein Personal" ||
		n.Params.MeasureCode != "1.1.1" || n.ActorName != "KI Eins" || n.OrgSlug != "duelmen" || n.PlanSlug != "plan" ||
		n.ImplementationID == nil || *n.ImplementationID != f.duelmenImpl.ID || !n.Unread() {
		t.Errorf("entry %+v", n)
	}
	for _, other := range []domain.Actor{f.bert, f.carla, f.ki, f.ki2} {
		if k := f.kinds(t, other); len(k) != 0 {
			t.Errorf("%s got %v of Dülmen's answer", other.Name, k)
		}
	}
}

func TestARefusedAnswerLeavesNoEntry(t *testing.T) {
	f := newFixture(t)
	// Declining needs a reason: the refused answer must not notify.
	if _, err := f.impls.AnswerSupport(context.Background(), f.ki, f.duelmenImpl, f.version(t), domain.SupportDeclined, ""); err == nil {
		t.Fatal("a decline without a reason was accepted")
	}
	if k := f.kinds(t, f.anna); len(k) != 0 {
		t.Errorf("a refused answer left %v", k)
	}
}

func TestCommentsReachTheOtherSide(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// The town writes before anyone took the request: nobody hears of it.
	if _, err := f.impls.AddComment(ctx, f.anna, f.duelmenImpl, "Erste Frage"); err != nil {
		t.Fatal(err)
	}
	for _, a := range []domain.Actor{f.anna, f.ki, f.ki2, f.bert} {
		if k := f.kinds(t, a); len(k) != 0 {
			t.Errorf("%s heard of an unassigned town comment: %v", a.Name, k)
		}
	}
	if err := f.impls.TakeSupport(ctx, f.ki2, f.duelmenImpl); err != nil {
		t.Fatal(err)
	}
	if _, err := f.impls.AddComment(ctx, f.anna, f.duelmenImpl, "Zweite Frage"); err != nil {
		t.Fatal(err)
	}
	if k := f.kinds(t, f.ki2); !slices.Equal(k, []domain.NoticeKind{domain.NoticeComment}) {
		t.Errorf("the assignee's inbox: %v, want one comment", k)
	}
	if k := f.kinds(t, f.ki); len(k) != 0 {
		t.Errorf("a KI member who did not take the request heard: %v", k)
	}
	// The KI writes: Dülmen's coordinator hears, nobody else.
	if _, err := f.impls.AddComment(ctx, f.ki, f.duelmenImpl, "Antwort"); err != nil {
		t.Fatal(err)
	}
	if k := f.kinds(t, f.anna); !slices.Equal(k, []domain.NoticeKind{domain.NoticeComment}) {
		t.Errorf("Anna's inbox: %v, want the KI's comment", k)
	}
	for _, a := range []domain.Actor{f.bert, f.carla, f.ki} {
		if k := f.kinds(t, a); len(k) != 0 {
			t.Errorf("%s heard of the KI's comment to Dülmen: %v", a.Name, k)
		}
	}
}

func TestRoundOpenedAndNudgeReachTheirTowns(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	deadline := now.AddDate(0, 1, 0)
	r, err := f.rounds.Open(ctx, f.ki, f.scope, round.Open{RoundDraft: domain.RoundDraft{Title: "Winter", Deadline: &deadline}})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []domain.Actor{f.anna, f.bert} {
		if k := f.kinds(t, a); !slices.Equal(k, []domain.NoticeKind{domain.NoticeRoundOpened}) {
			t.Errorf("%s: %v, want the round opened", a.Name, k)
		}
	}
	for _, a := range []domain.Actor{f.carla, f.ki, f.ki2} {
		if k := f.kinds(t, a); len(k) != 0 {
			t.Errorf("%s heard of the round: %v", a.Name, k)
		}
	}
	if err := f.rounds.Nudge(ctx, f.ki, f.scope, r.ID, f.duelmen, "Bitte noch melden"); err != nil {
		t.Fatal(err)
	}
	list, err := f.inbox.List(ctx, f.anna)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Kind != domain.NoticeRoundNudge || list[0].Params.Body != "Bitte noch melden" ||
		list[0].Params.RoundTitle != "Winter" || list[1].Params.Deadline != deadline.Format("2006-01-02") {
		t.Errorf("Anna's inbox after the nudge: %+v", list)
	}
	if k := f.kinds(t, f.bert); len(k) != 1 {
		t.Errorf("Bert heard of Dülmen's nudge: %v", k)
	}
}

func TestMarkReadOneAndAllOnlyInOwnInbox(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, body := range []string{"eins", "zwei", "drei"} {
		if _, err := f.impls.AddComment(ctx, f.ki, f.duelmenImpl, body); err != nil {
			t.Fatal(err)
		}
	}
	list, err := f.inbox.List(ctx, f.anna)
	if err != nil || len(list) != 3 {
		t.Fatalf("Anna's inbox: %d entries, %v", len(list), err)
	}
	if err := f.inbox.MarkRead(ctx, f.bert, list[0].ID); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("Bert marking Anna's entry: %v, want not found", err)
	}
	if err := f.inbox.MarkRead(ctx, f.anna, list[0].ID); err != nil {
		t.Fatal(err)
	}
	if n := f.unread(t, f.anna); n != 2 {
		t.Errorf("unread after marking one: %d, want 2", n)
	}
	if err := f.inbox.MarkAllRead(ctx, f.anna); err != nil {
		t.Fatal(err)
	}
	if n := f.unread(t, f.anna); n != 0 {
		t.Errorf("unread after marking all: %d, want 0", n)
	}
}

func TestUnreadCountStopsPastTheShownMaximum(t *testing.T) {
	f := newFixture(t)
	_, err := f.pool.Exec(context.Background(), `INSERT INTO notifications (recipient_id, kind, plan_id, organisation_id)
		SELECT $1, 'round_opened', $2, $3 FROM generate_series(1, 150)`, f.anna.ID, f.scope.Plan.ID, f.duelmen)
	if err != nil {
		t.Fatal(err)
	}
	if n := f.unread(t, f.anna); n != domain.MaxUnreadShown+1 {
		t.Errorf("unread of 150: %d, want the cap %d", n, domain.MaxUnreadShown+1)
	}
}

// unread is the count the header shows, as the signed-in request reads it.
func (f fixture) unread(t *testing.T, a domain.Actor) int {
	t.Helper()
	acc, err := f.db.FindAccount(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	return acc.Unread
}
