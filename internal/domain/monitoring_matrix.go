package domain

import "sort"

// MonitoringSort is an order of the matrix's municipalities.
type MonitoringSort string

const (
	// SortByAttention puts the towns with the highest attention score
	// (MonitoringCounts.Attention) first; ties in order of name.
	SortByAttention MonitoringSort = "attention"
	// SortByName lists the towns by name.
	SortByName MonitoringSort = "name"
)

// MonitoringSorts lists the orders the matrix offers, the default first.
var MonitoringSorts = []MonitoringSort{SortByAttention, SortByName}

// MonitoringFigures are a cell's or a total's counts with their change
// since the baseline report (nil: nothing to compare with).
type MonitoringFigures struct {
	MonitoringCounts
	Change *MonitoringChange
}

// add adds o's counts and, where o has one, its change.
func (f *MonitoringFigures) add(o MonitoringFigures) {
	f.MonitoringCounts.Add(o.MonitoringCounts)
	if o.Change == nil {
		return
	}
	if f.Change == nil {
		f.Change = &MonitoringChange{}
	}
	f.Change.Relevant += o.Change.Relevant
	f.Change.Completed += o.Change.Completed
}

// MonitoringRow is one organisation's line of the matrix: a cell per action
// field (in the order of MonitoringMatrix.Fields) and their sum.
type MonitoringRow struct {
	Org   Organisation
	Cells []MonitoringFigures
	Total MonitoringFigures
}

// MonitoringMatrix is the KI's overview of a plan across its organisations:
// the municipalities in the requested order, then the county office's own
// row, and the totals per action field and overall (both include the county
// office).
type MonitoringMatrix struct {
	Fields       []MonitoringField
	Towns        []MonitoringRow
	County       *MonitoringRow // nil when the county office has no row
	ColumnTotals []MonitoringFigures
	Total        MonitoringFigures
	Baseline     *MonitoringBaseline
	Sort         MonitoringSort
}

// Rows lists every row in display order: the towns, then the county office.
func (m MonitoringMatrix) Rows() []MonitoringRow {
	if m.County == nil {
		return m.Towns
	}
	return append(append([]MonitoringRow(nil), m.Towns...), *m.County)
}

// BuildMonitoring arranges the store's cells into the matrix; d.Orgs come in
// order of name, countyID names the county office. The county office's row
// stays last whatever the order: it is the KI's own work, not a town's.
func BuildMonitoring(d MonitoringData, countyID int64, order MonitoringSort) MonitoringMatrix {
	m := MonitoringMatrix{Fields: d.Fields, Baseline: d.Baseline, Sort: order,
		ColumnTotals: make([]MonitoringFigures, len(d.Fields))}
	column := map[int64]int{}
	for i, f := range d.Fields {
		column[f.ID] = i
	}
	rowOf := map[int64]*MonitoringRow{}
	rows := make([]MonitoringRow, len(d.Orgs))
	for i, o := range d.Orgs {
		rows[i] = MonitoringRow{Org: o, Cells: make([]MonitoringFigures, len(d.Fields))}
		rowOf[o.ID] = &rows[i]
	}
	for _, c := range d.Cells {
		r, ok := rowOf[c.OrgID]
		col, known := column[c.FieldID]
		if !ok || !known {
			continue
		}
		fig := MonitoringFigures{MonitoringCounts: c.MonitoringCounts, Change: c.Change}
		r.Cells[col] = fig
		r.Total.add(fig)
		m.ColumnTotals[col].add(fig)
		m.Total.add(fig)
	}
	for i := range rows {
		if rows[i].Org.ID == countyID {
			m.County = &rows[i]
			continue
		}
		m.Towns = append(m.Towns, rows[i])
	}
	if order == SortByAttention {
		sort.SliceStable(m.Towns, func(i, j int) bool {
			return m.Towns[i].Total.Attention() > m.Towns[j].Total.Attention()
		})
	}
	return m
}
