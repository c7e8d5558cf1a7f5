package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
	reportsvc "github.com/planwerk/planwerk/internal/service/report"
)

// freezeBudget is the budget for freezing a report at Land scale.
const freezeBudget = 5 * time.Second

// freezeResult is one report frozen: how many implementations its snapshot
// holds and how long the freezing took.
type freezeResult struct {
	rows    int
	elapsed time.Duration
}

// measureFreeze drafts a report of the bench plan covering every
// organisation and kind of measure and freezes it through the report
// service, as the KI does; only the freezing is timed. The frozen report
// stays in the bench database: nothing may delete a frozen report.
func measureFreeze(ctx context.Context, db *postgres.DB) (freezeResult, error) {
	plan, err := db.FindPlanBySlug(ctx, postgres.BenchPlanSlug)
	if err != nil {
		return freezeResult{}, err
	}
	svc := reportsvc.New(db, nil)
	sc := domain.PlanScope{Plan: plan}
	choices, err := svc.Choices(ctx, sc)
	if err != nil {
		return freezeResult{}, err
	}
	draft, err := svc.Proposal(ctx, sc, choices)
	if err != nil {
		return freezeResult{}, err
	}
	draft.Title = "Benchmark " + time.Now().Format(time.DateTime)
	draft, err = svc.Create(ctx, domain.Actor{Name: "bench"}, sc, draft)
	if err != nil {
		return freezeResult{}, err
	}
	began := time.Now()
	n, err := svc.Freeze(ctx, domain.Actor{Name: "bench"}, sc, draft.ID, draft.Version)
	return freezeResult{rows: n, elapsed: time.Since(began)}, err
}

func printFreezeReport(w io.Writer, r freezeResult) {
	fmt.Fprintln(w, "| Bericht einfrieren | Umsetzungen im Schnappschuss | Dauer | Budget | Verhältnis |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|")
	fmt.Fprintf(w, "| alle Kommunen, alle Arten | %d | %.2f s | ≤ %.0f s | %.2f |\n\n",
		r.rows, r.elapsed.Seconds(), freezeBudget.Seconds(), r.elapsed.Seconds()/freezeBudget.Seconds())
}
