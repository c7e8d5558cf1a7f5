package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/planwerk/planwerk/internal/benchstat"
	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/mailer"
	"github.com/planwerk/planwerk/internal/mailtext"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/service/notify"
)

// remindersBudget is the budget for the daily reminder scan and
// for the weekly digest at Land scale, each.
const remindersBudget = 60 * time.Second

// remindersResult: the scan (reminders written a batch of towns per
// transaction, then their mails stored a batch per transaction, a person's
// towns in one mail), the digest, and the workspace and a measure page,
// each measured alone first and then while the scan and the digest ran.
type remindersResult struct {
	reminders, scanMails int
	scan                 time.Duration
	digests              int
	digest               time.Duration
	pacing               notify.Pacing
	idle, busy           []pageResult
	// longestScan and longestQueue are the longest transaction of the scan
	// (one batch of towns) and of storing mails: how long a core and a
	// snapshot are held at a time, the load pages feel.
	longestScan, longestQueue time.Duration
}

// timedStore is the database with the scan's and the mail queue's
// transactions timed.
type timedStore struct {
	*postgres.DB
	scan, queue time.Duration
}

func (s *timedStore) ScanReminders(ctx context.Context, today time.Time, towns []int64) (int, error) {
	began := time.Now()
	n, err := s.DB.ScanReminders(ctx, today, towns)
	s.scan = max(s.scan, time.Since(began))
	return n, err
}

func (s *timedStore) QueueMails(ctx context.Context, noticeIDs []int64, mails []domain.MailMessage) (int, error) {
	began := time.Now()
	n, err := s.DB.QueueMails(ctx, noticeIDs, mails)
	s.queue = max(s.queue, time.Since(began))
	return n, err
}

// measureReminders runs the scan and the digest as their jobs do (into the
// outbox: no mail leaves), while the workspace and a measure page are
// requested in turn until both are done; the pages' figures under that
// load stand beside their figures on the same machine just before.
func measureReminders(ctx context.Context, app *benchApp, db *postgres.DB, requests int) (remindersResult, error) {
	r := remindersResult{pacing: notify.DefaultPacing}
	if err := db.PrepareBenchMail(ctx); err != nil {
		return r, err
	}
	composer, err := mailtext.New("https://planwerk.example")
	if err != nil {
		return r, err
	}
	store := &timedStore{DB: db}
	svc := notify.New(store, composer, mailer.Outbox{}, time.Now, nil)
	pages, err := remindersPages(ctx, db)
	if err != nil {
		return r, err
	}
	for _, p := range pages {
		pr, err := measurePage(ctx, app, p, requests)
		if err != nil {
			return r, err
		}
		r.idle = append(r.idle, pr)
	}
	finished := make(chan struct{})
	var workErr error
	go func() {
		defer close(finished)
		began := time.Now()
		n, err := svc.ScanReminders(ctx)
		if err == nil {
			r.reminders = n
			r.scanMails, err = svc.DispatchReminders(ctx)
		}
		r.scan = time.Since(began)
		if err == nil {
			began = time.Now()
			r.digests, err = svc.QueueDigests(ctx)
			r.digest = time.Since(began)
		}
		workErr = err
	}()
	busy, pageErr := measureWhile(ctx, app, pages, finished)
	<-finished
	r.busy, r.longestScan, r.longestQueue = busy, store.scan, store.queue
	if workErr != nil {
		return r, workErr
	}
	return r, pageErr
}

// remindersPages are the workspace and the measure page of benchPages.
func remindersPages(ctx context.Context, db *postgres.DB) ([]benchPage, error) {
	all, err := benchPages(ctx, db)
	if err != nil {
		return nil, err
	}
	var out []benchPage
	for _, p := range all {
		if strings.HasPrefix(p.name, "Arbeitsbereich `") || strings.HasPrefix(p.name, "Maßnahme `") {
			out = append(out, p)
		}
	}
	if len(out) != 2 {
		return nil, fmt.Errorf("Arbeitsbereich und Maßnahmenseite nicht unter den Seiten (%d gefunden)", len(out))
	}
	return out, nil
}

// measureWhile requests the pages in turn until finished is closed.
func measureWhile(ctx context.Context, app *benchApp, pages []benchPage, finished <-chan struct{}) ([]pageResult, error) {
	latencies := make([][]time.Duration, len(pages))
	for i := 0; ; i++ {
		select {
		case <-finished:
			out := make([]pageResult, len(pages))
			for j, p := range pages {
				out[j] = pageResult{name: p.name, budget: p.budget, latency: benchstat.Summarise(latencies[j])}
			}
			return out, nil
		default:
		}
		j := i % len(pages)
		d, _, _, err := benchRequest(ctx, app, pages[j].path(i))
		if err != nil {
			return nil, err
		}
		latencies[j] = append(latencies[j], d)
	}
}

func printRemindersReport(w io.Writer, r remindersResult) {
	fmt.Fprintf(w, "Tägliche Prüfung in Stapeln zu %d Kommunen, E-Mails in Stapeln zu %d, %s Pause nach jedem Stapel; "+
		"längste Transaktion der Prüfung %s, beim Einreihen der E-Mails %s.\n\n",
		r.pacing.Towns, r.pacing.Mails, r.pacing.Pause, millis(r.longestScan), millis(r.longestQueue))
	fmt.Fprintln(w, "| Erinnerungen und Wochenübersicht | Ergebnis | Dauer | Budget | Verhältnis |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|")
	fmt.Fprintf(w, "| tägliche Prüfung: Erinnerungen schreiben, E-Mails einreihen | %d Erinnerungen, %d E-Mails | %.1f s | ≤ %.0f s | %.2f |\n",
		r.reminders, r.scanMails, r.scan.Seconds(), remindersBudget.Seconds(), r.scan.Seconds()/remindersBudget.Seconds())
	fmt.Fprintf(w, "| Wochenübersicht je Person | %d E-Mails | %.1f s | ≤ %.0f s | %.2f |\n\n",
		r.digests, r.digest.Seconds(), remindersBudget.Seconds(), r.digest.Seconds()/remindersBudget.Seconds())
	fmt.Fprintln(w, "| Seite | vorher p50 / p95 | während Prüfung und Übersicht p50 / p95 (Anfragen) | Budget p95 | Verhältnis |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|")
	for i, b := range r.busy {
		idle := r.idle[i]
		fmt.Fprintf(w, "| %s | %s / %s | %s / %s (%d) | ≤ %s | %.2f |\n", b.name,
			millis(idle.latency.P50), millis(idle.latency.P95), millis(b.latency.P50), millis(b.latency.P95),
			b.latency.N, millis(b.budget), float64(b.latency.P95)/float64(b.budget))
	}
	fmt.Fprintln(w)
}
