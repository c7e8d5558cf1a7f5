package postgres_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
)

// The plan overview's counts are kept in step with every write: after a
// random mix of inserts, updates and deletes (four writers at once), the
// kept tallies equal a fresh count of the implementations.
func TestMeasureTalliesEqualAFreshCountAfterRandomWrites(t *testing.T) {
	f, _ := monitoringFixture(t)
	ctx := context.Background()
	var measures, orgs []int64
	for sql, dst := range map[string]*[]int64{
		`SELECT id FROM measures WHERE plan_id = $1 ORDER BY id`:                   &measures,
		`SELECT id FROM organisations WHERE id = $1 OR parent_id = $1 ORDER BY id`: &orgs,
	} {
		arg := f.plan
		if dst == &orgs {
			arg = f.county
		}
		rows, err := f.pool.Query(ctx, sql, arg)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			*dst = append(*dst, id)
		}
	}
	writes := []string{
		`UPDATE implementations SET relevance = 'open', status = NULL, relevance_note = '' WHERE measure_id = $1 AND organisation_id = $2`,
		`UPDATE implementations SET relevance = 'relevant', status = 'in_progress', relevance_decided_on = '2025-02-01' WHERE measure_id = $1 AND organisation_id = $2`,
		`UPDATE implementations SET relevance = 'relevant', status = 'completed', progress = 100, relevance_decided_on = '2025-02-01' WHERE measure_id = $1 AND organisation_id = $2`,
		`UPDATE implementations SET relevance = 'not_relevant', status = NULL, relevance_note = 'Kein Bedarf', relevance_decided_on = '2025-02-01' WHERE measure_id = $1 AND organisation_id = $2`,
		`UPDATE implementations SET contact = 'neu@example.org' WHERE measure_id = $1 AND organisation_id = $2`,
		`DELETE FROM implementations WHERE measure_id = $1 AND organisation_id = $2`,
		`INSERT INTO implementations (measure_id, organisation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
		`UPDATE implementations SET relevance = 'relevant', status = 'planned', relevance_decided_on = '2025-02-01' WHERE measure_id = $1 AND $2::bigint > 0`,
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 3))
			for range 80 {
				sql := writes[r.IntN(len(writes))]
				m, o := measures[r.IntN(len(measures))], orgs[r.IntN(len(orgs))]
				if _, err := f.pool.Exec(ctx, sql, m, o); err != nil && domain.ErrorCode(postgres.Translate(err, "implementation")) != domain.CodeUnavailable {
					errs <- fmt.Errorf("%s (%d, %d): %w", sql, m, o, err)
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
	kept, err := f.db.TallyByMeasure(ctx, f.plan)
	if err != nil {
		t.Fatal(err)
	}
	fresh := map[int64]domain.Tally{}
	rows, err := f.pool.Query(ctx, `SELECT i.measure_id, i.relevance, coalesce(i.status, ''), count(*)
		FROM implementations i JOIN measures m ON m.id = i.measure_id WHERE m.plan_id = $1 GROUP BY 1, 2, 3`, f.plan)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var rel, status string
		var n int
		if err := rows.Scan(&id, &rel, &status, &n); err != nil {
			t.Fatal(err)
		}
		tally := fresh[id]
		tally.Add(domain.Relevance(rel), domain.Status(status), n)
		fresh[id] = tally
	}
	for _, m := range measures {
		if kept[m] != fresh[m] {
			t.Errorf("measure %d: kept %+v, fresh %+v", m, kept[m], fresh[m])
		}
	}
}
