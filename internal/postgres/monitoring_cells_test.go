package postgres_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
)

// The monitoring cells are kept in step with every write: after a random mix
// of writes (some of them concurrent, in one town), the matrix read from the
// cells equals the matrix counted afresh.
func TestMonitoringCellsEqualAFreshCountAfterRandomWrites(t *testing.T) {
	f, _ := monitoringFixture(t)
	ctx := context.Background()
	day := domain.MonitoringDayOf(monitoringToday, 180)
	if _, err := f.db.FindMonitoring(ctx, f.plan, f.county, day); err != nil { // judges the plan: cells exist from here
		t.Fatal(err)
	}
	var ids []int64
	rows, err := f.pool.Query(ctx, `SELECT i.id FROM implementations i JOIN measures m ON m.id = i.measure_id
		WHERE m.plan_id = $1 ORDER BY i.id`, f.plan)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	writes := []string{
		`UPDATE implementations SET relevance = 'open', status = NULL, relevance_note = '' WHERE id = $1`,
		`UPDATE implementations SET relevance = 'relevant', status = 'in_progress', relevance_decided_on = '2025-02-01' WHERE id = $1`,
		`UPDATE implementations SET relevance = 'relevant', status = 'completed', progress = 100, relevance_decided_on = '2026-11-20' WHERE id = $1`,
		`UPDATE implementations SET due_on = '2026-01-15', continuous = false WHERE id = $1 AND start_on IS NULL`,
		`UPDATE implementations SET due_on = NULL WHERE id = $1`,
		`UPDATE implementations SET last_update_on = '2026-11-01' WHERE id = $1`,
		`UPDATE implementations SET support = 'requested', support_request = 'Hilfe' WHERE id = $1`,
		`UPDATE implementations SET support = 'none', support_request = '' WHERE id = $1`,
		`UPDATE implementations SET contact = 'neu@example.org' WHERE id = $1`,
		`INSERT INTO milestones (implementation_id, title, due_on) VALUES ($1, 'M', '2026-09-01')`,
		`UPDATE milestones SET done = true, done_on = '2026-11-01' WHERE implementation_id = $1`,
		`DELETE FROM milestones WHERE implementation_id = $1`,
	}
	// One write at a time, each checked: a write the triggers miss shows.
	// First the writes that change a figure for sure (the fixture's
	// continuous task 2.1.2 is overdue by its one milestone), then random ones.
	for _, sql := range []string{
		`UPDATE milestones SET done = true, done_on = '2026-11-01' WHERE due_on = '2026-10-01'`,
		`UPDATE milestones SET done = false, done_on = NULL WHERE due_on = '2026-10-01'`,
		`DELETE FROM milestones WHERE due_on = '2026-10-01'`,
		`INSERT INTO milestones (implementation_id, title, due_on) SELECT i.id, 'M', '2026-10-01' FROM implementations i
			JOIN measures m ON m.id = i.measure_id WHERE m.code = '2.1.2'`,
	} {
		if _, err := f.pool.Exec(ctx, sql); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		if !sameAsFreshCount(t, f, day, fmt.Sprintf("after %q", sql)) {
			return
		}
	}
	rng := rand.New(rand.NewPCG(7, 9))
	for n := 0; n < 120; n++ {
		sql, id := writes[rng.IntN(len(writes))], ids[rng.IntN(len(ids))]
		if _, err := f.pool.Exec(ctx, sql, id); err != nil {
			t.Fatalf("%s (%d): %v", sql, id, err)
		}
		if !sameAsFreshCount(t, f, day, fmt.Sprintf("after %q on %d", sql, id)) {
			return
		}
	}
	// Four writers at once, in the same towns: no count is lost.
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := 0; w < 4; w++ {
		seed := rng.Uint64()
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, 1))
			for n := 0; n < 60; n++ {
				sql, id := writes[r.IntN(len(writes))], ids[r.IntN(len(ids))]
				if _, err := f.pool.Exec(ctx, sql, id); err != nil {
					errs <- fmt.Errorf("%s (%d): %w", sql, id, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	sameAsFreshCount(t, f, day, "after concurrent writes")
}

// sameAsFreshCount compares the matrix read from the kept cells with the
// matrix counted afresh (the judgement dropped, so the plan is judged again).
func sameAsFreshCount(t *testing.T, f fixture, day domain.MonitoringDay, when string) bool {
	t.Helper()
	ctx := context.Background()
	kept, err := f.db.FindMonitoring(ctx, f.plan, f.county, day)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.pool.Exec(ctx, `DELETE FROM monitoring_judgements`); err != nil {
		t.Fatal(err)
	}
	fresh, err := f.db.FindMonitoring(ctx, f.plan, f.county, day)
	if err != nil {
		t.Fatal(err)
	}
	if len(kept.Cells) != len(fresh.Cells) {
		t.Errorf("%s: %d cells kept, %d counted afresh", when, len(kept.Cells), len(fresh.Cells))
		return false
	}
	same := true
	for i := range kept.Cells {
		if kept.Cells[i].MonitoringCounts != fresh.Cells[i].MonitoringCounts {
			t.Errorf("%s: cell org %d field %d: kept %+v, fresh %+v", when, kept.Cells[i].OrgID, kept.Cells[i].FieldID,
				kept.Cells[i].MonitoringCounts, fresh.Cells[i].MonitoringCounts)
			same = false
		}
	}
	return same
}

// A new day judges the plan again: a due date that passed overnight counts
// as overdue without any write.
func TestMonitoringJudgesThePlanAgainOnANewDay(t *testing.T) {
	f, arbeit := monitoringFixture(t)
	ctx := context.Background()
	overdue := func(d domain.MonitoringData) int {
		n := 0
		for _, c := range d.Cells {
			if c.OrgID == f.duelmen && c.FieldID == arbeit {
				n = c.Overdue
			}
		}
		return n
	}
	today, err := f.db.FindMonitoring(ctx, f.plan, f.county, domain.MonitoringDayOf(monitoringToday, 180))
	if err != nil {
		t.Fatal(err)
	}
	tomorrow, err := f.db.FindMonitoring(ctx, f.plan, f.county, domain.MonitoringDayOf(monitoringToday.AddDate(0, 0, 1), 180))
	if err != nil {
		t.Fatal(err)
	}
	// 2.1.5 is due today: not overdue today, overdue tomorrow.
	if overdue(today) != 2 || overdue(tomorrow) != 3 {
		t.Errorf("Dülmen overdue today %d, tomorrow %d; want 2 and 3", overdue(today), overdue(tomorrow))
	}
}
