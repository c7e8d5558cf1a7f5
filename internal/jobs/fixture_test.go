package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/planwerk/planwerk/internal/config"
	"github.com/planwerk/planwerk/internal/jobs"
	"github.com/planwerk/planwerk/internal/mailer"
	"github.com/planwerk/planwerk/internal/mailtext"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/service/notify"
	"github.com/planwerk/planwerk/internal/smtptest"
)

// today is the day of the jobs' clock: a Monday.
var today = time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)

// seed writes a county with towns, one coordinator per town with an
// address, each town's implementation due in three days, and a pending
// notification per coordinator (a round opened). Each coordinator then
// has three mails coming: the round, the due date, the digest.
func seed(t *testing.T, pool *pgxpool.Pool, towns int) {
	t.Helper()
	_, err := pool.Exec(context.Background(), `
		WITH county AS (INSERT INTO organisations (slug, name, kind) VALUES ('kreis', 'Kreis', 'county') RETURNING id),
		plan AS (INSERT INTO plans (owner_id, slug, title, adopted_on) SELECT id, 'plan', 'Plan', '2024-01-01' FROM county RETURNING id),
		field AS (INSERT INTO action_fields (plan_id, code, title) SELECT id, '1', 'Sprache' FROM plan RETURNING id, plan_id),
		goal AS (INSERT INTO goals (plan_id, action_field_id, code, title) SELECT plan_id, id, '1.1', 'Ziel' FROM field RETURNING id, plan_id),
		measure AS (INSERT INTO measures (plan_id, goal_id, code, title, scope) SELECT plan_id, id, '1.1.1', 'Sprachcafés', 'municipal' FROM goal RETURNING id, plan_id),
		town AS (INSERT INTO organisations (slug, name, kind, parent_id)
			SELECT 'stadt-' || n, 'Stadt ' || n, 'municipality', county.id FROM county, generate_series(1, $1) n RETURNING id, slug),
		impl AS (INSERT INTO implementations (measure_id, organisation_id, relevance, relevance_decided_on, status, due_on)
			SELECT measure.id, town.id, 'relevant', $2::date, 'in_progress', $2::date + 3 FROM measure, town RETURNING id),
		person AS (INSERT INTO users (issuer, subject, name, email)
			SELECT 'https://idp', town.slug, 'Koordination ' || town.slug, town.slug || '@example.org' FROM town RETURNING id, subject),
		member AS (INSERT INTO memberships (user_id, organisation_id, role)
			SELECT person.id, town.id, 'coordinator' FROM person JOIN town ON town.slug = person.subject RETURNING user_id, organisation_id)
		INSERT INTO notifications (recipient_id, kind, plan_id, organisation_id, params)
		SELECT member.user_id, 'round_opened', plan.id, member.organisation_id,
		       '{"round_id": 1, "round_title": "Winter", "deadline": "2027-01-15"}'
		FROM member, plan`, towns, today.Format(time.DateOnly))
	if err != nil {
		t.Fatal(err)
	}
}

// options are the test's job options: quick polling and retries.
func options(add func(*river.Workers)) jobs.Options {
	return jobs.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), DigestOnStart: true,
		Poll: 200 * time.Millisecond, RetryPolicy: quickRetry{}, AddWorkers: add, Location: time.UTC}
}

// quickRetry retries after 200 ms instead of River's attempt⁴ seconds.
type quickRetry struct{}

func (quickRetry) NextRetry(*rivertype.JobRow) time.Time {
	return time.Now().Add(200 * time.Millisecond)
}

// start runs one instance's workers on its own pool (as another process
// would) against the database of pool, sending to srv.
func start(t *testing.T, pool *pgxpool.Pool, srv *smtptest.Server, opts jobs.Options) *jobs.Runner {
	t.Helper()
	own, err := pgxpool.New(context.Background(), pool.Config().ConnString())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(own.Close)
	db := postgres.NewDB(own)
	composer, err := mailtext.New("https://planwerk.example")
	if err != nil {
		t.Fatal(err)
	}
	sender := mailer.New(config.Mail{SMTPHost: srv.Host, SMTPPort: srv.Port, SMTPTLS: config.SMTPTLSNone, From: "planwerk@kreis.example"})
	svc := notify.New(db, composer, sender, func() time.Time { return today },
		func(err error) bool { return errors.Is(err, mailer.ErrPermanent) })
	r, err := jobs.New(own, svc, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Stop(5 * time.Second) })
	return r
}

// perRecipientSubject counts arrivals by recipient and subject.
func perRecipientSubject(msgs []smtptest.Message) map[string]int {
	out := map[string]int{}
	for _, m := range msgs {
		out[fmt.Sprint(m.To, " ", m.Header().Get("Subject"))]++
	}
	return out
}

// waitUntil polls cond up to timeout.
func waitUntil(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
