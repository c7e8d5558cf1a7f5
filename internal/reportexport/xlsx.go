package reportexport

import (
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planwerk/planwerk/internal/domain"
)

// XLSX writes the report as a workbook: a summary sheet (with the
// comparison's counts when cmp is given), one sheet per action field and a
// data sheet of all rows. Row sheets have their header frozen, a filter on
// and set column widths; dates are real dates shown as DD.MM.YYYY.
func XLSX(fr domain.FrozenReport, cmp *domain.ReportComparison, t Texts, date func(time.Time) string) ([]byte, error) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	w, err := newWorkbook(f)
	if err != nil {
		return nil, err
	}
	summary := sheetName(t("exports.sheet.summary"), nil)
	if err := f.SetSheetName("Sheet1", summary); err != nil {
		return nil, err
	}
	if err := w.summary(summary, fr, cmp, t, date); err != nil {
		return nil, err
	}
	byField := map[int64][]domain.ReportRow{}
	for _, r := range fr.Rows {
		byField[r.FieldID] = append(byField[r.FieldID], r)
	}
	used := map[string]bool{summary: true}
	for _, fd := range fr.Fields {
		if rows := byField[fd.ID]; len(rows) > 0 {
			name := sheetName(t("exports.sheet.field", "Code", fd.Code, "Title", fd.Title), used)
			if err := w.rows(name, rows, t); err != nil {
				return nil, err
			}
		}
	}
	if err := w.rows(sheetName(t("exports.sheet.data"), used), fr.Rows, t); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type workbook struct {
	f                *excelize.File
	bold, dateFormat int
}

func newWorkbook(f *excelize.File) (workbook, error) {
	w := workbook{f: f}
	var err error
	if w.bold, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return w, err
	}
	germanDate := "DD.MM.YYYY"
	w.dateFormat, err = f.NewStyle(&excelize.Style{CustomNumFmt: &germanDate})
	return w, err
}

// rows writes a sheet of rows with every column.
func (w workbook) rows(sheet string, rows []domain.ReportRow, t Texts) error {
	f := w.f
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	head := header(t)
	if err := f.SetSheetRow(sheet, "A1", &head); err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(len(columns))
	if err := f.SetCellStyle(sheet, "A1", last+"1", w.bold); err != nil {
		return err
	}
	line := make([]any, len(columns))
	for i, r := range rows {
		for j, c := range columns {
			line[j] = cellValue(c.value(t, r))
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(sheet, cell, &line); err != nil {
			return err
		}
	}
	for j, c := range columns {
		col, _ := excelize.ColumnNumberToName(j + 1)
		if err := f.SetColWidth(sheet, col, col, c.width); err != nil {
			return err
		}
		if c.kind == date && len(rows) > 0 {
			if err := f.SetCellStyle(sheet, col+"2", col+itoa(len(rows)+1), w.dateFormat); err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return f.AutoFilter(sheet, "A1:"+last+itoa(max(len(rows), 1)+1), nil)
}

// cellValue makes a column's value a cell: text neutralised, dates as
// dates, a missing date as an empty cell.
func cellValue(v any) any {
	switch v := v.(type) {
	case string:
		return Safe(v)
	case *time.Time:
		if v == nil {
			return nil
		}
		return *v
	}
	return v
}

// sheetName makes a valid, unused sheet name: at most 31 characters,
// none of : \ / ? * [ ].
func sheetName(s string, used map[string]bool) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '-'
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 31 {
		s = strings.TrimSpace(string(r[:30])) + "…"
	}
	for n := 2; used[s]; n++ {
		suffix := " (" + itoa(n) + ")"
		r := []rune(s)
		s = string(r[:min(len(r), 31-len(suffix))]) + suffix
	}
	if used != nil {
		used[s] = true
	}
	return s
}
