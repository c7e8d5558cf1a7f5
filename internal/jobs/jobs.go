// Package jobs runs Planwerk's background work on River, a job queue in the
// same PostgreSQL: delivering mails, the daily reminder scan and the weekly
// digest. Every job calls the notify service; the queue adds retries with
// backoff, uniqueness across instances and a clean shutdown. River needs
// the pgx pool itself, so this package (besides postgres) names pgx types.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/planwerk/planwerk/internal/service/notify"
)

// Options tune the runner; the zero value is production's.
type Options struct {
	// Workers is how many jobs run at once (default 10).
	Workers int
	// Log receives River's own lines at warning level and above, and ours.
	Log *slog.Logger
	// DigestOnStart runs the digest at start besides on Mondays (tests;
	// the scan always runs at start too, being idempotent per day).
	DigestOnStart bool
	// RetryPolicy replaces River's attempt⁴-seconds backoff (tests).
	RetryPolicy river.ClientRetryPolicy
	// Poll is how often idle workers look for jobs (default 1 s).
	Poll time.Duration
	// Location is the time zone of the schedule (default Europe/Berlin).
	Location *time.Location
	// AddWorkers registers more workers (tests: one that panics, one that is slow).
	AddWorkers func(*river.Workers)
}

// Runner is a started or startable set of workers.
type Runner struct {
	client *river.Client[pgx.Tx]
	log    *slog.Logger
}

// New builds the runner on pool with the service the jobs call.
func New(pool *pgxpool.Pool, svc *notify.Service, opts Options) (*Runner, error) {
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	if opts.Location == nil {
		loc, err := time.LoadLocation("Europe/Berlin")
		if err != nil {
			loc = time.UTC
		}
		opts.Location = loc
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, &deliverWorker{svc: svc})
	river.AddWorker(workers, &dispatchWorker{svc: svc})
	river.AddWorker(workers, &scanWorker{svc: svc})
	river.AddWorker(workers, &digestWorker{svc: svc})
	if opts.AddWorkers != nil {
		opts.AddWorkers(workers)
	}
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: max(opts.Workers, 10)}},
		Workers:           workers,
		PeriodicJobs:      periodicJobs(opts),
		RetryPolicy:       opts.RetryPolicy,
		FetchPollInterval: opts.Poll,
		Logger:            slog.New(levelAtLeast{opts.Log.Handler(), slog.LevelWarn}),
	})
	if err != nil {
		return nil, fmt.Errorf("Hintergrundaufträge: %w", err)
	}
	return &Runner{client: client, log: opts.Log}, nil
}

// Start starts the workers; they stop with Stop (not with ctx, so that
// shutdown can give running jobs their grace period).
func (r *Runner) Start(ctx context.Context) error {
	if err := r.client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("Hintergrundaufträge starten: %w", err)
	}
	return nil
}

// Stop fetches no new jobs and waits up to grace for the running ones;
// then it cancels them (River puts them back as retryable, so nothing is
// lost, and a mail's job sends at most once more – Deliver skips a mail
// recorded as sent).
func (r *Runner) Stop(grace time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := r.client.Stop(ctx)
	if err == nil {
		return
	}
	if errors.Is(err, context.DeadlineExceeded) {
		r.log.Warn("laufende Hintergrundaufträge nach der Schonfrist abgebrochen", "schonfrist", grace)
	}
	cancelCtx, cancel2 := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel2()
	_ = r.client.StopAndCancel(cancelCtx)
}

// Client is the River client (tests insert jobs and watch events).
func (r *Runner) Client() *river.Client[pgx.Tx] { return r.client }

// levelAtLeast keeps River's routine info lines out of our log.
type levelAtLeast struct {
	slog.Handler
	min slog.Level
}

func (h levelAtLeast) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}
