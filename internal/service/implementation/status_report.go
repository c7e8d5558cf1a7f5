package implementation

import (
	"context"
	"errors"

	"github.com/planwerk/planwerk/internal/domain"
)

// ReportStatus saves a "Sachstand" (status, progress, the progress report
// and an optional next milestone) in one transaction of the store, with the
// audit events the single saves write, provided nobody saved the
// implementation since expectedVersion was read.
//
// The rules are those of the single saves: the workflow decides on status
// and progress (Update), the report and the milestone are checked as
// AddProgressReport and AddMilestone check them. Every problem found is
// reported at once (errors.Join of field errors) and nothing is written. On a
// version conflict it returns the implementation as stored now with an error
// wrapping domain.ErrStaleVersion.
func (s *Service) ReportStatus(ctx context.Context, actor domain.Actor, key domain.ImplementationKey,
	expectedVersion int, r domain.StatusReport) (domain.Implementation, error) {
	now := s.now()
	report, reportErr := r.Report.Check(domain.Today(now))
	var milestone *domain.NewMilestone
	var milestoneErr error
	if r.Milestone != nil {
		m, err := r.Milestone.Check()
		milestone, milestoneErr = &m, err
	}
	return s.store.ReportStatus(ctx, key, expectedVersion, actor.UserID(),
		func(cur domain.Implementation) (domain.Implementation, error) {
			next, err := r.Update.Apply(cur, now)
			if err = errors.Join(err, reportErr, milestoneErr); err != nil {
				return cur, err
			}
			return next, nil
		}, report, milestone)
}
