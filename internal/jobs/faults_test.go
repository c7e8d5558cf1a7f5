package jobs_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/planwerk/planwerk/internal/smtptest"
	"github.com/planwerk/planwerk/internal/testdb"
)

type panicArgs struct{}

func (panicArgs) Kind() string { return "test_panic" }

type panicWorker struct {
	river.WorkerDefaults[panicArgs]
}

func (panicWorker) Work(context.Context, *river.Job[panicArgs]) error { panic("kaputt") }

// A job that panics is recorded as failed and retried; the process and the
// other jobs go on (the mails still arrive).
func TestPanickingJobDoesNotStopTheWorkers(t *testing.T) {
	pool := testdb.New(t)
	seed(t, pool, 1)
	srv := smtptest.Start(t)
	r := start(t, pool, srv, options(func(w *river.Workers) { river.AddWorker(w, panicWorker{}) }))
	ctx := context.Background()
	if _, err := r.Client().Insert(ctx, panicArgs{}, &river.InsertOpts{MaxAttempts: 2}); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, 60*time.Second, "the panic recorded", func() bool {
		var n int
		_ = pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'test_panic' AND state = 'discarded'
			AND errors[1]->>'error' LIKE '%kaputt%'`).Scan(&n)
		return n == 1
	})
	if got := srv.WaitFor(3, 60*time.Second); len(got) != 3 {
		t.Errorf("%d mails after the panic, want 3", len(got))
	}
}

type slowArgs struct{}

func (slowArgs) Kind() string { return "test_slow" }

type slowWorker struct {
	river.WorkerDefaults[slowArgs]
	started chan struct{}
	done    *atomic.Bool
}

func (w slowWorker) Work(ctx context.Context, _ *river.Job[slowArgs]) error {
	close(w.started)
	select {
	case <-time.After(time.Second):
		w.done.Store(true)
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Shutdown waits for a running job within the grace period.
func TestStopWaitsForRunningJobsWithinGrace(t *testing.T) {
	pool := testdb.New(t)
	srv := smtptest.Start(t)
	started, done := make(chan struct{}), &atomic.Bool{}
	r := start(t, pool, srv, options(func(w *river.Workers) {
		river.AddWorker(w, slowWorker{started: started, done: done})
	}))
	ctx := context.Background()
	res, err := r.Client().Insert(ctx, slowArgs{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-started:
	case <-time.After(30 * time.Second):
		t.Fatal("the slow job never started")
	}
	r.Stop(30 * time.Second)
	if !done.Load() {
		t.Error("Stop returned before the running job finished")
	}
	var state string
	if err := pool.QueryRow(ctx, `SELECT state::text FROM river_job WHERE id = $1`, res.Job.ID).Scan(&state); err != nil || state != "completed" {
		t.Errorf("job state %q, %v; want completed", state, err)
	}
}
