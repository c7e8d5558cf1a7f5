package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/planwerk/planwerk/internal/benchstat"
	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
)

// judgementRuns is how often the whole-plan judgement is timed.
const judgementRuns = 5

// measureJudgement times judging the bench plan's monitoring cells afresh:
// what the first read of a day (or of a plan after its catalogue was
// regrouped) costs on top of the page, as the monitoring page's own
// measurement only sees days already judged. Each run judges another day,
// so none is skipped as already done.
func measureJudgement(ctx context.Context, db *postgres.DB) (benchstat.Summary, error) {
	plan, err := db.FindPlanBySlug(ctx, postgres.BenchPlanSlug)
	if err != nil {
		return benchstat.Summary{}, err
	}
	runs := make([]time.Duration, 0, judgementRuns)
	for i := range judgementRuns {
		day := domain.MonitoringDayOf(time.Now().AddDate(0, 0, 1+i), plan.UpdateIntervalDays)
		began := time.Now()
		if err := db.JudgeMonitoring(ctx, plan.ID, day); err != nil {
			return benchstat.Summary{}, err
		}
		runs = append(runs, time.Since(began))
	}
	// The page measured next must find today judged again.
	return benchstat.Summarise(runs), db.JudgeMonitoring(ctx, plan.ID, domain.MonitoringDayOf(time.Now(), plan.UpdateIntervalDays))
}

func printJudgementReport(w io.Writer, s benchstat.Summary) {
	fmt.Fprintln(w, "| Monitoring neu beurteilen (erster Aufruf eines Tages) | Median | max |")
	fmt.Fprintln(w, "|---|---:|---:|")
	fmt.Fprintf(w, "| alle Zellen des Plans, %d Läufe | %.0f ms | %.0f ms |\n\n", judgementRuns,
		float64(s.P50.Microseconds())/1000, float64(s.Max.Microseconds())/1000)
}
