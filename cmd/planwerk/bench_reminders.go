package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/planwerk/planwerk/internal/mailer"
	"github.com/planwerk/planwerk/internal/mailtext"
	"github.com/planwerk/planwerk/internal/postgres"
	"github.com/planwerk/planwerk/internal/service/notify"
)

// remindersBudget is the budget for the daily reminder scan and
// for the weekly digest at Land scale, each.
const remindersBudget = 60 * time.Second

// remindersResult: the scan (reminders written, then mails stored with
// their delivery jobs, in batches of 500 notifications), the digest, and
// the workspace page measured while both ran.
type remindersResult struct {
	reminders, scanMails int
	scan                 time.Duration
	digests              int
	digest               time.Duration
	page                 pageResult
}

// measureReminders runs the scan and the digest as their jobs do (into the
// outbox: no mail leaves), while the workspace page is requested over and
// over; the page's figures are those under that load.
func measureReminders(ctx context.Context, app *benchApp, db *postgres.DB, requests int) (remindersResult, error) {
	var r remindersResult
	if err := db.PrepareBenchMail(ctx); err != nil {
		return r, err
	}
	composer, err := mailtext.New("https://planwerk.example")
	if err != nil {
		return r, err
	}
	svc := notify.New(db, composer, mailer.Outbox{}, time.Now, nil)
	pages, err := benchPages(ctx, db)
	if err != nil {
		return r, err
	}
	workspace := pages[0]
	for _, p := range pages {
		if strings.HasPrefix(p.name, "Arbeitsbereich `") {
			workspace = p
		}
	}
	done := make(chan error, 1)
	go func() {
		began := time.Now()
		n, err := svc.ScanReminders(ctx)
		if err == nil {
			r.reminders = n
			r.scanMails, err = svc.Dispatch(ctx)
		}
		r.scan = time.Since(began)
		if err == nil {
			began = time.Now()
			r.digests, err = svc.QueueDigests(ctx)
			r.digest = time.Since(began)
		}
		done <- err
	}()
	r.page, err = measurePage(ctx, app, workspace, requests)
	if err != nil {
		return r, err
	}
	return r, <-done
}

func printRemindersReport(w io.Writer, r remindersResult) {
	fmt.Fprintln(w, "| Erinnerungen und Wochenübersicht | Ergebnis | Dauer | Budget | Verhältnis |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|")
	fmt.Fprintf(w, "| tägliche Prüfung: Erinnerungen schreiben, E-Mails einreihen | %d Erinnerungen, %d E-Mails | %.1f s | ≤ %.0f s | %.2f |\n",
		r.reminders, r.scanMails, r.scan.Seconds(), remindersBudget.Seconds(), r.scan.Seconds()/remindersBudget.Seconds())
	fmt.Fprintf(w, "| Wochenübersicht je Person | %d E-Mails | %.1f s | ≤ %.0f s | %.2f |\n",
		r.digests, r.digest.Seconds(), remindersBudget.Seconds(), r.digest.Seconds()/remindersBudget.Seconds())
	fmt.Fprintf(w, "| %s währenddessen (p50 / p95) | %s / %s | | ≤ %s | %.2f |\n\n", r.page.name,
		millis(r.page.latency.P50), millis(r.page.latency.P95), millis(r.page.budget),
		float64(r.page.latency.P95)/float64(r.page.budget))
}
