package server

import (
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
)

// statusReportForm is what the "Sachstand melden" form sends, kept as typed
// so that a refused form comes back exactly as the user left it.
type statusReportForm struct {
	Version        string
	Status         string
	StatusNote     string
	Progress       string
	ReportedOn     string
	ReportBody     string
	MilestoneTitle string
	MilestoneDueOn string
}

func readStatusReportForm(c *gin.Context) statusReportForm {
	return statusReportForm{
		Version:        c.PostForm("version"),
		Status:         c.PostForm("status"),
		StatusNote:     c.PostForm("status_note"),
		Progress:       strings.TrimSpace(c.PostForm("progress")),
		ReportedOn:     strings.TrimSpace(c.PostForm("reported_on")),
		ReportBody:     c.PostForm("report_body"),
		MilestoneTitle: c.PostForm("milestone_title"),
		MilestoneDueOn: strings.TrimSpace(c.PostForm("milestone_due_on")),
	}
}

// statusReportFormOf is the form for impl as it is now, dated today.
func statusReportFormOf(impl domain.Implementation, today string) statusReportForm {
	return statusReportForm{Version: strconv.Itoa(impl.Version), Status: string(impl.Status),
		Progress: strconv.Itoa(impl.Progress), ReportedOn: today}
}

// report reads the form into the use case's command. What cannot be read
// (a progress that is no number, an impossible date) comes back as field →
// message id, as the edit form does; whether the values are allowed is the
// use case's to decide. Status and progress are sent only for a relevant
// implementation: the form has no such fields otherwise.
func (f statusReportForm) report() (domain.StatusReport, map[string]string) {
	errs := map[string]string{}
	var r domain.StatusReport
	if f.Status != "" {
		status := domain.Status(f.Status)
		r.Update.Status, r.Update.StatusNote = &status, &f.StatusNote
	}
	if f.Progress != "" {
		p, err := strconv.Atoi(f.Progress)
		if err != nil {
			errs[domain.FieldProgress] = "implementation.error.progressNumber"
		}
		r.Update.Progress = &p
	}
	r.Report.Body = f.ReportBody
	if on, ok := parseFormDate(f.ReportedOn); ok && on != nil {
		r.Report.ReportedOn = *on // none or unreadable: the use case says it is missing
	}
	due, ok := parseFormDate(f.MilestoneDueOn)
	if !ok {
		errs["milestone_due_on"] = "implementation.error.date"
	}
	if strings.TrimSpace(f.MilestoneTitle) != "" || f.MilestoneDueOn != "" {
		r.Milestone = &domain.NewMilestone{Title: f.MilestoneTitle, DueOn: due}
	}
	return r, errs
}

func (f statusReportForm) echo() statusReportForm {
	f.Version = echo(f.Version, maxNumberEcho)
	f.Status = echo(f.Status, maxChoiceEcho)
	f.StatusNote = echo(f.StatusNote, domain.MaxRelevanceNoteLen)
	f.Progress = echo(f.Progress, maxProgressEcho)
	f.ReportedOn = echo(f.ReportedOn, maxDateEcho)
	f.ReportBody = echo(f.ReportBody, domain.MaxProgressReportLen)
	f.MilestoneTitle = echo(f.MilestoneTitle, domain.MaxMilestoneTitleLen)
	f.MilestoneDueOn = echo(f.MilestoneDueOn, maxDateEcho)
	return f
}

// statusReportDifferences are the fields of the form where someone else
// saved other values meanwhile: status, its note and progress. The report
// and the milestone are new records nobody else can have changed.
func statusReportDifferences(t translator, f statusReportForm, theirs domain.Implementation) []difference {
	if theirs.Relevance != domain.RelevanceRelevant && f.Status == "" {
		return nil
	}
	edit := implementationForm{Relevance: string(domain.RelevanceRelevant), Status: f.Status, StatusNote: f.StatusNote,
		Progress: f.Progress}
	var out []difference
	for _, d := range implementationDifferences(t, edit, theirs) {
		if d.Field == "status" || d.Field == "progress" || (d.Field == "status_note" && f.StatusNote != "") {
			out = append(out, d)
		}
	}
	return out
}
