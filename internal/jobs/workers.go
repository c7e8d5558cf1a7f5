package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/service/notify"
)

// deliverWorker sends one stored mail. A relay's refusal for good cancels
// the job (recorded as failed, not retried); anything else is retried with
// River's backoff until the last attempt, which records the mail as failed.
type deliverWorker struct {
	river.WorkerDefaults[domain.DeliverMailJob]
	svc *notify.Service
}

func (w *deliverWorker) Work(ctx context.Context, job *river.Job[domain.DeliverMailJob]) error {
	err := w.svc.Deliver(ctx, job.Args.MessageID, job.Attempt >= job.MaxAttempts)
	if errors.Is(err, notify.ErrRefused) {
		return river.JobCancel(err)
	}
	return err
}

// DispatchMail turns pending event notifications into mails, every few
// seconds (the scan mails its reminders itself, DispatchReminders).
type DispatchMail struct{}

// Kind names the job for River.
func (DispatchMail) Kind() string { return "dispatch_mail" }

// InsertOpts: one dispatch per period is enough, however many instances ask.
func (DispatchMail) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: dispatchEvery}}
}

type dispatchWorker struct {
	river.WorkerDefaults[DispatchMail]
	svc *notify.Service
}

func (w *dispatchWorker) Work(ctx context.Context, _ *river.Job[DispatchMail]) error {
	_, err := w.svc.Dispatch(ctx)
	return err
}

// ReminderScan is the daily reminder scan.
type ReminderScan struct{}

// Kind names the job for River.
func (ReminderScan) Kind() string { return "reminder_scan" }

// InsertOpts: one scan a day, whichever instance's scheduler inserts it.
func (ReminderScan) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: 20 * time.Hour}}
}

type scanWorker struct {
	river.WorkerDefaults[ReminderScan]
	svc *notify.Service
}

// Timeout: at Land scale the scan reads 120 000 implementations.
func (w *scanWorker) Timeout(*river.Job[ReminderScan]) time.Duration { return 10 * time.Minute }

// Work scans, then mails what the scan wrote, a person's towns together.
// A run cut short is retried whole: the scan writes nothing twice, and the
// reminders stay pending until their mails are stored.
func (w *scanWorker) Work(ctx context.Context, _ *river.Job[ReminderScan]) error {
	if _, err := w.svc.ScanReminders(ctx); err != nil {
		return err
	}
	_, err := w.svc.DispatchReminders(ctx)
	return err
}

// WeeklyDigest is the weekly digest.
type WeeklyDigest struct{}

// Kind names the job for River.
func (WeeklyDigest) Kind() string { return "weekly_digest" }

// InsertOpts: one digest run a week.
func (WeeklyDigest) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: 6 * 24 * time.Hour}}
}

type digestWorker struct {
	river.WorkerDefaults[WeeklyDigest]
	svc *notify.Service
}

func (w *digestWorker) Timeout(*river.Job[WeeklyDigest]) time.Duration { return 10 * time.Minute }

func (w *digestWorker) Work(ctx context.Context, _ *river.Job[WeeklyDigest]) error {
	_, err := w.svc.QueueDigests(ctx)
	return err
}
