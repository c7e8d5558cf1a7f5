package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// Translate exposes translate to the external tests (package postgres_test,
// which must be external because the test harness imports this package).
var Translate = translate

// RunForTest runs sql on the pool and translates its error, for tests of
// the error translation with statements no store method runs (pg_sleep).
func (db *DB) RunForTest(ctx context.Context, sql string) (int64, error) {
	tag, err := db.pool.Exec(ctx, sql)
	return tag.RowsAffected(), translate(err, "database")
}

// InsertReportCellsForTest counts a draft report's rows into report_cells as
// freezing does, for tests that build a report's rows by hand.
func (db *DB) InsertReportCellsForTest(ctx context.Context, reportID int64) error {
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error { return insertReportCells(ctx, tx, reportID) })
}
