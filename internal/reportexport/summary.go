package reportexport

import (
	"strconv"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

func itoa(n int) string { return strconv.Itoa(n) }

// summary writes the report's facts and counts, and the comparison's.
func (w workbook) summary(sheet string, fr domain.FrozenReport, cmp *domain.ReportComparison, t Texts, date func(time.Time) string) error {
	f, r := w.f, fr.Report
	var lines [][]any
	add := func(cells ...any) { lines = append(lines, cells) }
	add(Safe(r.Title))
	add(t("exports.plan"), Safe(fr.Plan.Title))
	if r.Committee != "" {
		add(t("exports.committee"), Safe(r.Committee))
	}
	if r.MeetingOn != nil {
		add(t("exports.meeting"), date(*r.MeetingOn))
	}
	add(t("exports.period"), date(r.PeriodFrom)+" – "+date(r.PeriodTo))
	if r.FrozenAt != nil {
		add(t("exports.frozenOn"), date(*r.FrozenAt))
	}
	add()
	s := domain.Summarize(fr.Rows)
	counts := summaryCounts(s)
	if cmp == nil {
		add(t("exports.col.state"), t("exports.col.count"))
		for _, c := range counts {
			add(t(c.key), c.n)
		}
	} else {
		add(t("exports.compare.with"), Safe(cmp.Earlier.Title))
		add(t("exports.col.state"), t("exports.compare.before"), t("exports.compare.now"), t("exports.compare.change"))
		for i, c := range summaryCounts(cmp.Before) {
			add(t(c.key), c.n, counts[i].n, counts[i].n-c.n)
		}
		add()
		add(t("exports.compare.statusChangedLabel"), cmp.StatusChanged)
		add(t("exports.compare.newlyCompletedLabel"), cmp.NewlyCompleted)
		add(t("exports.compare.newlyOverdueLabel"), cmp.NewlyOverdue)
		add(t("exports.compare.newlyRelevantLabel"), cmp.NewlyRelevant)
		add(t("exports.compare.droppedLabel"), len(cmp.Dropped))
	}
	for i, cells := range lines {
		if err := f.SetSheetRow(sheet, "A"+itoa(i+1), &cells); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", w.bold); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "A", "A", 36); err != nil {
		return err
	}
	return f.SetColWidth(sheet, "B", "D", 18)
}

type count struct {
	key string
	n   int
}

// summaryCounts are the lines of a summary, in workflow order.
func summaryCounts(s domain.ReportSummary) []count {
	return []count{
		{"exports.compare.rows", s.Rows},
		{"state.open", s.OpenDecision},
		{"state.not_relevant", s.NotRelevant},
		{"state.already_in_place", s.AlreadyInPlace},
		{"state.planned", s.Planned},
		{"state.in_progress", s.InProgress},
		{"state.on_hold", s.OnHold},
		{"state.completed", s.Completed},
		{"state.cancelled", s.Cancelled},
		{"exports.figure.overdue", s.Overdue},
		{"exports.compare.stale", s.Stale},
	}
}
