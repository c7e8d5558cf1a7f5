package offer

import (
	"context"

	"github.com/planwerk/planwerk/internal/domain"
)

// CategoryStore is what the themes' use cases read and write; each write is
// one transaction with its audit event.
type CategoryStore interface {
	FindOfferCategories(ctx context.Context, countyID int64) (domain.OfferCategoryList, error)
	FindOfferCategory(ctx context.Context, countyID int64, code string) (domain.OfferCategory, error)
	FindDirectoryCategories(ctx context.Context) (domain.OfferCategoryList, error)
	CreateOfferCategory(ctx context.Context, actorID *int64, countyID int64, f domain.OfferCategoryFields) (domain.OfferCategory, error)
	UpdateOfferCategory(ctx context.Context, actorID *int64, countyID int64, code string, version int,
		f domain.OfferCategoryFields) (domain.OfferCategory, error)
}

// Categories lists the county's themes in their order, hidden ones too.
func (s *Service) Categories(ctx context.Context, sc domain.PlanScope) (domain.OfferCategoryList, error) {
	return s.store.FindOfferCategories(ctx, sc.County.ID)
}

// Category reads one theme of the county.
func (s *Service) Category(ctx context.Context, sc domain.PlanScope, code string) (domain.OfferCategory, error) {
	return s.store.FindOfferCategory(ctx, sc.County.ID, code)
}

// DirectoryCategories lists the themes the public directory filters by.
func (s *Service) DirectoryCategories(ctx context.Context) (domain.OfferCategoryList, error) {
	return s.store.FindDirectoryCategories(ctx)
}

// CreateCategory adds a theme to the county's taxonomy.
func (s *Service) CreateCategory(ctx context.Context, actor domain.Actor, sc domain.PlanScope,
	f domain.OfferCategoryFields) (domain.OfferCategory, error) {
	f, err := domain.CheckOfferCategory(f)
	if err != nil {
		return domain.OfferCategory{}, err
	}
	return s.store.CreateOfferCategory(ctx, actor.UserID(), sc.County.ID, f)
}

// UpdateCategory renames, moves, hides or shows a theme from version.
func (s *Service) UpdateCategory(ctx context.Context, actor domain.Actor, sc domain.PlanScope, code string,
	version int, f domain.OfferCategoryFields) (domain.OfferCategory, error) {
	f, err := domain.CheckOfferCategory(f)
	if err != nil {
		return domain.OfferCategory{}, err
	}
	return s.store.UpdateOfferCategory(ctx, actor.UserID(), sc.County.ID, code, version, f)
}
