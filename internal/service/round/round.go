// Package round runs the reporting rounds (Berichtsrunden): the KI opens one
// per plan with a deadline and the committee meeting it feeds, each town
// marks its reporting complete (and may take that back while the round is
// open), the KI reminds towns that are behind, and closing the round freezes
// its report.
package round

import (
	"context"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// Store is what reporting rounds read and write; *postgres.DB implements it.
// Each write checks in its own transaction that the round is still open.
type Store interface {
	OpenRound(ctx context.Context, actor domain.Actor, r domain.Round, report domain.Report) (domain.Round, error)
	FindRound(ctx context.Context, planID, id int64) (domain.Round, error)
	FindRounds(ctx context.Context, planID int64) ([]domain.Round, error)
	FindRoundTowns(ctx context.Context, r domain.Round) ([]domain.RoundTown, error)
	FindTownRound(ctx context.Context, planID, orgID int64) (domain.TownRound, bool, error)
	CompleteRound(ctx context.Context, actor domain.Actor, planID, roundID int64, org domain.Organisation) error
	RevokeRoundCompletion(ctx context.Context, actor domain.Actor, planID, roundID int64, org domain.Organisation) error
	NudgeTown(ctx context.Context, actor domain.Actor, planID, roundID, orgID int64, body string) error
	CloseRound(ctx context.Context, actor domain.Actor, planID, roundID int64, confirmed bool, today time.Time) (int, error)
	FindMunicipalities(ctx context.Context, countyID int64) ([]domain.Organisation, error)
}

// Service runs the reporting rounds' use cases.
type Service struct {
	store Store
	now   func() time.Time
}

// New returns the service; now is the clock (time.Now when nil) that decides
// whether a deadline lies in the past and the day a closing snapshot judges on.
func New(store Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: store, now: now}
}

// Open is what the KI enters to open a round. ReportTitle is the title of
// the round's report in the KI's language (e.g. "Sachstandsbericht Winter
// 2026/27"); the round's own title when empty.
type Open struct {
	domain.RoundDraft
	ReportTitle string
}

// Open opens a round of the scope's plan with its draft report: the plan's
// towns and the county office, every kind of measure, the committee and
// meeting of the round. Only one round of a plan is open at a time.
func (s *Service) Open(ctx context.Context, actor domain.Actor, sc domain.PlanScope, o Open) (domain.Round, error) {
	d, err := domain.CheckRoundDraft(o.RoundDraft, domain.Today(s.now()))
	if err != nil {
		return domain.Round{}, err
	}
	towns, err := s.store.FindMunicipalities(ctx, sc.Plan.OwnerID)
	if err != nil {
		return domain.Round{}, err
	}
	orgs := []int64{sc.Plan.OwnerID}
	for _, t := range towns {
		orgs = append(orgs, t.ID)
	}
	title := domain.CleanText(o.ReportTitle)
	if title == "" || len([]rune(title)) > domain.MaxReportTitleLen {
		title = d.Title
	}
	report := domain.Report{Title: title, Committee: d.Committee, MeetingOn: d.MeetingOn,
		IncludedOrgIDs: orgs, IncludedScopes: []domain.Scope{domain.ScopeCounty, domain.ScopeMunicipal, domain.ScopeLocal}}
	r := domain.Round{PlanID: sc.Plan.ID, Title: d.Title, Deadline: *d.Deadline, Committee: d.Committee, MeetingOn: d.MeetingOn}
	return s.store.OpenRound(ctx, actor, r, report)
}

// Overview is the rounds page of a plan: the open round, if any, with every
// town's state in it, and the closed rounds, most recent first.
type Overview struct {
	Open   *domain.Round
	Towns  []domain.RoundTown
	Closed []domain.Round
}

// Overview reads the rounds of the scope's plan.
func (s *Service) Overview(ctx context.Context, sc domain.PlanScope) (Overview, error) {
	rounds, err := s.store.FindRounds(ctx, sc.Plan.ID)
	if err != nil {
		return Overview{}, err
	}
	var o Overview
	for i := range rounds {
		if rounds[i].IsOpen() {
			o.Open = &rounds[i]
			continue
		}
		o.Closed = append(o.Closed, rounds[i])
	}
	if o.Open != nil {
		o.Towns, err = s.store.FindRoundTowns(ctx, *o.Open)
	}
	return o, err
}

// Get reads one round of the scope's plan with every town's state in it.
func (s *Service) Get(ctx context.Context, sc domain.PlanScope, id int64) (domain.Round, []domain.RoundTown, error) {
	r, err := s.store.FindRound(ctx, sc.Plan.ID, id)
	if err != nil {
		return r, nil, err
	}
	towns, err := s.store.FindRoundTowns(ctx, r)
	return r, towns, err
}

// ForTown reads the plan's open round as the scope's town sees it; ok is
// false when none is open.
func (s *Service) ForTown(ctx context.Context, sc domain.PlanScope) (domain.TownRound, bool, error) {
	return s.store.FindTownRound(ctx, sc.Plan.ID, sc.Org.ID)
}

// Complete marks the scope town's reporting in the open round complete.
func (s *Service) Complete(ctx context.Context, actor domain.Actor, sc domain.PlanScope) error {
	r, err := s.openRoundOf(ctx, sc)
	if err != nil {
		return err
	}
	return s.store.CompleteRound(ctx, actor, sc.Plan.ID, r.ID, sc.Org)
}

// Revoke takes the scope town's completion back while the round is open.
func (s *Service) Revoke(ctx context.Context, actor domain.Actor, sc domain.PlanScope) error {
	r, err := s.openRoundOf(ctx, sc)
	if err != nil {
		return err
	}
	return s.store.RevokeRoundCompletion(ctx, actor, sc.Plan.ID, r.ID, sc.Org)
}

// openRoundOf is the plan's open round for a town's completion; only towns
// complete (not the county office, whose measures the KI keeps itself).
func (s *Service) openRoundOf(ctx context.Context, sc domain.PlanScope) (domain.Round, error) {
	if sc.Org.Kind != domain.OrgMunicipality {
		return domain.Round{}, domain.Keyed(domain.CodeInvalid, "", "round.err.notATown", "only towns complete a round")
	}
	tr, ok, err := s.store.FindTownRound(ctx, sc.Plan.ID, sc.Org.ID)
	if err != nil {
		return domain.Round{}, err
	}
	if !ok {
		return domain.Round{}, domain.Keyed(domain.CodeConflict, "", "round.err.noneOpen", "no round is open")
	}
	return tr.Round, nil
}

// Nudge saves the KI's reminder to one town of the plan in an open round.
func (s *Service) Nudge(ctx context.Context, actor domain.Actor, sc domain.PlanScope, roundID, orgID int64, body string) error {
	body, err := domain.CheckNudge(body)
	if err != nil {
		return err
	}
	return s.store.NudgeTown(ctx, actor, sc.Plan.ID, roundID, orgID, body)
}

// Close freezes the round's report and closes the round; towns still
// missing must be confirmed. It returns the number of implementations frozen.
func (s *Service) Close(ctx context.Context, actor domain.Actor, sc domain.PlanScope, roundID int64, confirmed bool) (int, error) {
	return s.store.CloseRound(ctx, actor, sc.Plan.ID, roundID, confirmed, domain.Today(s.now()))
}
