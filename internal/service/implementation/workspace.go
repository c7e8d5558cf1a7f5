package implementation

import (
	"context"

	"github.com/planwerk/planwerk/internal/domain"
)

// List returns an organisation's implementations of plan, all of them in
// catalogue order and those f selects in f's order. Overdue and stale are
// judged on today and the plan's update interval, which is why the plan
// itself (as the caller resolved it) is passed, not only its id.
func (s *Service) List(ctx context.Context, plan domain.Plan, orgID int64, f domain.WorkspaceFilter) (domain.Workspace, error) {
	entries, err := s.store.FindWorkspace(ctx, orgID, plan.ID)
	if err != nil {
		return domain.Workspace{}, err
	}
	today := s.now()
	return domain.Workspace{Entries: entries, Shown: f.Select(entries, today, plan.UpdateIntervalDays), Today: today}, nil
}
