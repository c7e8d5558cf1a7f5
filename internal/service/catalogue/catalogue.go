// Package catalogue owns the KI's editing of a plan's catalogue: action
// fields, goals and measures created, corrected, reordered, retired and
// taken back, each change audited under the plan.
package catalogue

import (
	"context"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// Store is what the editor reads and writes; *postgres.DB implements it.
// Every write is one transaction with its audit event.
type Store interface {
	FindCatalogueTree(ctx context.Context, planID int64) ([]domain.CatalogueEntry, error)
	FindCatalogueItem(ctx context.Context, planID int64, l domain.CatalogueLevel, id int64) (domain.CatalogueItem, bool, error)
	SaveCatalogueItem(ctx context.Context, planID int64, actorID *int64, it domain.CatalogueItem) (int64, error)
	MoveCatalogueItem(ctx context.Context, planID int64, actorID *int64, l domain.CatalogueLevel, id int64, dir domain.Direction) error
	RetireCatalogueItem(ctx context.Context, planID int64, actorID *int64, l domain.CatalogueLevel, id int64, retired bool) error
	FindCatalogueHistory(ctx context.Context, planID int64, limit int) ([]domain.CatalogueEvent, error)
	StateStore
	ImportStore
}

// HistoryLength is how many changes the history page shows.
const HistoryLength = 300

// Service runs the editor's use cases.
type Service struct {
	store   Store
	states  StateStore
	imports ImportStore
	now     func() time.Time
}

// New returns the service on store; now is the clock (time.Now when nil)
// the states import judges by.
func New(store Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: store, states: store, imports: store, now: now}
}

// Tree returns the plan's catalogue, retired items included.
func (s *Service) Tree(ctx context.Context, plan domain.Plan) ([]domain.CatalogueEntry, error) {
	return s.store.FindCatalogueTree(ctx, plan.ID)
}

// Item returns one item of the plan for its form, and whether it is retired.
func (s *Service) Item(ctx context.Context, plan domain.Plan, l domain.CatalogueLevel, id int64) (domain.CatalogueItem, bool, error) {
	return s.store.FindCatalogueItem(ctx, plan.ID, l, id)
}

// Save validates and writes it (a new item when its ID is 0) and returns its id.
func (s *Service) Save(ctx context.Context, actor domain.Actor, plan domain.Plan, it domain.CatalogueItem) (int64, error) {
	it, err := it.Check()
	if err != nil {
		return 0, err
	}
	return s.store.SaveCatalogueItem(ctx, plan.ID, actor.UserID(), it)
}

// Move moves an item one place among its siblings.
func (s *Service) Move(ctx context.Context, actor domain.Actor, plan domain.Plan, l domain.CatalogueLevel, id int64,
	dir domain.Direction) error {
	if !l.Valid() || (dir != domain.Up && dir != domain.Down) {
		return domain.Keyed(domain.CodeNotFound, "", "error.msg.notFound", "no such move")
	}
	return s.store.MoveCatalogueItem(ctx, plan.ID, actor.UserID(), l, id, dir)
}

// SetRetired retires an item with everything under it, or takes it back.
func (s *Service) SetRetired(ctx context.Context, actor domain.Actor, plan domain.Plan, l domain.CatalogueLevel, id int64,
	retired bool) error {
	if !l.Valid() {
		return domain.Keyed(domain.CodeNotFound, "", "error.msg.notFound", "no such catalogue level")
	}
	return s.store.RetireCatalogueItem(ctx, plan.ID, actor.UserID(), l, id, retired)
}

// History lists the latest changes of the plan's catalogue, newest first.
func (s *Service) History(ctx context.Context, plan domain.Plan) ([]domain.CatalogueEvent, error) {
	return s.store.FindCatalogueHistory(ctx, plan.ID, HistoryLength)
}

// StateStore reads the implementations' states for the export.
type StateStore interface {
	ForEachImplementationState(ctx context.Context, planID, orgID int64, fn func(domain.ImplementationState) error) error
}

// States hands fn every implementation's state of the plan, or of town
// townID's only unless it is 0.
func (s *Service) States(ctx context.Context, plan domain.Plan, townID int64, fn func(domain.ImplementationState) error) error {
	return s.states.ForEachImplementationState(ctx, plan.ID, townID, fn)
}
