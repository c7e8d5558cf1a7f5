package implementation

import (
	"context"

	"github.com/planwerk/planwerk/internal/domain"
)

// Detail returns the implementation key names with its measure, goal,
// action field and plan.
func (s *Service) Detail(ctx context.Context, key domain.ImplementationKey) (domain.ImplementationDetail, error) {
	return s.store.FindImplementationDetail(ctx, key)
}

// Get returns the implementation key names with its records: progress
// reports and milestones always, comments and history as scope allows (the
// caller decides from the reader's permissions).
func (s *Service) Get(ctx context.Context, key domain.ImplementationKey, scope domain.RecordScope) (
	domain.ImplementationDetail, domain.ImplementationRecords, error) {
	detail, err := s.store.FindImplementationDetail(ctx, key)
	if err != nil {
		return detail, domain.ImplementationRecords{}, err
	}
	records, err := s.store.FindImplementationRecords(ctx, key, scope)
	return detail, records, err
}
