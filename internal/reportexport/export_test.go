package reportexport_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/reportexport"
)

func texts(id string, _ ...any) string { return id }

func date(t time.Time) string { return t.Format("02.01.2006") }

// Text a spreadsheet would run as a formula is written as text in both files.
func TestExportsNeutraliseFormulas(t *testing.T) {
	due := time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)
	at := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	fr := domain.FrozenReport{
		Report: domain.Report{ID: 1, Title: "=Titel", State: domain.ReportFrozen, FrozenAt: &at},
		Fields: []domain.ActionField{{ID: 1, Code: "1", Title: "Sprache"}},
		Rows: []domain.ReportRow{{FieldID: 1, FieldCode: "1", FieldTitle: "Sprache", OrgName: "@Dülmen",
			MeasureTitle: `=HYPERLINK("http://x","klick")`, LastReportText: "-2+3", Relevance: domain.RelevanceRelevant,
			Status: domain.StatusInProgress, Progress: 40, DueOn: &due}},
	}
	for in, want := range map[string]string{"=1+1": "'=1+1", "+49": "'+49", "-1": "'-1", "@SUM": "'@SUM",
		"\tx": "'\tx", "\rx": "'\rx", "Dülmen": "Dülmen", "": ""} {
		if got := reportexport.Safe(in); got != want {
			t.Errorf("Safe(%q) = %q, want %q", in, got, want)
		}
	}
	data, err := reportexport.CSV(fr, texts)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Join(recs[1], "|")
	for _, want := range []string{`'=HYPERLINK`, "'@Dülmen", "'-2+3", "30.09.2026", "|40|"} {
		if !strings.Contains(line, want) {
			t.Errorf("CSV row %q lacks %q", line, want)
		}
	}
	book, err := reportexport.XLSX(fr, nil, texts, date)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[len(f.GetSheetList())-1]
	for cell, want := range map[string]string{"D2": `'=HYPERLINK("http://x","klick")`, "F2": "'@Dülmen", "P2": "'-2+3"} {
		if got, _ := f.GetCellValue(sheet, cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
		if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
			t.Errorf("%s holds a formula %q", cell, formula)
		}
	}
	if title, _ := f.GetCellValue(f.GetSheetList()[0], "A1"); title != "'=Titel" {
		t.Errorf("summary title = %q", title)
	}
}
