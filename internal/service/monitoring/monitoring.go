// Package monitoring owns the KI's overview of a plan across its
// organisations: per municipality (and the county office itself) and action
// field, how much is relevant, in progress and completed, and what needs
// attention, compared with the last frozen committee report.
package monitoring

import (
	"context"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// Store is what the overview reads; *postgres.DB implements it.
type Store interface {
	// FindMonitoring counts in one statement, whatever the number of towns.
	FindMonitoring(ctx context.Context, planID, countyID int64, day domain.MonitoringDay) (domain.MonitoringData, error)
}

// Service runs the overview's use case.
type Service struct{ store Store }

// New returns the service on store.
func New(store Store) *Service { return &Service{store: store} }

// Matrix is the overview of the plan in scope (its county office and
// municipalities) at the moment now, the towns in the given order. Overdue
// and stale are judged on now's day and the plan's update interval, as the
// workspace judges them, so each figure matches a filtered workspace. now is
// the caller's clock, the one its workspace pages use.
func (s *Service) Matrix(ctx context.Context, sc domain.PlanScope, order domain.MonitoringSort, now time.Time) (domain.MonitoringMatrix, error) {
	d, err := s.store.FindMonitoring(ctx, sc.Plan.ID, sc.County.ID, domain.MonitoringDayOf(now, sc.Plan.UpdateIntervalDays))
	if err != nil {
		return domain.MonitoringMatrix{}, err
	}
	return domain.BuildMonitoring(d, sc.County.ID, order), nil
}
