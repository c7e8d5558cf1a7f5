package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/planwerk/planwerk/internal/benchstat"
	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
	reportsvc "github.com/planwerk/planwerk/internal/service/report"
)

// The budgets for a county's frozen report: its page, its PDF and
// its XLSX.
const (
	reportPageBudget = 100 * time.Millisecond
	reportPDFBudget  = 10 * time.Second
	reportXLSXBudget = 3 * time.Second
	// countyReportTowns is how many towns of the Land dataset the county-scale
	// report covers, with the county office: 3 × 300 measures give about as
	// many implementations (≈ 900) as the demo county's report (≈ 750).
	countyReportTowns = 3
	// reportFileRuns is how often each download is made; the median counts.
	reportFileRuns = 5
)

type reportFilesResult struct {
	rows      int
	page      pageResult
	pdf, xlsx benchstat.Summary
	pdfNote   string // why the PDF was not measured, if it was not
}

// measureCountyReport freezes a county-sized report of the bench plan and
// measures its page (like every page), then its XLSX and PDF downloads
// through the real server, as a committee member gets them.
func measureCountyReport(ctx context.Context, app *benchApp, db *postgres.DB, requests int) (reportFilesResult, error) {
	var res reportFilesResult
	plan, err := db.FindPlanBySlug(ctx, postgres.BenchPlanSlug)
	if err != nil {
		return res, err
	}
	svc := reportsvc.New(db, nil)
	sc := domain.PlanScope{Plan: plan}
	choices, err := svc.Choices(ctx, sc)
	if err != nil {
		return res, err
	}
	draft, err := svc.Proposal(ctx, sc, choices)
	if err != nil {
		return res, err
	}
	if len(draft.IncludedOrgIDs) > countyReportTowns+1 {
		draft.IncludedOrgIDs = draft.IncludedOrgIDs[:countyReportTowns+1] // the county office comes first
	}
	draft.Title = "Benchmark Landkreis " + time.Now().Format(time.DateTime)
	if draft, err = svc.Create(ctx, domain.Actor{Name: "bench"}, sc, draft); err != nil {
		return res, err
	}
	if res.rows, err = svc.Freeze(ctx, domain.Actor{Name: "bench"}, sc, draft.ID, draft.Version); err != nil {
		return res, err
	}
	base := fmt.Sprintf("/plaene/%s/berichte/%d", plan.Slug, draft.ID)
	res.page, err = measurePage(ctx, app, benchPage{name: "Eingefrorener Bericht `/plaene/:plan/berichte/:id`",
		budget: reportPageBudget, path: func(int) string { return base }}, requests)
	if err != nil {
		return res, err
	}
	if res.xlsx, err = timeDownload(ctx, app, base+"/bericht.xlsx"); err != nil {
		return res, err
	}
	if app.pdf == nil {
		res.pdfNote = "kein Chromium gefunden (PLANWERK_CHROMIUM)"
		return res, nil
	}
	// A PDF that cannot be printed (Chromium missing its deadline on a
	// loaded machine) is reported, not fatal: the other figures stand.
	if res.pdf, err = timeDownload(ctx, app, base+"/bericht.pdf"); err != nil {
		res.pdfNote = err.Error()
	}
	return res, nil
}

// timeDownload fetches path reportFileRuns times after one warm-up (the PDF's
// first run starts Chromium).
func timeDownload(ctx context.Context, app *benchApp, path string) (benchstat.Summary, error) {
	if _, _, _, err := benchRequest(ctx, app, path); err != nil {
		return benchstat.Summary{}, err
	}
	ds := make([]time.Duration, 0, reportFileRuns)
	for range reportFileRuns {
		d, _, _, err := benchRequest(ctx, app, path)
		if err != nil {
			return benchstat.Summary{}, err
		}
		ds = append(ds, d)
	}
	return benchstat.Summarise(ds), nil
}

func printReportFiles(w io.Writer, r reportFilesResult) {
	fmt.Fprintf(w, "Eingefrorener Bericht in Landkreis-Größe (Kreisverwaltung und %d Kommunen, %d Umsetzungen):\n\n",
		countyReportTowns, r.rows)
	fmt.Fprintln(w, "| Messung | p50 | p95 | max | Budget | Verhältnis | SQL | Größe |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|")
	p := r.page
	fmt.Fprintf(w, "| Seite (p95) | %s | %s | %s | ≤ %s | %.2f | %d–%d | %d kB |\n", millis(p.latency.P50), millis(p.latency.P95),
		millis(p.latency.Max), millis(p.budget), benchstat.Ratio(p.latency.P95, p.budget), p.minQueries, p.maxQueries, p.bytes/1024)
	fmt.Fprintf(w, "| XLSX (Median von %d) | %s | %s | %s | ≤ %s | %.2f | | |\n", r.xlsx.N, millis(r.xlsx.P50), millis(r.xlsx.P95),
		millis(r.xlsx.Max), millis(reportXLSXBudget), benchstat.Ratio(r.xlsx.P50, reportXLSXBudget))
	if r.pdfNote != "" {
		fmt.Fprintf(w, "| PDF | – | – | – | ≤ %s | – | %s | |\n\n", millis(reportPDFBudget), r.pdfNote)
		return
	}
	fmt.Fprintf(w, "| PDF (Median von %d) | %s | %s | %s | ≤ %s | %.2f | | |\n\n", r.pdf.N, millis(r.pdf.P50), millis(r.pdf.P95),
		millis(r.pdf.Max), millis(reportPDFBudget), benchstat.Ratio(r.pdf.P50, reportPDFBudget))
}
