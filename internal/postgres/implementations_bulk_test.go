package postgres_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// secondDuelmen adds another municipal measure with its Dülmen implementation.
func secondDuelmen(t *testing.T, f fixture) int64 {
	t.Helper()
	ctx := context.Background()
	var measure, impl int64
	if err := f.pool.QueryRow(ctx, `INSERT INTO measures (plan_id, goal_id, code, title, scope, position)
		VALUES ($1, $2, '1.1.3', 'Lesepaten', 'municipal', 3) RETURNING id`, f.plan, f.goal).Scan(&measure); err != nil {
		t.Fatal(err)
	}
	if err := f.pool.QueryRow(ctx, `INSERT INTO implementations (measure_id, organisation_id) VALUES ($1, $2) RETURNING id`,
		measure, f.duelmen).Scan(&impl); err != nil {
		t.Fatal(err)
	}
	return impl
}

func auditCount(t *testing.T, f fixture, orgID, id int64) int {
	t.Helper()
	events, err := f.db.FindAuditEvents(context.Background(), orgID, "implementation", id)
	if err != nil {
		t.Fatal(err)
	}
	return len(events)
}

func TestUpdateImplementationsAppliesAndAuditsEach(t *testing.T) {
	f := newFixture(t)
	other := secondDuelmen(t, f)
	saved, err := f.db.UpdateImplementations(context.Background(), domain.WorkspaceKey{PlanID: f.plan, OrgID: f.duelmen},
		map[int64]int{f.implDuelmen: 1, other: 1}, &f.actor, markRelevant)
	if err != nil {
		t.Fatal(err)
	}
	if len(saved) != 2 {
		t.Fatalf("saved %d implementations, want 2", len(saved))
	}
	for _, s := range saved {
		if s.Version != 2 || s.Relevance != domain.RelevanceRelevant || s.Status != domain.StatusPlanned {
			t.Errorf("saved %+v", s)
		}
		if n := auditCount(t, f, f.duelmen, s.ID); n != 1 {
			t.Errorf("implementation %d has %d audit events, want 1", s.ID, n)
		}
	}
}

func TestUpdateImplementationsIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	notRelevant := func(i domain.Implementation) (domain.Implementation, error) {
		return domain.RelevanceDecision{Relevance: domain.RelevanceNotRelevant, Note: "Kein Bedarf"}.Apply(i, time.Now())
	}
	refuseSecond := func() func(domain.Implementation) (domain.Implementation, error) {
		n := 0
		return func(i domain.Implementation) (domain.Implementation, error) {
			if n++; n == 2 {
				return i, domain.FieldError(domain.FieldRelevanceNote, "nein")
			}
			return notRelevant(i)
		}
	}
	for _, tc := range []struct {
		name     string
		versions func(f fixture, other int64) map[int64]int
		change   func(domain.Implementation) (domain.Implementation, error)
		want     domain.Code
		stale    bool
	}{
		{"one stale version", func(f fixture, other int64) map[int64]int { return map[int64]int{f.implDuelmen: 1, other: 7} },
			notRelevant, domain.CodeConflict, true},
		{"one of another town", func(f fixture, other int64) map[int64]int {
			return map[int64]int{f.implDuelmen: 1, other: 1, f.implOlfen: 1}
		}, notRelevant, domain.CodeNotFound, false},
		{"one refused by the rules", func(f fixture, other int64) map[int64]int { return map[int64]int{f.implDuelmen: 1, other: 1} },
			refuseSecond(), domain.CodeInvalid, false},
		{"nothing", func(fixture, int64) map[int64]int { return nil }, notRelevant, domain.CodeInvalid, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			other := secondDuelmen(t, f)
			_, err := f.db.UpdateImplementations(ctx, domain.WorkspaceKey{PlanID: f.plan, OrgID: f.duelmen}, tc.versions(f, other), &f.actor, tc.change)
			if domain.ErrorCode(err) != tc.want || errors.Is(err, domain.ErrStaleVersion) != tc.stale {
				t.Fatalf("err = %v, want code %s (stale %v)", err, tc.want, tc.stale)
			}
			for _, id := range []int64{f.implDuelmen, other} {
				impl, err := f.db.FindImplementation(ctx, f.key(f.duelmen, id))
				if err != nil {
					t.Fatal(err)
				}
				if impl.Version != 1 || impl.Relevance != domain.RelevanceOpen || auditCount(t, f, f.duelmen, id) != 0 {
					t.Errorf("implementation %d was changed: %+v", id, impl)
				}
			}
			if impl, _ := f.db.FindImplementation(ctx, f.key(f.olfen, f.implOlfen)); impl.Version != 1 {
				t.Errorf("Olfen's implementation was changed: %+v", impl)
			}
		})
	}
}

func TestWorkspaceCarriesOpenMilestones(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.db.UpdateImplementation(ctx, f.key(f.duelmen, f.implDuelmen), 1, nil, markRelevant); err != nil {
		t.Fatal(err)
	}
	if _, err := f.pool.Exec(ctx, `INSERT INTO milestones (implementation_id, title, due_on, done, done_on) VALUES
		($1, 'Konzept', '2026-03-01', true, '2026-02-20'),
		($1, 'Raum finden', '2026-06-01', false, NULL),
		($1, 'Start', '2026-01-15', false, NULL),
		($1, 'Irgendwann', NULL, false, NULL),
		($2, 'Olfens Meilenstein', '2026-01-01', false, NULL)`, f.implDuelmen, f.implOlfen); err != nil {
		t.Fatal(err)
	}
	items, err := f.db.FindWorkspace(ctx, f.duelmen, f.plan)
	if err != nil || len(items) != 1 {
		t.Fatalf("workspace = %v, %v", items, err)
	}
	it := items[0]
	// Open, dated milestones only, earliest first.
	if len(it.OpenMilestoneTitles) != 2 || it.OpenMilestoneTitles[0] != "Start" || it.OpenMilestoneTitles[1] != "Raum finden" ||
		len(it.OpenMilestoneDues) != 2 || it.OpenMilestoneDues[0].Format(time.DateOnly) != "2026-01-15" {
		t.Fatalf("open milestones = %v %v", it.OpenMilestoneTitles, it.OpenMilestoneDues)
	}
	overdue := it.OverdueMilestones(time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC))
	if len(overdue) != 1 || overdue[0].Title != "Start" {
		t.Errorf("overdue on 1 April = %+v, want Start", overdue)
	}
	if next, ok := it.NextMilestone(); !ok || next.Title != "Start" {
		t.Errorf("next milestone = %+v", next)
	}
	// An implementation without milestones has empty lists, not an error.
	county, err := f.db.FindWorkspace(ctx, f.county, f.plan)
	if err != nil || len(county) != 1 || len(county[0].OpenMilestoneTitles) != 0 || len(county[0].OpenMilestoneDues) != 0 {
		t.Errorf("county workspace = %+v, %v", county, err)
	}
	// Milestones of an implementation not (yet) being worked on are no one's task.
	olfen, err := f.db.FindWorkspace(ctx, f.olfen, f.plan)
	if err != nil || len(olfen) != 1 || len(olfen[0].OpenMilestoneTitles) != 1 {
		t.Fatalf("Olfen workspace = %+v, %v", olfen, err)
	}
	if got := olfen[0].OverdueMilestones(time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)); len(got) != 0 {
		t.Errorf("milestones of an implementation still open for review count as overdue: %+v", got)
	}
}
