// Package implementation owns the use cases of a municipality's
// implementation of a measure: reading it, editing it through the workflow,
// the bulk relevance review, KI support, progress reports, milestones,
// comments and listing a workspace. Each use case runs in one
// transaction of its store with its audit event; callers pass typed commands
// and the acting user, and get domain values and domain errors back.
package implementation

import (
	"context"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// Store is what the use cases read and write. *postgres.DB satisfies it.
// Every method taking a domain.ImplementationKey matches plan, organisation
// and id, and answers CodeNotFound for a key that names nothing.
type Store interface {
	FindImplementationDetail(ctx context.Context, key domain.ImplementationKey) (domain.ImplementationDetail, error)
	FindImplementationRecords(ctx context.Context, key domain.ImplementationKey, scope domain.RecordScope) (domain.ImplementationRecords, error)
	// UpdateImplementation locks the implementation, checks its version,
	// applies change and writes the result with its audit event, in one
	// transaction. On a stale version it returns the stored implementation
	// with an error wrapping domain.ErrStaleVersion.
	UpdateImplementation(ctx context.Context, key domain.ImplementationKey, expectedVersion int, actorID *int64,
		change func(domain.Implementation) (domain.Implementation, error)) (domain.Implementation, error)
	AddProgressUpdate(ctx context.Context, key domain.ImplementationKey, reportedOn time.Time, body string,
		actorID *int64) (domain.ProgressUpdate, error)
	// ReportStatus is UpdateImplementation, AddProgressUpdate (with the
	// status and progress just saved) and AddMilestone (when milestone is
	// not nil) in one transaction, all or nothing.
	ReportStatus(ctx context.Context, key domain.ImplementationKey, expectedVersion int, actorID *int64,
		change func(domain.Implementation) (domain.Implementation, error),
		report domain.NewProgressReport, milestone *domain.NewMilestone) (domain.Implementation, error)
	FindWorkspace(ctx context.Context, orgID, planID int64) ([]domain.WorkspaceEntry, error)
	// UpdateImplementations is UpdateImplementation for several
	// implementations of one workspace, all or nothing.
	UpdateImplementations(ctx context.Context, ws domain.WorkspaceKey, versions map[int64]int, actorID *int64,
		change func(domain.Implementation) (domain.Implementation, error)) ([]domain.Implementation, error)
	AddMilestone(ctx context.Context, key domain.ImplementationKey, title string, dueOn *time.Time, actorID *int64) (domain.Milestone, error)
	SetMilestoneDone(ctx context.Context, key domain.MilestoneKey, done bool, on time.Time, actorID *int64) (domain.Milestone, error)
	DeleteMilestone(ctx context.Context, key domain.MilestoneKey, actorID *int64) error
	AddComment(ctx context.Context, key domain.ImplementationKey, body string, actorID *int64) (domain.Comment, error)
	TakeSupportRequest(ctx context.Context, key domain.ImplementationKey, actorID *int64) error
	FindSupportQueue(ctx context.Context, f domain.SupportQueueFilter) ([]domain.SupportRequest, error)
}

// Service runs the use cases against a store.
type Service struct {
	store Store
	now   func() time.Time
}

// New returns the service; now is the clock (time.Now when nil) that stamps
// consents and decides what "today" is.
func New(store Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: store, now: now}
}
