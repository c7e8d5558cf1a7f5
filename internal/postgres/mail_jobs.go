package postgres

import (
	"context"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/planwerk/planwerk/internal/domain"
)

// jobInserter is an insert-only River client, made on first use: the store
// queues a mail's delivery job in the transaction that stores the mail, so
// there is never a mail without its job or a job without its mail.
type jobInserter struct {
	once   sync.Once
	client *river.Client[pgx.Tx]
	err    error
}

func (db *DB) riverClient() (*river.Client[pgx.Tx], error) {
	db.jobs.once.Do(func() {
		db.jobs.client, db.jobs.err = river.NewClient(riverpgxv5.New(db.pool), &river.Config{})
	})
	return db.jobs.client, db.jobs.err
}

// Pool is the connection pool, for the job runner's River client (River
// needs the pool itself; everything else goes through store methods).
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// insertMailJobs queues one delivery job per stored mail in tx.
func (db *DB) insertMailJobs(ctx context.Context, tx pgx.Tx, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	client, err := db.riverClient()
	if err != nil {
		return err
	}
	params := make([]river.InsertManyParams, len(ids))
	for i, id := range ids {
		params[i] = river.InsertManyParams{Args: domain.DeliverMailJob{MessageID: id},
			InsertOpts: &river.InsertOpts{MaxAttempts: domain.MailDeliveryAttempts, Queue: river.QueueDefault}}
	}
	_, err = client.InsertManyFastTx(ctx, tx, params)
	return err
}

// RetryJob makes a failed or discarded job run again now (the admin's
// button on the jobs page).
func (db *DB) RetryJob(ctx context.Context, id int64) error {
	client, err := db.riverClient()
	if err != nil {
		return err
	}
	_, err = client.JobRetry(ctx, id)
	if err == river.ErrNotFound {
		err = pgx.ErrNoRows
	}
	return translate(err, "job")
}

// FindJobs lists the newest jobs in one of River's states ("" any), with the
// last error of each, for the admin's jobs page.
func (db *DB) FindJobs(ctx context.Context, state string, limit int) ([]domain.Job, error) {
	rows, _ := db.pool.Query(ctx, `
		SELECT id, kind, state::text AS state, attempt, max_attempts, args::text AS args,
		       coalesce(errors[array_length(errors, 1)]->>'error', '') AS last_error,
		       created_at, scheduled_at, finalized_at
		FROM river_job
		WHERE $1 = '' OR state::text = $1
		ORDER BY id DESC LIMIT $2`, state, limit)
	list, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.Job])
	return list, translate(err, "job")
}
