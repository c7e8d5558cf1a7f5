package implementation

import (
	"context"

	"github.com/planwerk/planwerk/internal/domain"
)

// AddProgressReport records a progress report on the implementation key
// names, with the implementation's status and progress at this moment. The
// report is checked first (a date not after today, a text within bounds);
// nothing is written when it is refused.
func (s *Service) AddProgressReport(ctx context.Context, actor domain.Actor, key domain.ImplementationKey,
	r domain.NewProgressReport) (domain.ProgressUpdate, error) {
	r, err := r.Check(domain.Today(s.now()))
	if err != nil {
		return domain.ProgressUpdate{}, err
	}
	return s.store.AddProgressUpdate(ctx, key, r.ReportedOn, r.Body, actor.UserID())
}
