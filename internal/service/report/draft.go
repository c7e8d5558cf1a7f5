package report

import (
	"context"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// DraftChoices is what a draft of a plan's report can be made of: the
// action fields that get a narrative each, and the organisations that can be
// included (the county office first, then its towns by name).
type DraftChoices struct {
	Fields []domain.ActionField
	Orgs   []domain.Organisation
}

// Choices lists what a draft of the scope's plan can include.
func (s *Service) Choices(ctx context.Context, sc domain.PlanScope) (DraftChoices, error) {
	fields, err := s.store.FindCatalogue(ctx, sc.Plan.ID)
	if err != nil {
		return DraftChoices{}, err
	}
	towns, err := s.store.FindMunicipalities(ctx, sc.Plan.OwnerID)
	if err != nil {
		return DraftChoices{}, err
	}
	office := domain.Organisation{ID: sc.Plan.OwnerID, Slug: sc.Plan.OwnerSlug, Name: sc.Plan.OwnerName, Kind: domain.OrgCounty}
	return DraftChoices{Fields: fields, Orgs: append([]domain.Organisation{office}, towns...)}, nil
}

// Proposal is a new draft as the form first offers it: every organisation
// and every kind of measure, the period from the day after the last frozen
// report's period (the plan's adoption when there is none) to today. The
// title is the caller's: it is worded in the reader's language.
func (s *Service) Proposal(ctx context.Context, sc domain.PlanScope, choices DraftChoices) (domain.Report, error) {
	frozen, err := s.store.FindReports(ctx, sc.Plan.ID, false)
	if err != nil {
		return domain.Report{}, err
	}
	today := domain.Today(s.now())
	r := domain.Report{PlanID: sc.Plan.ID, PeriodFrom: time.Date(today.Year(), 1, 1, 0, 0, 0, 0, time.UTC), PeriodTo: today,
		IncludedScopes: []domain.Scope{domain.ScopeCounty, domain.ScopeMunicipal, domain.ScopeLocal}}
	if sc.Plan.AdoptedOn != nil {
		r.PeriodFrom = *sc.Plan.AdoptedOn
	}
	var last *time.Time
	for _, f := range frozen {
		if last == nil || f.PeriodTo.After(*last) {
			last = &f.PeriodTo
		}
	}
	if last != nil {
		r.PeriodFrom = last.AddDate(0, 0, 1)
	}
	if r.PeriodFrom.After(r.PeriodTo) {
		// The last report reached today (or beyond): a period of one day
		// rather than one that ends before it starts.
		r.PeriodFrom = r.PeriodTo
	}
	for _, o := range choices.Orgs {
		r.IncludedOrgIDs = append(r.IncludedOrgIDs, o.ID)
	}
	return r, nil
}
