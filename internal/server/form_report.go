package server

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/planwerk/planwerk/internal/domain"
	reportsvc "github.com/planwerk/planwerk/internal/service/report"
)

// reportForm is what the draft form of a committee report sends, kept as
// typed so that a refused form comes back as the KI left it.
type reportForm struct {
	Title, Committee, MeetingOn, PeriodFrom, PeriodTo, Introduction string
	// Narratives holds the text per action field id.
	Narratives map[int64]string
	// Orgs and Scopes are the ticked organisations and kinds of measure.
	Orgs   map[int64]bool
	Scopes map[string]bool
	// Version is the draft's version the form saves from ("" for a new one).
	Version string
}

// reportFormOf is the form showing a stored (or proposed) report.
func reportFormOf(r domain.Report) reportForm {
	f := reportForm{Title: r.Title, Committee: r.Committee, Introduction: r.Introduction,
		PeriodFrom: formDate(&r.PeriodFrom), PeriodTo: formDate(&r.PeriodTo), MeetingOn: formDate(r.MeetingOn),
		Narratives: map[int64]string{}, Orgs: map[int64]bool{}, Scopes: map[string]bool{}}
	for id, body := range r.Narratives {
		f.Narratives[id] = body
	}
	for _, id := range r.IncludedOrgIDs {
		f.Orgs[id] = true
	}
	for _, s := range r.IncludedScopes {
		f.Scopes[string(s)] = true
	}
	if r.ID != 0 {
		f.Version = strconv.Itoa(r.Version)
	}
	return f
}

// formDate is a date as a date field shows it ("" for none or the zero day).
func formDate(d *time.Time) string {
	if d == nil || d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// readReportForm reads the draft form; narratives are read for the plan's
// action fields only.
func readReportForm(c *gin.Context, fields []domain.ActionField) reportForm {
	f := reportForm{Title: c.PostForm("title"), Committee: c.PostForm("committee"), MeetingOn: c.PostForm("meeting_on"),
		PeriodFrom: c.PostForm("period_from"), PeriodTo: c.PostForm("period_to"), Introduction: c.PostForm("introduction"),
		Version: c.PostForm("version"), Narratives: map[int64]string{}, Orgs: map[int64]bool{}, Scopes: map[string]bool{}}
	for _, af := range fields {
		f.Narratives[af.ID] = c.PostForm(narrativeName(af.ID))
	}
	for _, v := range c.PostFormArray("org") {
		id, _ := strconv.ParseInt(v, 10, 64) // 0, no organisation, when it is no number: the service refuses it
		f.Orgs[id] = true
	}
	for _, v := range c.PostFormArray("scope") {
		f.Scopes[echo(v, maxChoiceEcho)] = true
	}
	return f
}

// reportScopes are the kinds of measure a report can include, in the order
// the form offers them.
var reportScopes = []domain.Scope{domain.ScopeCounty, domain.ScopeMunicipal, domain.ScopeLocal}

func narrativeName(fieldID int64) string { return "narrative_" + strconv.FormatInt(fieldID, 10) }

// report turns the form into a draft. Dates that are no dates are refused at
// their field before anything else is checked.
func (f reportForm) report() (domain.Report, error) {
	r := domain.Report{Title: f.Title, Committee: f.Committee, Introduction: f.Introduction, Narratives: map[int64]string{}}
	for id, body := range f.Narratives {
		r.Narratives[id] = body
	}
	var errs []error
	date := func(field, value string) *time.Time {
		d, ok := parseFormDate(value)
		if !ok {
			errs = append(errs, domain.Keyed(domain.CodeInvalid, field, "report.err.date", "not a date"))
			return nil
		}
		return d
	}
	r.MeetingOn = date("meeting_on", f.MeetingOn)
	if d := date("period", f.PeriodFrom); d != nil {
		r.PeriodFrom = *d
	}
	if d := date("period", f.PeriodTo); d != nil {
		r.PeriodTo = *d
	}
	for id := range f.Orgs {
		r.IncludedOrgIDs = append(r.IncludedOrgIDs, id)
	}
	slices.Sort(r.IncludedOrgIDs)
	for _, s := range reportScopes {
		if f.Scopes[string(s)] {
			r.IncludedScopes = append(r.IncludedScopes, s)
		}
	}
	for s := range f.Scopes {
		if !slices.Contains(reportScopes, domain.Scope(s)) {
			r.IncludedScopes = append(r.IncludedScopes, domain.Scope(s)) // refused by the service
		}
	}
	return r, errors.Join(errs...)
}

func (f reportForm) echo() reportForm {
	f.Title = echo(f.Title, domain.MaxReportTitleLen)
	f.Committee = echo(f.Committee, domain.MaxReportCommitteeLen)
	f.MeetingOn = echo(f.MeetingOn, maxDateEcho)
	f.PeriodFrom = echo(f.PeriodFrom, maxDateEcho)
	f.PeriodTo = echo(f.PeriodTo, maxDateEcho)
	f.Introduction = echo(f.Introduction, domain.MaxReportTextLen)
	f.Version = echo(f.Version, maxNumberEcho)
	narratives := make(map[int64]string, len(f.Narratives))
	for id, body := range f.Narratives {
		narratives[id] = echo(body, domain.MaxReportTextLen)
	}
	f.Narratives = narratives
	return f
}

// reportDifferences compares the KI's refused input with the draft as
// someone else saved it meanwhile.
func reportDifferences(t translator, mine reportForm, theirs domain.Report, ch reportsvc.DraftChoices) []difference {
	saved := reportFormOf(theirs)
	var out differences
	text := func(s string) string { return orDash(domain.CleanText(s)) }
	date := func(s string) string {
		if d, ok := parseFormDate(s); ok && d != nil {
			return t.Date(*d)
		}
		return orDash(s)
	}
	add := func(field, a, b string, show func(string) string) {
		out.add(field, t.T("report.field."+field), a, b, show)
	}
	add("title", domain.CleanText(mine.Title), saved.Title, text)
	add("committee", domain.CleanText(mine.Committee), saved.Committee, text)
	add("meeting_on", mine.MeetingOn, saved.MeetingOn, date)
	add("period_from", mine.PeriodFrom, saved.PeriodFrom, date)
	add("period_to", mine.PeriodTo, saved.PeriodTo, date)
	add("introduction", domain.CleanText(mine.Introduction), saved.Introduction, text)
	for _, af := range ch.Fields {
		out.add(narrativeName(af.ID), t.T("report.field.narrative", "Code", af.Code, "Title", af.Title),
			domain.CleanText(mine.Narratives[af.ID]), saved.Narratives[af.ID], text)
	}
	var orgsMine, orgsTheirs, scopesMine, scopesTheirs []string
	for _, o := range ch.Orgs {
		if mine.Orgs[o.ID] {
			orgsMine = append(orgsMine, o.Name)
		}
		if saved.Orgs[o.ID] {
			orgsTheirs = append(orgsTheirs, o.Name)
		}
	}
	out.add("org", t.T("report.field.orgs"), strings.Join(orgsMine, ", "), strings.Join(orgsTheirs, ", "), text)
	for _, s := range reportScopes {
		if mine.Scopes[string(s)] {
			scopesMine = append(scopesMine, t.T("report.scope."+string(s)))
		}
		if saved.Scopes[string(s)] {
			scopesTheirs = append(scopesTheirs, t.T("report.scope."+string(s)))
		}
	}
	out.add("scope", t.T("report.field.scopes"), strings.Join(scopesMine, ", "), strings.Join(scopesTheirs, ", "), text)
	return out
}
