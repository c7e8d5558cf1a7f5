package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"time"

	"github.com/planwerk/planwerk/internal/config"
	"github.com/planwerk/planwerk/internal/seed"
)

func runSeed(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	flags := flag.NewFlagSet("seed", flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	demo := flags.Bool("demo", false, "Beispieldaten des Kreises Coesfeld laden")
	if err := flags.Parse(args); err != nil || !*demo {
		return errors.New("Aufruf: planwerk seed --demo (lädt die Beispieldaten des Kreises Coesfeld)")
	}
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(log)
	return seedDemo(ctx, db, log)
}

// seedDemo loads Kreis Coesfeld's current integration concept and its
// predecessor unless they are there already: seeding is idempotent, so
// `make run` can call it on every start.
func seedDemo(ctx context.Context, db *database, log *slog.Logger) error {
	orgs := seed.Organisations()
	for _, concept := range []seed.Concept{seed.CoesfeldConcept(), seed.PreviousCoesfeldConcept()} {
		start := time.Now()
		impls := seed.DemoImplementations(concept, orgs, time.Now())
		created, err := db.SeedDemo(ctx, concept, orgs, impls)
		if err != nil {
			return err
		}
		if created {
			log.Info("Beispieldaten geladen", "plan", concept.Title, "umsetzungen", len(impls), "dauer", time.Since(start).Round(time.Millisecond))
		} else {
			log.Info("Beispieldaten sind bereits vorhanden", "plan", concept.Title)
		}
	}
	// Two frozen status reports and an open reporting round of the current plan.
	reports, round := seed.DemoReporting(seed.CoesfeldConcept(), time.Now())
	created, err := db.SeedDemoReporting(ctx, seed.ConceptSlug, reports, round)
	if err != nil {
		return err
	}
	if created {
		log.Info("Beispielberichte und Berichtsrunde geladen", "berichte", len(reports), "runde", round.Title)
	}
	return seedDemoOffers(ctx, db, log)
}
