// Package offer owns the use cases of offers (Angebote): the KI maintains
// the county-wide ones, each town's coordination its town's; anyone finds
// the published ones in the public directory; providers confirm their own
// offers by a signed link (confirm.go).
package offer

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/planwerk/planwerk/internal/domain"
)

// Store is what offers read and write; *postgres.DB implements it. Each
// write is one transaction with its audit event.
type Store interface {
	CreateOffer(ctx context.Context, actorID *int64, countyID, ownerID int64, f domain.OfferFields) (domain.Offer, error)
	UpdateOffer(ctx context.Context, actorID *int64, key domain.OfferKey, version int, f domain.OfferFields) (domain.Offer, error)
	SetOfferState(ctx context.Context, actorID *int64, key domain.OfferKey, version int, to domain.OfferState) (domain.Offer, error)
	FindOffer(ctx context.Context, key domain.OfferKey) (domain.Offer, error)
	FindOffers(ctx context.Context, countyID, ownerID int64) ([]domain.Offer, error)
	FindMunicipalities(ctx context.Context, countyID int64) ([]domain.Organisation, error)
	FindOfferMeasures(ctx context.Context, planID, ownerID int64) ([]domain.Measure, error)
	SearchOffers(ctx context.Context, q domain.OfferQuery) (domain.OfferResults, error)
	FindPublicOffer(ctx context.Context, publicID string) (domain.Offer, error)
	FindSearchMisses(ctx context.Context, limit int) ([]domain.SearchMiss, error)
	FindOfferTowns(ctx context.Context) ([]domain.Organisation, error)
	FindOffersModified(ctx context.Context) (time.Time, error)
	FindOpenOffers(ctx context.Context, afterID int64, modifiedSince *time.Time, limit int) ([]domain.Offer, error)
	SaveOfferTranslation(ctx context.Context, actorID *int64, key domain.OfferKey, t domain.OfferTranslation) (domain.Offer, error)
	LinkStore
	CategoryStore
}

// Settings are the offers' configuration (internal/config).
type Settings struct {
	// Secret signs confirmation links; empty: a random one per start.
	Secret []byte
	// LinkValidity is how long a confirmation link may be used.
	LinkValidity time.Duration
	// UnconfirmedAfter is how long an offer may go unconfirmed before it is
	// flagged to its maintainer and marked publicly.
	UnconfirmedAfter time.Duration
	// Licence is shown with every open dataset; LicenceURI names it for
	// harvesters (DCAT-AP.de's vocabulary).
	Licence, LicenceURI string
}

// Service runs the offers' use cases.
type Service struct {
	store    Store
	now      func() time.Time
	settings Settings
	mailer   ConfirmationMailer
}

// New returns the service on store; now is the clock (time.Now when nil).
func New(store Store, now func() time.Time, s Settings) *Service {
	if now == nil {
		now = time.Now
	}
	if len(s.Secret) == 0 {
		s.Secret = randomSecret()
	}
	if s.LinkValidity <= 0 {
		s.LinkValidity = 30 * 24 * time.Hour
	}
	if s.Licence == "" {
		s.Licence = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
		s.LicenceURI = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
	}
	if s.UnconfirmedAfter <= 0 {
		s.UnconfirmedAfter = 365 * 24 * time.Hour
	}
	return &Service{store: store, now: now, settings: s}
}

// UnconfirmedAfter is the configured period, for the pages' marks.
func (s *Service) UnconfirmedAfter() time.Duration { return s.settings.UnconfirmedAfter }

// Now is the service's clock.
func (s *Service) Now() time.Time { return s.now() }

// Create adds a draft offer maintained by the scope's organisation.
func (s *Service) Create(ctx context.Context, actor domain.Actor, sc domain.PlanScope, f domain.OfferFields) (domain.Offer, error) {
	f, err := s.checked(ctx, sc, f)
	if err != nil {
		return domain.Offer{}, err
	}
	return s.store.CreateOffer(ctx, actor.UserID(), sc.County.ID, sc.Org.ID, f)
}

// Update saves an offer's fields from version (optimistic locking).
func (s *Service) Update(ctx context.Context, actor domain.Actor, sc domain.PlanScope, id int64, version int,
	f domain.OfferFields) (domain.Offer, error) {
	f, err := s.checked(ctx, sc, f)
	if err != nil {
		return domain.Offer{}, err
	}
	return s.store.UpdateOffer(ctx, actor.UserID(), keyOf(sc, id), version, f)
}

// SetState publishes, withdraws or archives an offer from version.
func (s *Service) SetState(ctx context.Context, actor domain.Actor, sc domain.PlanScope, id int64, version int,
	to domain.OfferState) (domain.Offer, error) {
	return s.store.SetOfferState(ctx, actor.UserID(), keyOf(sc, id), version, to)
}

// Get reads one offer of the scope's organisation, in any state.
func (s *Service) Get(ctx context.Context, sc domain.PlanScope, id int64) (domain.Offer, error) {
	return s.store.FindOffer(ctx, keyOf(sc, id))
}

// OfOrganisation lists the offers the scope's organisation maintains.
func (s *Service) OfOrganisation(ctx context.Context, sc domain.PlanScope) ([]domain.Offer, error) {
	return s.store.FindOffers(ctx, sc.County.ID, sc.Org.ID)
}

