package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/planwerk/planwerk/internal/benchstat"
	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
)

// writeResult is the outcome of the write mix: a status/progress change plus
// a progress report, as a coordinator saves them, from several writers at once.
type writeResult struct {
	workers   int
	elapsed   time.Duration
	writes    int // completed units (change + report)
	conflicts int // saves refused for a stale version (retried)
	latency   benchstat.Summary
}

func (w writeResult) perSecond() float64 { return float64(w.writes) / w.elapsed.Seconds() }

// measureWrites runs workers concurrent writers for d. Each unit reads an
// implementation in progress, saves a new progress through the workflow
// (optimistic locking and audit included) and adds a progress report.
func measureWrites(ctx context.Context, db *postgres.DB, workers int, d time.Duration) (writeResult, error) {
	targets, err := db.FindBenchWriteTargets(ctx, 5000)
	if err != nil {
		return writeResult{}, err
	}
	if len(targets) == 0 {
		return writeResult{}, errors.New("keine Umsetzung „in Umsetzung“ für die Schreiblast")
	}
	res := writeResult{workers: workers}
	var mu sync.Mutex
	var latencies []time.Duration
	var firstErr error
	deadline := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 42))
			for time.Now().Before(deadline) {
				t := targets[rng.IntN(len(targets))]
				began := time.Now()
				conflicts, err := writeUnit(ctx, db, t, rng.IntN(99)+1)
				mu.Lock()
				res.conflicts += conflicts
				if err != nil && firstErr == nil {
					firstErr = err
				}
				if err == nil {
					res.writes++
					latencies = append(latencies, time.Since(began))
				}
				mu.Unlock()
				if err != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	res.latency = benchstat.Summarise(latencies)
	return res, firstErr
}

// writeUnit saves one progress change and one report, retrying a save that
// lost the race against another writer, as a user would after a 409.
func writeUnit(ctx context.Context, db *postgres.DB, t postgres.BenchWriteTarget, progress int) (int, error) {
	conflicts := 0
	for {
		cur, err := db.FindImplementation(ctx, t.Key)
		if err != nil {
			return conflicts, err
		}
		_, err = db.UpdateImplementation(ctx, t.Key, cur.Version, nil,
			func(i domain.Implementation) (domain.Implementation, error) {
				w, err := domain.Workflow{Relevance: i.Relevance, Status: i.Status, Progress: i.Progress,
					Support: i.Support}.SetProgress(progress)
				i.Progress = w.Progress
				return i, err
			})
		if errors.Is(err, domain.ErrStaleVersion) {
			conflicts++
			continue
		}
		if err != nil {
			return conflicts, err
		}
		_, err = db.AddProgressUpdate(ctx, t.Key, time.Now(),
			fmt.Sprintf("Fortschritt auf %d %% gestiegen.", progress), nil)
		return conflicts, err
	}
}

func printWriteReport(w io.Writer, r writeResult) {
	fmt.Fprintln(w, "| Schreiblast | Schreiber | Dauer | Einheiten | Einheiten/s | Budget | Verhältnis | p50 | p95 | Versionskonflikte (wiederholt) |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	fmt.Fprintf(w, "| Fortschritt + Sachstandsmeldung | %d | %.1f s | %d | %.0f | ≥ 500/s | %.2f | %s | %s | %d |\n\n",
		r.workers, r.elapsed.Seconds(), r.writes, r.perSecond(), r.perSecond()/500,
		millis(r.latency.P50), millis(r.latency.P95), r.conflicts)
}
