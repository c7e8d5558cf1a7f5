package server

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/xuri/excelize/v2"

	"github.com/planwerk/planwerk/internal/domain"
)

// monitoringTable is the matrix as a flat table, the same for CSV and XLSX:
// one line per organisation and action field, in the page's order.
type monitoringTable struct {
	Header []string
	Rows   [][]any // two texts, then one int per metric
}

func monitoringTableOf(tr translator, m domain.MonitoringMatrix) monitoringTable {
	t := monitoringTable{Header: []string{tr.T("monitoring.export.org"), tr.T("monitoring.export.field")}}
	for _, metric := range domain.MonitoringMetrics {
		t.Header = append(t.Header, tr.T("monitoring.export."+metric.Key))
	}
	for _, r := range m.Rows() {
		org := r.Org.Name
		if r.Org.Kind == domain.OrgCounty {
			org += " " + tr.T("monitoring.row.county")
		}
		for i, c := range r.Cells {
			line := []any{neutralised(org), neutralised(m.Fields[i].Code + " " + m.Fields[i].Title)}
			for _, metric := range domain.MonitoringMetrics {
				line = append(line, metric.Of(c.MonitoringCounts))
			}
			t.Rows = append(t.Rows, line)
		}
	}
	return t
}

// neutralised keeps a spreadsheet from reading text as a formula: names and
// titles come from users, and a leading = + - @ (or tab, carriage return)
// would make Excel or LibreOffice evaluate them. A leading apostrophe is
// the convention both show as text.
func neutralised(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// monitoringCSV sends the matrix as CSV the way Excel in Germany opens it:
// UTF-8 with a byte order mark, semicolons, CRLF line ends.
func (s *Server) monitoringCSV(c *gin.Context) {
	m, _, _, ok := s.loadMonitoring(c)
	if !ok {
		return
	}
	t := monitoringTableOf(s.translatorFor(c.Request), m)
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.Comma, w.UseCRLF = ';', true
	_ = w.Write(t.Header)
	for _, r := range t.Rows {
		line := make([]string, len(r))
		for i, v := range r {
			line[i] = fmt.Sprint(v)
		}
		_ = w.Write(line)
	}
	w.Flush()
	s.sendMonitoringFile(c, "text/csv; charset=utf-8", s.monitoringFileName(c, "csv"), buf.Bytes())
}

// monitoringXLSX sends the matrix as an Excel workbook: header row frozen,
// autofilter on, column widths set, figures as numbers.
func (s *Server) monitoringXLSX(c *gin.Context) {
	m, _, _, ok := s.loadMonitoring(c)
	if !ok {
		return
	}
	tr := s.translatorFor(c.Request)
	b, err := monitoringWorkbook(tr.T("monitoring.export.sheet"), monitoringTableOf(tr, m))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.sendMonitoringFile(c, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", s.monitoringFileName(c, "xlsx"), b)
}

func monitoringWorkbook(sheet string, t monitoringTable) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	rows := append([][]any{toAny(t.Header)}, t.Rows...)
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			return nil, err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(t.Header), len(rows))
	lastCol, _ := excelize.ColumnNumberToName(len(t.Header))
	steps := []error{
		f.SetColWidth(sheet, "A", "A", 28),
		f.SetColWidth(sheet, "B", "B", 40),
		f.SetColWidth(sheet, "C", lastCol, 16),
		f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}),
		f.AutoFilter(sheet, "A1:"+last, nil),
	}
	for _, err := range steps {
		if err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// monitoringFileName names a download after the plan and the day.
func (s *Server) monitoringFileName(c *gin.Context, ext string) string {
	return fmt.Sprintf("monitoring-%s-%s.%s", scopeOf(c).Plan.Slug, s.opts.Now().Format("2006-01-02"), ext)
}

// sendMonitoringFile answers a file to be saved, not shown; the name is built from
// a slug and a date only, so it needs no quoting beyond the quotes.
func (s *Server) sendMonitoringFile(c *gin.Context, contentType, name string, body []byte) {
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, contentType, body)
}
