package jobs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/planwerk/planwerk/internal/smtptest"
	"github.com/planwerk/planwerk/internal/testdb"
)

// Two instances against one database: the periodic scan and digest run on
// both schedulers, the dispatch on both, yet every mail arrives once.
func TestTwoInstancesSendEveryMailExactlyOnce(t *testing.T) {
	pool := testdb.New(t)
	const towns = 5
	seed(t, pool, towns)
	srv := smtptest.Start(t)
	start(t, pool, srv, options(nil))
	start(t, pool, srv, options(nil))
	want := towns * 3 // the round, the due date, the digest
	got := srv.WaitFor(want, 60*time.Second)
	time.Sleep(2 * time.Second) // a duplicate would come now
	got = srv.Received()
	if len(got) != want {
		t.Errorf("%d mails arrived, want %d", len(got), want)
	}
	for k, n := range perRecipientSubject(got) {
		if n != 1 {
			t.Errorf("%s arrived %d times", k, n)
		}
	}
	var sent int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM mail_messages WHERE status = 'sent' AND attempts = 1`).Scan(&sent); err != nil || sent != want {
		t.Errorf("send log: %d sent on the first try, %v; want %d", sent, err, want)
	}
}

// Two instances, and a coordinator of two towns: the due-date reminders
// of both towns reach them in one mail, once; everyone else's mails are
// as before.
func TestTwoInstancesSendAPersonsTownsInOneReminderOnce(t *testing.T) {
	pool := testdb.New(t)
	const towns = 3
	seed(t, pool, towns)
	if _, err := pool.Exec(context.Background(), `INSERT INTO memberships (user_id, organisation_id, role)
		SELECT u.id, o.id, 'coordinator' FROM users u, organisations o WHERE u.subject = 'stadt-1' AND o.slug = 'stadt-2'`); err != nil {
		t.Fatal(err)
	}
	srv := smtptest.Start(t)
	start(t, pool, srv, options(nil))
	start(t, pool, srv, options(nil))
	// stadt-1's person, now also of stadt-2: the round (seeded for stadt-1
	// only), one due reminder for both towns, the digest; as many as before.
	want := towns * 3
	srv.WaitFor(want, 60*time.Second)
	time.Sleep(2 * time.Second) // a duplicate (or a second due reminder) would come now
	got := srv.Received()
	if len(got) != want {
		t.Errorf("%d mails arrived, want %d", len(got), want)
	}
	for k, n := range perRecipientSubject(got) {
		if n != 1 {
			t.Errorf("%s arrived %d times", k, n)
		}
	}
	var due []string
	for _, m := range got {
		if subject := m.Header().Get("Subject"); strings.HasPrefix(subject, "Fristen in") && m.To[0] == "stadt-1@example.org" {
			due = append(due, subject)
		}
	}
	if len(due) != 1 || due[0] != "Fristen in 2 Kommunen" {
		t.Errorf("stadt-1's due reminders: %q, want one naming both towns", due)
	}
}

// The relay is down: mails wait and retry; when it is back, each arrives
// once and the log says sent.
func TestSMTPOutageRetriesAndDeliversEachMailOnce(t *testing.T) {
	pool := testdb.New(t)
	seed(t, pool, 2)
	srv := smtptest.Start(t)
	srv.Down()
	start(t, pool, srv, options(nil))
	ctx := context.Background()
	waitUntil(t, 60*time.Second, "retries while the relay is down", func() bool {
		var retried int
		_ = pool.QueryRow(ctx, `SELECT count(*) FROM mail_messages WHERE status = 'queued' AND attempts >= 2 AND error <> ''`).Scan(&retried)
		return retried == 6
	})
	srv.Up()
	got := srv.WaitFor(6, 60*time.Second)
	time.Sleep(time.Second)
	got = srv.Received()
	if len(got) != 6 {
		t.Errorf("%d mails after the relay came back, want 6", len(got))
	}
	for k, n := range perRecipientSubject(got) {
		if n != 1 {
			t.Errorf("%s arrived %d times", k, n)
		}
	}
	waitUntil(t, 10*time.Second, "the log to say sent", func() bool {
		var sent int
		_ = pool.QueryRow(ctx, `SELECT count(*) FROM mail_messages WHERE status = 'sent' AND error = ''`).Scan(&sent)
		return sent == 6
	})
}

// An address the relay refuses for good is recorded as failed with the
// reason, its job cancelled rather than retried; the others arrive.
func TestRefusedAddressIsRecordedAndNotRetried(t *testing.T) {
	pool := testdb.New(t)
	seed(t, pool, 2)
	srv := smtptest.Start(t)
	srv.Refuse("stadt-1@example.org")
	start(t, pool, srv, options(nil))
	srv.WaitFor(3, 60*time.Second)
	ctx := context.Background()
	waitUntil(t, 30*time.Second, "the refusal recorded", func() bool {
		var failed, cancelled int
		_ = pool.QueryRow(ctx, `SELECT count(*) FROM mail_messages WHERE status = 'failed' AND attempts = 1
			AND error LIKE '%no such mailbox%' AND address = 'stadt-1@example.org'`).Scan(&failed)
		_ = pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'deliver_mail' AND state = 'cancelled' AND attempt = 1`).Scan(&cancelled)
		return failed == 3 && cancelled == 3
	})
}
