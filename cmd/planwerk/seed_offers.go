package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/planwerk/planwerk/internal/config"
	"github.com/planwerk/planwerk/internal/seed"
	offersvc "github.com/planwerk/planwerk/internal/service/offer"
)

// seedDemoOffers loads the demo county's offers for the public directory
// unless it has some already.
func seedDemoOffers(ctx context.Context, db *database, log *slog.Logger) error {
	offers := seed.DemoOffers(time.Now())
	created, err := db.SeedDemoOffers(ctx, seed.ConceptSlug, offers)
	if created {
		log.Info("Beispielangebote geladen", "angebote", len(offers))
	}
	return err
}

// offerSettings are the offers' settings from the configuration.
func offerSettings(cfg config.Config) offersvc.Settings {
	return offersvc.Settings{Secret: []byte(cfg.OfferSecret), LinkValidity: cfg.LinkValidity(),
		UnconfirmedAfter: cfg.UnconfirmedAfter(), Licence: cfg.Licence().Name, LicenceURI: cfg.Licence().URI}
}
