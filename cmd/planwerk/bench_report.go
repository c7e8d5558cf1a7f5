package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"time"

	"github.com/planwerk/planwerk/internal/benchstat"
)

// printBenchReport writes the results as markdown, ready for docs/benchmarks.md.
func printBenchReport(w io.Writer, opts benchOptions, pgVersion string, results []scaleResult) {
	fmt.Fprintf(w, "\n### Planwerk-Benchmark %s\n\n", time.Now().Format("2006-01-02 15:04"))
	fmt.Fprintf(w, "Rechner: %d CPU-Kerne (GOMAXPROCS %d), %s %s/%s, PostgreSQL %s.  \n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), runtime.GOOS, runtime.GOARCH, pgVersion)
	fmt.Fprintf(w, "Messung: je Seite %d Aufwärm- und %d gemessene Anfragen nacheinander, im Prozess durch den echten Handler.\n\n",
		max(20, opts.requests/10), opts.requests)

	fmt.Fprintln(w, "| Datensatz | Datenbank | Kommunen | Maßnahmen | Umsetzungen | Sachstandsmeldungen | Erzeugung |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---|")
	for _, r := range results {
		how := "wiederverwendet; Erzeugung dauerte %.1f s"
		if r.generated {
			how = "neu erzeugt in %.1f s"
		}
		fmt.Fprintf(w, "| %s | %s | %d | %d | %d | %d | "+how+" |\n", r.scale.label, r.scale.database,
			r.dataset.Municipalities, r.dataset.Measures, r.dataset.Implementations, r.dataset.ProgressUpdates,
			r.dataset.Generation().Seconds())
	}

	fmt.Fprintln(w, "\n| Datensatz | Seite | p50 | p95 | max | Budget p95 | p95 / Budget | SQL je Anfrage (min–max) | Antwort |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range results {
		for _, p := range r.pages {
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %.2f | %d–%d | %d KB |\n", r.scale.label, p.name,
				millis(p.latency.P50), millis(p.latency.P95), millis(p.latency.Max), millis(p.budget),
				benchstat.Ratio(p.latency.P95, p.budget), p.minQueries, p.maxQueries, (p.bytes+512)/1024)
		}
	}
	fmt.Fprintf(w, "\nSQL-Abfragen je Seite über die Datensätze: %s (Budget: konstant, ≤ %d).\n\n",
		queryCountSummary(results), maxQueriesPerPage)
	for _, r := range results {
		if r.writes != nil {
			printWriteReport(w, *r.writes)
		}
		if r.judgement != nil {
			printJudgementReport(w, *r.judgement)
		}
		if r.catalogue != nil {
			printCatalogueReport(w, *r.catalogue)
		}
		if r.freeze != nil {
			printFreezeReport(w, *r.freeze)
		}
		if r.report != nil {
			printReportFiles(w, *r.report)
		}
		if r.floor != nil {
			printFloorReport(w, *r.floor)
		}
		if r.browser != nil {
			printBrowserReport(w, *r.browser)
		}
		if r.reminders != nil {
			printRemindersReport(w, *r.reminders)
		}
	}
}

func millis(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

// queryCountSummary lists each page's query count at every scale, e.g.
// "Planübersicht 3 → 3".
func queryCountSummary(results []scaleResult) string {
	if len(results) == 0 {
		return ""
	}
	var parts []string
	for i, p := range results[0].pages {
		counts := make([]string, 0, len(results))
		for _, r := range results {
			counts = append(counts, fmt.Sprint(r.pages[i].maxQueries))
		}
		parts = append(parts, p.name+" "+strings.Join(counts, " → "))
	}
	return strings.Join(parts, "; ")
}

// checkQueryCounts holds every page to one query count on every request and
// at every scale, within the budget. Latencies are only reported: on a
// shared machine they are too noisy to fail on.
func checkQueryCounts(results []scaleResult) error {
	var problems []string
	for _, r := range results {
		for i, p := range r.pages {
			first := results[0].pages[i]
			switch {
			case p.minQueries != p.maxQueries:
				problems = append(problems, fmt.Sprintf("%s (%s): %d bis %d SQL-Abfragen je Anfrage", p.name, r.scale.label, p.minQueries, p.maxQueries))
			case p.maxQueries != first.maxQueries:
				problems = append(problems, fmt.Sprintf("%s: %d SQL-Abfragen (%s) statt %d (%s)", p.name, p.maxQueries, r.scale.label, first.maxQueries, results[0].scale.label))
			case p.maxQueries > maxQueriesPerPage:
				problems = append(problems, fmt.Sprintf("%s (%s): %d SQL-Abfragen, Budget %d", p.name, r.scale.label, p.maxQueries, maxQueriesPerPage))
			}
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("Abfragebudget verletzt: %s", strings.Join(problems, "; "))
	}
	return nil
}
