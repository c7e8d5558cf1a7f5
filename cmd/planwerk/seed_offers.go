package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/planwerk/planwerk/internal/seed"
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
