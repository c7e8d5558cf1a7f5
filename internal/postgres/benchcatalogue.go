package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// BenchImportPlanSlug is the empty plan the benchmark imports a catalogue
// into, beside the benchmark plan, under the same county and towns.
const BenchImportPlanSlug = "katalog-import-benchmark"

// ResetBenchImportPlan deletes the benchmark's import plan with everything
// in it and creates it empty again, with a user to import as.
func (db *DB) ResetBenchImportPlan(ctx context.Context) (domain.Plan, int64, error) {
	var userID int64
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if err := dropBenchImportPlan(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO plans (owner_id, slug, title)
			SELECT owner_id, $2, 'Katalogimport (Benchmark)' FROM plans WHERE slug = $1`, BenchPlanSlug, BenchImportPlanSlug); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `INSERT INTO users (issuer, subject, name) VALUES ('bench', 'katalog-import', 'Benchmark')
			ON CONFLICT (issuer, subject) DO UPDATE SET name = excluded.name RETURNING id`).Scan(&userID)
	})
	if err != nil {
		return domain.Plan{}, 0, translate(err, "benchDataset")
	}
	plan, err := db.FindPlanBySlug(ctx, BenchImportPlanSlug)
	return plan, userID, err
}

// DropBenchImportPlan deletes the benchmark's import plan, its catalogue
// and implementations, so the benchmark dataset stays as generated.
func (db *DB) DropBenchImportPlan(ctx context.Context) error {
	return translate(pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error { return dropBenchImportPlan(ctx, tx) }), "benchDataset")
}

// dropBenchImportPlan deletes the import plan within tx.
// Deleting some 80,000 implementations with their kept counts takes longer
// than the statement timeout meant for page queries.
func dropBenchImportPlan(ctx context.Context, tx pgx.Tx) error {
	if _, err := tx.Exec(ctx, "SET LOCAL statement_timeout = 0"); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `DELETE FROM plans WHERE slug = $1`, BenchImportPlanSlug)
	return err
}
