// Package reportexport writes a frozen committee report as data: an XLSX
// workbook (summary, one sheet per action field, all rows), a CSV of the
// same rows as Excel in Germany opens it, and the council information system
// bundle (PDF, XLSX and an OParl-shaped description in one ZIP). Texts come
// from the caller in the reader's language; this package decides no wording.
package reportexport

import (
	"strings"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// Texts translates a message id with name/value arguments (web/locales).
type Texts func(id string, args ...any) string

// kind is how a column's cells are written.
type kind int

const (
	text kind = iota
	number
	date
)

// column is one column of the data sheet and the CSV.
type column struct {
	key   string // message id of the heading
	kind  kind
	width float64 // in characters, for the XLSX
	value func(t Texts, r domain.ReportRow) any
}

// columns are the columns of every row, in order; the XLSX data sheet, the
// field sheets and the CSV share them.
var columns = []column{
	{"exports.col.field", text, 28, func(_ Texts, r domain.ReportRow) any { return r.FieldCode + " " + r.FieldTitle }},
	{"exports.col.goal", text, 28, func(_ Texts, r domain.ReportRow) any { return r.GoalCode + " " + r.GoalTitle }},
	{"exports.col.measureCode", text, 10, func(_ Texts, r domain.ReportRow) any { return r.MeasureCode }},
	{"exports.col.measure", text, 40, func(_ Texts, r domain.ReportRow) any { return r.MeasureTitle }},
	{"exports.col.scope", text, 14, func(t Texts, r domain.ReportRow) any { return t("scope." + string(r.MeasureScope)) }},
	{"exports.col.org", text, 22, func(_ Texts, r domain.ReportRow) any { return r.OrgName }},
	{"exports.col.state", text, 16, func(t Texts, r domain.ReportRow) any { return t("state." + StateName(r)) }},
	{"exports.col.progressPercent", number, 12, func(_ Texts, r domain.ReportRow) any { return r.Progress }},
	{"exports.col.start", date, 12, func(_ Texts, r domain.ReportRow) any { return r.StartOn }},
	{"exports.col.dueDate", date, 12, func(_ Texts, r domain.ReportRow) any { return r.DueOn }},
	{"exports.col.firstDue", date, 12, func(_ Texts, r domain.ReportRow) any { return r.FirstDueOn }},
	{"exports.col.postponements", number, 12, func(_ Texts, r domain.ReportRow) any { return r.Postponements }},
	{"exports.col.overdue", text, 11, func(t Texts, r domain.ReportRow) any { return yesNo(t, r.Overdue) }},
	{"exports.col.stale", text, 11, func(t Texts, r domain.ReportRow) any { return yesNo(t, r.Stale) }},
	{"exports.col.latestOn", date, 12, func(_ Texts, r domain.ReportRow) any { return r.LastReportOn }},
	{"exports.col.latestText", text, 60, func(_ Texts, r domain.ReportRow) any { return r.LastReportText }},
}

// StateName is a row's state: its status when relevant, else its relevance.
func StateName(r domain.ReportRow) string {
	if r.Relevance == domain.RelevanceRelevant && r.Status != "" {
		return string(r.Status)
	}
	return string(r.Relevance)
}

func yesNo(t Texts, b bool) string {
	if b {
		return t("exports.yes")
	}
	return t("exports.no")
}

// header is the headings of the columns.
func header(t Texts) []string {
	out := make([]string, len(columns))
	for i, c := range columns {
		out[i] = t(c.key)
	}
	return out
}

// Safe neutralises text a spreadsheet would take for a formula (=, +, -, @
// or a leading tab or carriage return): it is prefixed with an apostrophe,
// which Excel and LibreOffice show as text.
func Safe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// germanDate is DD.MM.YYYY, as the CSV writes dates.
func germanDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("02.01.2006")
}
