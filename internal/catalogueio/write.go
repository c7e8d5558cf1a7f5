package catalogueio

import (
	"encoding/csv"
	"io"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Sheet receives a file's rows one after the other; Close finishes the
// file. Neither writer holds the rows in memory: CSV goes straight to w,
// XLSX through excelize's stream writer.
type Sheet interface {
	Write(row []string) error
	Close() error
}

// NewCSV writes a CSV the way Excel in Germany opens it: UTF-8 with a byte
// order mark, semicolons, CRLF line ends; fields with a semicolon, quote or
// line break are quoted.
func NewCSV(w io.Writer) (Sheet, error) {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.Comma, cw.UseCRLF = ';', true
	return csvSheet{cw}, nil
}

type csvSheet struct{ w *csv.Writer }

func (s csvSheet) Write(row []string) error { return s.w.Write(row) }
func (s csvSheet) Close() error             { s.w.Flush(); return s.w.Error() }

// NewXLSX writes a workbook whose first sheet (named sheet) receives the
// rows, the first of them the header in bold and frozen. Every cell is text,
// so that codes such as 1.10 stay codes. extra adds further sheets (the
// template's explanation) before the workbook is written to w.
func NewXLSX(w io.Writer, sheet string, widths []float64, extra func(*excelize.File) error) (Sheet, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	return &xlsxSheet{f: f, sw: sw, out: w, bold: bold, extra: extra}, nil
}

type xlsxSheet struct {
	f     *excelize.File
	sw    *excelize.StreamWriter
	out   io.Writer
	row   int
	bold  int
	extra func(*excelize.File) error
}

func (s *xlsxSheet) Write(row []string) error {
	s.row++
	cells := make([]any, len(row))
	for i, v := range row {
		if !utf8.ValidString(v) {
			v = string([]rune(v)) // replaces broken bytes; excelize refuses them
		}
		c := excelize.Cell{Value: v}
		if s.row == 1 {
			c.StyleID = s.bold
		}
		cells[i] = c
	}
	cell, err := excelize.CoordinatesToCellName(1, s.row)
	if err != nil {
		return err
	}
	return s.sw.SetRow(cell, cells)
}

func (s *xlsxSheet) Close() error {
	if err := s.sw.Flush(); err != nil {
		return err
	}
	if s.extra != nil {
		if err := s.extra(s.f); err != nil {
			return err
		}
	}
	if err := s.f.Write(s.out); err != nil {
		return err
	}
	return s.f.Close()
}

// CatalogueWidths and StateWidths are the columns' widths in the XLSX files.
var (
	CatalogueWidths = []float64{16, 14, 14, 60, 80, 12, 10}
	StateWidths     = []float64{16, 14, 50, 18, 40, 16, 30, 12, 12, 30, 12, 12}
)
