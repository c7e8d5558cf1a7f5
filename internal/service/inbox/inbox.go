// Package inbox is "Neu für Sie": what happened for a user (the KI answered
// their town's support request, a comment on their town's implementation, a
// reporting round opened, a reminder of the KI). The entries are written by
// the events themselves, in their transactions (see postgres); this package
// lists them and marks them read, always within the signed-in user's inbox.
package inbox

import (
	"context"

	"github.com/planwerk/planwerk/internal/domain"
)

// Store is what the inbox reads and writes; *postgres.DB implements it.
type Store interface {
	FindNotifications(ctx context.Context, userID int64, limit int) ([]domain.Notification, error)
	MarkNotificationRead(ctx context.Context, userID, id int64) error
	MarkAllNotificationsRead(ctx context.Context, userID int64) error
}

// Shown is how many entries the inbox page lists, newest first: older ones
// have been seen or are no longer news.
const Shown = 50

// Service runs the inbox's use cases.
type Service struct{ store Store }

// New returns the service.
func New(store Store) *Service { return &Service{store: store} }

// List returns the newest entries of the actor's inbox.
func (s *Service) List(ctx context.Context, actor domain.Actor) ([]domain.Notification, error) {
	if actor.ID == 0 {
		return nil, nil
	}
	return s.store.FindNotifications(ctx, actor.ID, Shown)
}

// MarkRead marks one entry of the actor's inbox read; another user's entry
// is not found.
func (s *Service) MarkRead(ctx context.Context, actor domain.Actor, id int64) error {
	return s.store.MarkNotificationRead(ctx, actor.ID, id)
}

// MarkAllRead marks every entry of the actor's inbox read.
func (s *Service) MarkAllRead(ctx context.Context, actor domain.Actor) error {
	return s.store.MarkAllNotificationsRead(ctx, actor.ID)
}
