// Package report owns the committee status reports (Sachstandsberichte): the
// KI drafts one, freezes it (a snapshot of every implementation it covers),
// corrects a frozen one by a new version with a reason, and anyone who may
// read reports reads the frozen ones and compares them with earlier ones.
package report

import (
	"context"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// Store is what reports read and write; *postgres.DB implements it. A frozen
// report is immutable in the database itself.
type Store interface {
	CreateReport(ctx context.Context, actor domain.Actor, r domain.Report) (domain.Report, error)
	UpdateReportDraft(ctx context.Context, actor domain.Actor, r domain.Report, expectedVersion int) (domain.Report, error)
	FreezeReport(ctx context.Context, actor domain.Actor, planID, id int64, expectedVersion int, today time.Time) (int, error)
	FindReport(ctx context.Context, planID, id int64) (domain.Report, error)
	FindReports(ctx context.Context, planID int64, withDrafts bool) ([]domain.Report, error)
	FindFrozenReport(ctx context.Context, plan domain.Plan, id int64) (domain.FrozenReport, error)
	FindMunicipalities(ctx context.Context, countyID int64) ([]domain.Organisation, error)
	FindCatalogue(ctx context.Context, planID int64) ([]domain.ActionField, error)
}

// Service runs the reports' use cases.
type Service struct {
	store Store
	now   func() time.Time
}

// New returns the service; now is the clock (time.Now when nil) that decides
// the day a snapshot judges overdue and stale on.
func New(store Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: store, now: now}
}

// Create saves a new draft of the scope's plan.
func (s *Service) Create(ctx context.Context, actor domain.Actor, sc domain.PlanScope, draft domain.Report) (domain.Report, error) {
	draft, err := s.check(ctx, sc, draft)
	if err != nil {
		return domain.Report{}, err
	}
	draft.ID, draft.ReplacesID, draft.CorrectionReason = 0, nil, ""
	return s.store.CreateReport(ctx, actor, draft)
}

// Update saves the KI's changes to a draft saved from expectedVersion.
func (s *Service) Update(ctx context.Context, actor domain.Actor, sc domain.PlanScope, draft domain.Report, expectedVersion int) (domain.Report, error) {
	draft, err := s.check(ctx, sc, draft)
	if err != nil {
		return domain.Report{}, err
	}
	return s.store.UpdateReportDraft(ctx, actor, draft, expectedVersion)
}

// check cleans and checks a draft of the scope's plan: its organisations
// must be the plan's county office or its towns.
func (s *Service) check(ctx context.Context, sc domain.PlanScope, draft domain.Report) (domain.Report, error) {
	draft.PlanID = sc.Plan.ID
	towns, err := s.store.FindMunicipalities(ctx, sc.Plan.OwnerID)
	if err != nil {
		return domain.Report{}, err
	}
	allowed := []int64{sc.Plan.OwnerID}
	for _, t := range towns {
		allowed = append(allowed, t.ID)
	}
	return domain.CheckReportDraft(draft, allowed)
}

// Freeze takes the snapshot of a draft saved from expectedVersion; from then
// on it never changes. It returns the number of implementations frozen.
func (s *Service) Freeze(ctx context.Context, actor domain.Actor, sc domain.PlanScope, id int64, expectedVersion int) (int, error) {
	return s.store.FreezeReport(ctx, actor, sc.Plan.ID, id, expectedVersion, domain.Today(s.now()))
}

// Correct starts the correction of a frozen report: a new draft with the
// same settings and texts that names the report it replaces and why. The
// correction is frozen like any draft; the replaced report stays as it was.
func (s *Service) Correct(ctx context.Context, actor domain.Actor, sc domain.PlanScope, id int64, reason string) (domain.Report, error) {
	reason, err := domain.CheckCorrectionReason(reason)
	if err != nil {
		return domain.Report{}, err
	}
	old, err := s.store.FindReport(ctx, sc.Plan.ID, id)
	if err != nil {
		return domain.Report{}, err
	}
	switch {
	case !old.Frozen():
		return domain.Report{}, domain.Keyed(domain.CodeConflict, "", "report.err.correctDraft", "a draft is changed, not corrected")
	case old.ReplacedByID != nil:
		return domain.Report{}, domain.Keyed(domain.CodeConflict, "", "report.err.alreadyCorrected", "report has a correction already")
	}
	draft := old
	draft.ID, draft.ReplacesID, draft.CorrectionReason = 0, &old.ID, reason
	return s.store.CreateReport(ctx, actor, draft)
}

// Get reads one report; withDrafts false finds frozen reports only, so a
// reader who may not see drafts learns nothing of them.
func (s *Service) Get(ctx context.Context, sc domain.PlanScope, id int64, withDrafts bool) (domain.Report, error) {
	r, err := s.store.FindReport(ctx, sc.Plan.ID, id)
	if err == nil && !withDrafts && !r.Frozen() {
		return domain.Report{}, domain.Keyed(domain.CodeNotFound, "", "error.msg.notFound", "report is a draft")
	}
	return r, err
}

// List lists the scope plan's reports, drafts first when withDrafts, then
// the frozen ones newest first.
func (s *Service) List(ctx context.Context, sc domain.PlanScope, withDrafts bool) ([]domain.Report, error) {
	return s.store.FindReports(ctx, sc.Plan.ID, withDrafts)
}

// Frozen reads a frozen report with its snapshot.
func (s *Service) Frozen(ctx context.Context, sc domain.PlanScope, id int64) (domain.FrozenReport, error) {
	return s.store.FindFrozenReport(ctx, sc.Plan, id)
}

// Compare sets the frozen report id against the earlier frozen report
// earlierID of the same plan.
func (s *Service) Compare(ctx context.Context, sc domain.PlanScope, later domain.FrozenReport, earlierID int64) (domain.ReportComparison, error) {
	earlier, err := s.store.FindFrozenReport(ctx, sc.Plan, earlierID)
	if domain.ErrorCode(err) == domain.CodeNotFound {
		// Reports are looked up in this plan only: one of another plan (or
		// county) is refused without telling whether it exists.
		return domain.ReportComparison{}, domain.Keyed(domain.CodeInvalid, "", "error.report.compareOtherPlan",
			"no frozen report of this plan with that id")
	}
	if err != nil {
		return domain.ReportComparison{}, err
	}
	return domain.CompareReports(earlier, later)
}
