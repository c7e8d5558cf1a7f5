package domain

import (
	"errors"
	"slices"
)

// Lengths of a report's texts; the database checks the same limits.
const (
	MaxReportTitleLen      = 300
	MaxReportCommitteeLen  = 300
	MaxReportTextLen       = 20000
	MaxCorrectionReasonLen = 2000
)

// CheckReportDraft cleans a draft's texts and checks what a draft needs: a
// title, a period that does not end before it starts, at least one
// organisation and one kind of measure, each included organisation one of
// allowedOrgs (the plan's county office and towns). Every refused field is
// reported at once.
func CheckReportDraft(r Report, allowedOrgs []int64) (Report, error) {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	var err error
	r.Title, err = requireText("title", r.Title, MaxReportTitleLen, "report.err.titleMissing", "report title missing")
	add(err)
	r.Committee, err = cleanText("committee", r.Committee, MaxReportCommitteeLen)
	add(err)
	r.Introduction, err = cleanText("introduction", r.Introduction, MaxReportTextLen)
	add(err)
	for id, body := range r.Narratives {
		r.Narratives[id], err = cleanText("narrative", body, MaxReportTextLen)
		add(err)
	}
	if r.PeriodFrom.IsZero() || r.PeriodTo.IsZero() {
		add(Keyed(CodeInvalid, "period", "report.err.periodMissing", "period missing"))
	} else if r.PeriodTo.Before(r.PeriodFrom) {
		add(Keyed(CodeInvalid, "period", "report.err.periodReversed", "period ends before it starts"))
	}
	if len(r.IncludedOrgIDs) == 0 {
		add(Keyed(CodeInvalid, "orgs", "report.err.noOrganisation", "no organisation included"))
	}
	for _, id := range r.IncludedOrgIDs {
		if !slices.Contains(allowedOrgs, id) {
			add(Keyed(CodeInvalid, "orgs", "report.err.foreignOrganisation", "organisation not of the plan's county"))
			break
		}
	}
	if len(r.IncludedScopes) == 0 {
		add(Keyed(CodeInvalid, "scopes", "report.err.noScope", "no kind of measure included"))
	}
	for _, s := range r.IncludedScopes {
		if s != ScopeCounty && s != ScopeMunicipal && s != ScopeLocal {
			add(Keyed(CodeInvalid, "scopes", "report.err.noScope", "unknown kind of measure"))
			break
		}
	}
	return r, errors.Join(errs...)
}

// CheckCorrectionReason cleans the reason a frozen report is corrected; it
// must be given.
func CheckCorrectionReason(reason string) (string, error) {
	return requireText("reason", reason, MaxCorrectionReasonLen, "report.err.reasonMissing", "correction reason missing")
}