// Choices are what an offer's form offers to pick: the county's towns and
// themes and the plan's measures the organisation can implement.
type Choices struct {
	Towns      []domain.Organisation
	Measures   []domain.Measure
	Categories domain.OfferCategoryList
}

// FormChoices reads the choices of the form in scope.
func (s *Service) FormChoices(ctx context.Context, sc domain.PlanScope) (Choices, error) {
	towns, err := s.store.FindMunicipalities(ctx, sc.County.ID)
	if err != nil {
		return Choices{}, err
	}
	measures, err := s.store.FindOfferMeasures(ctx, sc.Plan.ID, sc.Org.ID)
	if err != nil {
		return Choices{}, err
	}
	categories, err := s.store.FindOfferCategories(ctx, sc.County.ID)
	return Choices{Towns: towns, Measures: measures, Categories: categories}, err
}

// Check applies the offer rules to fields without saving them, for a form
// that has other problems too: one answer names all of them.
func (s *Service) Check(ctx context.Context, sc domain.PlanScope, f domain.OfferFields) error {
	_, err := s.checked(ctx, sc, f)
	return err
}

// checked applies the offer rules: the fields' own (domain.CheckOffer),
// that its themes are the county's, and that a town's offer serves at least
// that town; every problem is reported at once. Whether towns, measures and
// themes (a hidden one only if the offer had it) are the county's the store
// checks again, in the write's transaction.
func (s *Service) checked(ctx context.Context, sc domain.PlanScope, f domain.OfferFields) (domain.OfferFields, error) {
	themes, err := s.store.FindOfferCategories(ctx, sc.County.ID)
	if err != nil {
		return f, err
	}
	f, err = domain.CheckOffer(f)
	for _, code := range f.Categories {
		if _, ok := themes.Find(code); !ok {
			err = errors.Join(err, domain.Keyed(domain.CodeInvalid, "categories", "offer.err.choice", "unknown theme"))
			break
		}
	}
	if err != nil {
		return f, err
	}
	owner := sc.Org
	if owner.Kind == domain.OrgMunicipality && !slices.Contains(f.TownIDs, owner.ID) {
		f.TownIDs = append(f.TownIDs, owner.ID)
	}
	slices.Sort(f.TownIDs)
	f.TownIDs = slices.Compact(f.TownIDs)
	slices.Sort(f.MeasureIDs)
	f.MeasureIDs = slices.Compact(f.MeasureIDs)
	f.Categories = slices.Compact(slices.Sorted(slices.Values(f.Categories)))
	return f, nil
}

func keyOf(sc domain.PlanScope, id int64) domain.OfferKey {
	return domain.OfferKey{CountyID: sc.County.ID, OwnerOrgID: sc.Org.ID, ID: id}
}

// PageSize is how many hits the directory shows at once.
const PageSize = 20

// Search finds public offers. A search text that finds nothing is counted
// (lower case, at most 100 characters, nothing about who asked), in the
// same statement, so that every search costs the same.
func (s *Service) Search(ctx context.Context, q domain.OfferQuery) (domain.OfferResults, error) {
	q.Text = strings.Join(strings.Fields(q.Text), " ")
	if len([]rune(q.Text)) > 100 {
		q.Text = string([]rune(q.Text)[:100])
	}
	if q.Limit <= 0 || q.Limit > 100 {
		q.Limit = PageSize
	}
	if q.Offset == 0 {
		q.MissText = strings.ToLower(q.Text)
	}
	return s.store.SearchOffers(ctx, q)
}

// Public reads a published offer by its public id; an ended one too (its
// page says it ended), drafts and archived ones are not found.
func (s *Service) Public(ctx context.Context, publicID string) (domain.Offer, error) {
	return s.store.FindPublicOffer(ctx, publicID)
}

// Towns lists the towns the directory filters by.
func (s *Service) Towns(ctx context.Context) ([]domain.Organisation, error) {
	return s.store.FindOfferTowns(ctx)
}

// Modified is when the public offers last changed: the latest change of any
// offer, since withdrawing or archiving one changes them too.
func (s *Service) Modified(ctx context.Context) (time.Time, error) {
	return s.store.FindOffersModified(ctx)
}

// Misses lists the most frequent search texts that found nothing.
func (s *Service) Misses(ctx context.Context) ([]domain.SearchMiss, error) {
	return s.store.FindSearchMisses(ctx, 50)
}

// Translate saves an offer's texts in another language.
func (s *Service) Translate(ctx context.Context, actor domain.Actor, sc domain.PlanScope, id int64,
	t domain.OfferTranslation) (domain.Offer, error) {
	t, err := domain.CheckOfferTranslation(t)
	if err != nil {
		return domain.Offer{}, err
	}
	return s.store.SaveOfferTranslation(ctx, actor.UserID(), keyOf(sc, id), t)
}

// Open lists every public offer for open data, at most limit.
func (s *Service) Open(ctx context.Context, limit int) ([]domain.Offer, error) {
	return s.store.FindOpenOffers(ctx, 0, nil, limit)
}

// Licence is the open data's licence.
func (s *Service) Licence() string { return s.settings.Licence }

// LicenceURI is the open data's licence in DCAT-AP.de's vocabulary.
func (s *Service) LicenceURI() string { return s.settings.LicenceURI }
