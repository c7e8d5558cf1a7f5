package server

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/planwerk/planwerk/internal/domain"
)

// reportData is what the report page and its print document show: the
// frozen report, its summary, its rows per action field and, when asked
// for, the comparison with an earlier report.
type reportData struct {
	Frozen  domain.FrozenReport
	Summary domain.ReportSummary
	Chart   []chartBar
	Fields  []reportField
	Colours map[string]string
	// Earlier are the plan's reports frozen before this one, newest first:
	// the choices of "Vergleichen mit".
	Earlier []domain.Report
	// CompareID is the report chosen to compare with (0: none); Comparison
	// is the result, CompareError the refusal's text.
	CompareID    int64
	Comparison   *domain.ReportComparison
	CompareError string
	// Base is the report's address; Query carries the comparison on to the
	// downloads ("" or "?vergleich=<id>").
	Base, Query string
	// PrintCSS is the inlined style sheet of the print document.
	PrintCSS template.CSS
	// JustFrozen: the KI has just frozen the report (the freeze redirects
	// with ?eingefroren=<n>), FrozenCount implementations in it.
	JustFrozen  bool
	FrozenCount int
}

// reportField is one action field of a report: its narrative and its rows.
type reportField struct {
	Field     domain.ActionField
	Anchor    string
	Narrative string
	Rows      []domain.ReportRow
}

// chartBar is one bar of the summary chart; its count is always shown as text.
type chartBar struct {
	State  string
	Colour string
	Count  int
	// Width is the bar's share of the largest count, in per cent.
	Width int
}

// newReportData arranges a frozen report for display.
func newReportData(fr domain.FrozenReport, base string) reportData {
	d := reportData{Frozen: fr, Summary: domain.Summarize(fr.Rows), Colours: fr.Plan.StatusColours, Base: base}
	d.Chart = summaryChart(d.Summary, d.Colours)
	byField := map[int64][]domain.ReportRow{}
	for _, r := range fr.Rows {
		byField[r.FieldID] = append(byField[r.FieldID], r)
	}
	for _, f := range fr.Fields {
		rows := byField[f.ID]
		narrative := fr.Report.Narratives[f.ID]
		if len(rows) == 0 && narrative == "" {
			continue // a field the report does not cover
		}
		d.Fields = append(d.Fields, reportField{Field: f, Anchor: "feld-" + anchorOf(f.Code, f.ID),
			Narrative: narrative, Rows: rows})
	}
	return d
}

// anchorOf makes a field code ("1", "2.a") into a fragment id; the id is the
// fallback for codes with other characters.
func anchorOf(code string, id int64) string {
	ok := code != ""
	for _, r := range code {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '.' || r == '-') {
			ok = false
		}
	}
	if !ok {
		return strconv.FormatInt(id, 10)
	}
	return strings.ReplaceAll(code, ".", "-")
}

// summaryChart lays out the summary's states as bars, in workflow order.
func summaryChart(s domain.ReportSummary, colours map[string]string) []chartBar {
	bars := []chartBar{
		{State: "open", Count: s.OpenDecision},
		{State: "not_relevant", Count: s.NotRelevant},
		{State: "already_in_place", Count: s.AlreadyInPlace},
		{State: "planned", Count: s.Planned},
		{State: "in_progress", Count: s.InProgress},
		{State: "on_hold", Count: s.OnHold},
		{State: "completed", Count: s.Completed},
		{State: "cancelled", Count: s.Cancelled},
	}
	most := 0
	for _, b := range bars {
		most = max(most, b.Count)
	}
	for i := range bars {
		bars[i].Colour = colourOf(colours, bars[i].State)
		if most > 0 {
			bars[i].Width = bars[i].Count * 100 / most
		}
	}
	return bars
}

// rowState is a snapshot row's state as a coloured, labelled marker.
func rowState(v view, r domain.ReportRow, colours map[string]string) stateView {
	st := rowStateName(r)
	return stateView{Colour: colourOf(colours, st), Label: v.T("state." + st)}
}

func rowStateName(r domain.ReportRow) string {
	if r.Relevance == domain.RelevanceRelevant && r.Status != "" {
		return string(r.Status)
	}
	return string(r.Relevance)
}

// paragraphs splits a text the KI wrote into paragraphs at blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func init() {
	templateFuncs["reportState"] = rowState
	templateFuncs["paragraphs"] = paragraphs
	templateFuncs["signed"] = signed
	templateFuncs["minus"] = func(a, b int) int { return a - b }
}

// reportRowsView is what the "reportRows" partial receives: the view (for
// texts) and one field.
type reportRowsView struct {
	V     view
	Field reportField
}

// compareCount is one line of the comparison's counts, before and now.
type compareCount struct {
	Label       string
	Before, Now int
}

// compareCounts lists the summaries of both reports side by side.
func compareCounts(v view, c domain.ReportComparison) []compareCount {
	b, n := c.Before, c.Now
	line := func(key string, before, now int) compareCount {
		return compareCount{Label: v.T(key), Before: before, Now: now}
	}
	return []compareCount{
		line("exports.compare.rows", b.Rows, n.Rows),
		line("state.open", b.OpenDecision, n.OpenDecision),
		line("state.not_relevant", b.NotRelevant, n.NotRelevant),
		line("state.already_in_place", b.AlreadyInPlace, n.AlreadyInPlace),
		line("state.planned", b.Planned, n.Planned),
		line("state.in_progress", b.InProgress, n.InProgress),
		line("state.on_hold", b.OnHold, n.OnHold),
		line("state.completed", b.Completed, n.Completed),
		line("state.cancelled", b.Cancelled, n.Cancelled),
		line("exports.figure.overdue", b.Overdue, n.Overdue),
		line("exports.compare.stale", b.Stale, n.Stale),
	}
}

// changeKinds names, as text, what changed in one row.
func changeKinds(v view, c domain.RowChange) []string {
	var out []string
	add := func(on bool, key string) {
		if on {
			out = append(out, v.T(key))
		}
	}
	add(c.Before == nil, "exports.compare.kind.new")
	add(c.StatusChanged, "exports.compare.kind.status")
	add(c.NewlyCompleted, "exports.compare.kind.completed")
	add(c.NewlyOverdue, "exports.compare.kind.overdue")
	add(c.NewlyRelevant, "exports.compare.kind.relevant")
	add(c.ProgressDelta != 0 && !c.StatusChanged && c.Before != nil, "exports.compare.kind.progress")
	return out
}

func init() {
	templateFuncs["reportRowsArgs"] = func(v view, f reportField) reportRowsView { return reportRowsView{V: v, Field: f} }
	templateFuncs["reportLegendState"] = func(v view, b chartBar) stateView {
		return stateView{Colour: b.Colour, Label: v.T("state." + b.State)}
	}
	templateFuncs["compareCounts"] = compareCounts
	templateFuncs["changeKinds"] = changeKinds
}
