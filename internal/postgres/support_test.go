package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// setSupport puts an implementation into a support state requested at a given time.
func (f fixture) setSupport(t *testing.T, implID int64, s domain.Support, at time.Time) {
	t.Helper()
	response := ""
	if s == domain.SupportDeclined {
		response = "keine Kapazität"
	}
	_, err := f.pool.Exec(context.Background(), `UPDATE implementations
		SET support = $2, support_request = 'Bitte helfen', support_response = $3, support_requested_at = $4
		WHERE id = $1`, implID, s, response, at)
	if err != nil {
		t.Fatal(err)
	}
}

func TestFindSupportQueueListsOpenRequestsOldestFirst(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	day := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	f.setSupport(t, f.implOlfen, domain.SupportRequested, day.AddDate(0, 0, 5))
	f.setSupport(t, f.implDuelmen, domain.SupportAccepted, day)
	f.setSupport(t, f.implCounty, domain.SupportDeclined, day.AddDate(0, 0, -9)) // answered: not in the queue

	queue, err := f.db.FindSupportQueue(ctx, domain.SupportQueueFilter{PlanID: f.plan})
	if err != nil {
		t.Fatal(err)
	}
	if len(queue) != 2 || queue[0].ImplementationID != f.implDuelmen || queue[1].ImplementationID != f.implOlfen {
		t.Fatalf("queue = %+v, want Dülmen (older) then Olfen", queue)
	}
	q := queue[0]
	if q.OrgSlug != "duelmen" || q.OrgName != "Dülmen" || q.MeasureCode != "1.1.1" || q.MeasureID != f.municipal ||
		q.Support != domain.SupportAccepted || q.Request != "Bitte helfen" || q.RequestedAt == nil || !q.RequestedAt.Equal(day) {
		t.Errorf("first entry = %+v", q)
	}

	byTown, err := f.db.FindSupportQueue(ctx, domain.SupportQueueFilter{PlanID: f.plan, OrgSlug: "olfen"})
	if err != nil || len(byTown) != 1 || byTown[0].ImplementationID != f.implOlfen {
		t.Errorf("filtered by Olfen: %+v, %v", byTown, err)
	}
	byState, err := f.db.FindSupportQueue(ctx, domain.SupportQueueFilter{PlanID: f.plan, Support: domain.SupportAccepted})
	if err != nil || len(byState) != 1 || byState[0].ImplementationID != f.implDuelmen {
		t.Errorf("filtered by accepted: %+v, %v", byState, err)
	}
	none, err := f.db.FindSupportQueue(ctx, domain.SupportQueueFilter{PlanID: f.plan, OrgSlug: "gibt-es-nicht"})
	if err != nil || len(none) != 0 {
		t.Errorf("unknown town: %+v, %v", none, err)
	}
}
