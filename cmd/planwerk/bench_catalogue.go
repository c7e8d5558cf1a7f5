package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/planwerk/planwerk/internal/catalogueio"
	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/postgres"
	catalogsvc "github.com/planwerk/planwerk/internal/service/catalogue"
)

// The budgets for the catalogue's files at Land scale.
const (
	importDryRunBudget = 5 * time.Second
	importApplyBudget  = 10 * time.Second
	importRSSBudget    = 150 << 20
	stateExportBudget  = 10 * time.Second
)

// catalogueResult is the import of a catalogue into an empty plan of the
// bench county, and the export of the bench plan's implementation states.
type catalogueResult struct {
	rows, implementations int
	dryRun, apply         time.Duration
	peakRSS               int64
	exportRows            int
	exportBytes           int64
	export                time.Duration
}

// measureCatalogue imports a catalogue of the given number of measures (10
// action fields, 3 goals each) as an XLSX through the catalogue service,
// dry run and apply timed apart, sampling the process's memory meanwhile;
// then exports every implementation state of the bench plan as XLSX. The
// import plan is deleted again: the bench dataset stays as generated.
func measureCatalogue(ctx context.Context, db *postgres.DB, measures int) (catalogueResult, error) {
	var r catalogueResult
	plan, userID, err := db.ResetBenchImportPlan(ctx)
	if err != nil {
		return r, err
	}
	defer func() { _ = db.DropBenchImportPlan(context.WithoutCancel(ctx)) }()
	file, rows, err := benchCatalogueFile(measures)
	if err != nil {
		return r, err
	}
	r.rows = rows
	svc := catalogsvc.New(db, nil)
	actor := domain.Actor{ID: userID, Name: "Benchmark"}
	req := catalogsvc.ImportRequest{Plan: plan, Org: domain.Organisation{ID: plan.OwnerID, Kind: domain.OrgCounty},
		Kind: catalogueio.KindCatalogue}
	rss := sampleRSS(20 * time.Millisecond)
	began := time.Now()
	up, err := svc.DryRun(ctx, actor, req, "katalog.xlsx", file, catalogueio.EncodingAuto)
	r.dryRun = time.Since(began)
	if err == nil && up.Refused > 0 {
		err = fmt.Errorf("%d Zeilen abgelehnt, erste: %+v", up.Refused, up.Rows[0])
	}
	if err != nil {
		rss.Stop()
		return r, err
	}
	began = time.Now()
	_, err = svc.Apply(ctx, actor, req, up.Token, up.Digest)
	r.apply = time.Since(began)
	r.peakRSS = rss.Stop()
	if err != nil {
		return r, err
	}
	tree, err := svc.Tree(ctx, plan)
	for _, f := range tree {
		for _, g := range f.Children {
			for _, m := range g.Children {
				r.implementations += m.Implementations
			}
		}
	}
	if err != nil {
		return r, err
	}
	return r, measureStateExport(ctx, db, svc, &r)
}

// measureStateExport writes the bench plan's implementation states as XLSX
// through the stream writer, to nowhere, counting rows and bytes.
func measureStateExport(ctx context.Context, db *postgres.DB, svc *catalogsvc.Service, r *catalogueResult) error {
	plan, err := db.FindPlanBySlug(ctx, postgres.BenchPlanSlug)
	if err != nil {
		return err
	}
	out := &countingWriter{}
	began := time.Now()
	sheet, err := catalogueio.NewXLSX(out, string(catalogueio.KindStates), catalogueio.StateWidths, nil)
	if err != nil {
		return err
	}
	if err := sheet.Write(catalogueio.StateColumns); err != nil {
		return err
	}
	err = svc.States(ctx, plan, 0, func(s domain.ImplementationState) error {
		r.exportRows++
		return sheet.Write(catalogueio.StateRecord(s))
	})
	if err == nil {
		err = sheet.Close()
	}
	r.export, r.exportBytes = time.Since(began), out.n
	return err
}

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// benchCatalogueFile is a catalogue as an XLSX: 10 action fields of 3
// goals, the measures spread over the goals, every third county-wide.
func benchCatalogueFile(measures int) ([]byte, int, error) {
	var buf bytes.Buffer
	sheet, err := catalogueio.NewXLSX(&buf, "Katalog", catalogueio.CatalogueWidths, nil)
	if err != nil {
		return nil, 0, err
	}
	rows := [][]string{catalogueio.CatalogueColumns}
	for f := 1; f <= 10; f++ {
		fc := strconv.Itoa(f)
		rows = append(rows, []string{"Handlungsfeld", fc, "", "Handlungsfeld " + fc, "", "", ""})
		for g := 1; g <= 3; g++ {
			gc := fc + "." + strconv.Itoa(g)
			rows = append(rows, []string{"Ziel", gc, fc, "Ziel " + gc, "", "", ""})
		}
	}
	for m := range measures {
		gc := strconv.Itoa(m%10+1) + "." + strconv.Itoa(m/10%3+1)
		scope := "kommunal"
		if m%3 == 2 {
			scope = "kreisweit"
		}
		rows = append(rows, []string{"Maßnahme", gc + "." + strconv.Itoa(m+1), gc, "Maßnahme " + strconv.Itoa(m+1),
			strings.Repeat("Beschreibung. ", 20), scope, ""})
	}
	for _, row := range rows {
		if err := sheet.Write(row); err != nil {
			return nil, 0, err
		}
	}
	if err := sheet.Close(); err != nil {
		return nil, 0, err
	}
	return buf.Bytes(), len(rows) - 1, nil
}

func printCatalogueReport(w io.Writer, r catalogueResult) {
	fmt.Fprintln(w, "| Katalog-Import und Export | Umfang | Dauer | Budget | Verhältnis |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|")
	fmt.Fprintf(w, "| Import prüfen (XLSX) | %d Zeilen | %.2f s | ≤ %.0f s | %.2f |\n", r.rows, r.dryRun.Seconds(),
		importDryRunBudget.Seconds(), r.dryRun.Seconds()/importDryRunBudget.Seconds())
	fmt.Fprintf(w, "| Import übernehmen | %d Umsetzungen angelegt | %.2f s | ≤ %.0f s | %.2f |\n", r.implementations,
		r.apply.Seconds(), importApplyBudget.Seconds(), r.apply.Seconds()/importApplyBudget.Seconds())
	fmt.Fprintf(w, "| Speicher (RSS, Spitze) beim Import | | %.0f MB | ≤ %d MB | %.2f |\n", float64(r.peakRSS)/(1<<20),
		importRSSBudget>>20, float64(r.peakRSS)/importRSSBudget)
	fmt.Fprintf(w, "| Umsetzungsstände als XLSX (Stream) | %d Zeilen, %.1f MB | %.2f s | ≤ %.0f s | %.2f |\n\n", r.exportRows,
		float64(r.exportBytes)/(1<<20), r.export.Seconds(), stateExportBudget.Seconds(), r.export.Seconds()/stateExportBudget.Seconds())
}
