package postgres_test

import (
	"context"
	"slices"
	"strings"
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

func TestFindSupportQueueListsEachTab(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	day := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	f.setSupport(t, f.implOlfen, domain.SupportRequested, day.AddDate(0, 0, 5))
	f.setSupport(t, f.implDuelmen, domain.SupportAccepted, day)
	f.setSupport(t, f.implCounty, domain.SupportDeclined, day.AddDate(0, 0, -9))

	tab := func(tab domain.SupportTab, town string) []domain.SupportRequest {
		t.Helper()
		q, err := f.db.FindSupportQueue(ctx, domain.SupportQueueFilter{PlanID: f.plan, Tab: tab, OrgSlug: town})
		if err != nil {
			t.Fatal(err)
		}
		return q
	}
	if q := tab(domain.SupportTabNew, ""); len(q) != 1 || q[0].ImplementationID != f.implOlfen {
		t.Errorf("new: %+v, want Olfen's request only", q)
	}
	accepted := tab(domain.SupportTabAccepted, "")
	if len(accepted) != 1 || accepted[0].ImplementationID != f.implDuelmen {
		t.Fatalf("accepted: %+v, want Dülmen's", accepted)
	}
	q := accepted[0]
	if q.OrgSlug != "duelmen" || q.OrgName != "Dülmen" || q.MeasureCode != "1.1.1" || q.MeasureID != f.municipal ||
		q.Request != "Bitte helfen" || q.RequestedAt == nil || !q.RequestedAt.Equal(day) || q.Version < 1 {
		t.Errorf("accepted entry = %+v", q)
	}
	if got := q.Answers(); !slices.Equal(got, []domain.Support{domain.SupportDone}) {
		t.Errorf("answers to an accepted request: %v", got)
	}
	if q := tab(domain.SupportTabClosed, ""); len(q) != 1 || q[0].ImplementationID != f.implCounty {
		t.Errorf("closed: %+v, want the county office's declined request", q)
	}
	if q := tab(domain.SupportTabNew, "duelmen"); len(q) != 0 {
		t.Errorf("Dülmen's new requests: %+v, want none", q)
	}
	if q := tab(domain.SupportTabNew, "gibt-es-nicht"); len(q) != 0 {
		t.Errorf("unknown town: %+v", q)
	}
}

func TestTakeSupportRequestNamesTheAssigneeWithoutTouchingTheVersion(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.setSupport(t, f.implOlfen, domain.SupportRequested, time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	var ki int64
	if err := f.pool.QueryRow(ctx, `INSERT INTO users (issuer, subject, name) VALUES ('https://idp', 'ki-x', 'Karin Imhoff') RETURNING id`).Scan(&ki); err != nil {
		t.Fatal(err)
	}
	key := domain.ImplementationKey{PlanID: f.plan, OrgID: f.olfen, ID: f.implOlfen}
	before, err := f.db.FindImplementation(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.db.TakeSupportRequest(ctx, key, &ki); err != nil {
		t.Fatal(err)
	}
	q, _ := f.db.FindSupportQueue(ctx, domain.SupportQueueFilter{PlanID: f.plan, Tab: domain.SupportTabNew})
	if len(q) != 1 || q[0].AssigneeName != "Karin Imhoff" {
		t.Errorf("queue after taking: %+v", q)
	}
	after, _ := f.db.FindImplementation(ctx, key)
	if after.Version != before.Version {
		t.Errorf("taking changed the version %d → %d: the town's open form would turn stale", before.Version, after.Version)
	}
	var changes string
	if err := f.pool.QueryRow(ctx, `SELECT changes::text FROM audit_events WHERE entity_id = $1 AND changes ? 'support_assignee'`,
		f.implOlfen).Scan(&changes); err != nil || !strings.Contains(changes, "Karin Imhoff") {
		t.Errorf("audit event: %q, %v", changes, err)
	}
	f.setSupport(t, f.implDuelmen, domain.SupportDone, time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	err = f.db.TakeSupportRequest(ctx, domain.ImplementationKey{PlanID: f.plan, OrgID: f.duelmen, ID: f.implDuelmen}, &ki)
	if domain.ErrorKey(err) != "support.err.notOpen" {
		t.Errorf("taking a closed request: %v", err)
	}
}
