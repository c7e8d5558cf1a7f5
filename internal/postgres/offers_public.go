package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// FindPublicOffer reads an offer by its public id; drafts and archived
// offers are not found, whatever their id.
func (db *DB) FindPublicOffer(ctx context.Context, publicID string) (domain.Offer, error) {
	rows, _ := db.pool.Query(ctx, `SELECT `+offerColumns+` WHERE o.public_id = $1 AND o.state = 'published'`, publicID)
	offer, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.Offer])
	return offer, translate(err, "offer")
}

// FindSearchMisses lists the most frequent search texts that found nothing.
func (db *DB) FindSearchMisses(ctx context.Context, limit int) ([]domain.SearchMiss, error) {
	rows, err := db.pool.Query(ctx, `SELECT query, misses, last_seen FROM search_misses
		ORDER BY misses DESC, query LIMIT $1`, limit)
	if err != nil {
		return nil, translate(err, "searchMiss")
	}
	misses, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.SearchMiss])
	return misses, translate(err, "searchMiss")
}

// FindOfferTowns lists the towns of every county that has public offers, for
// the directory's filter.
func (db *DB) FindOfferTowns(ctx context.Context) ([]domain.Organisation, error) {
	rows, err := db.pool.Query(ctx, `SELECT t.id, t.slug, t.name, t.kind FROM organisations t
		WHERE t.kind = 'municipality' AND EXISTS (SELECT 1 FROM offers o
			WHERE o.county_id = t.parent_id AND o.state = 'published')
		ORDER BY t.name`)
	if err != nil {
		return nil, translate(err, "municipality")
	}
	towns, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.Organisation])
	return towns, translate(err, "municipality")
}

// FindOpenOffers lists public offers for open data by id after afterID,
// changed since modifiedSince (nil: all), at most limit.
func (db *DB) FindOpenOffers(ctx context.Context, afterID int64, modifiedSince *time.Time, limit int) ([]domain.Offer, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+offerColumns+`
		WHERE o.state = 'published' AND o.status <> 'ended' AND o.id > $1
		  AND ($2::timestamptz IS NULL OR o.updated_at >= $2)
		ORDER BY o.id LIMIT $3`, afterID, modifiedSince, limit)
	if err != nil {
		return nil, translate(err, "offer")
	}
	offers, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.Offer])
	return offers, translate(err, "offer")
}

// FindOffersModified is the latest change of any offer (the epoch when there
// are none): the open offers' modification time.
func (db *DB) FindOffersModified(ctx context.Context) (time.Time, error) {
	var t time.Time
	err := db.pool.QueryRow(ctx, `SELECT coalesce(max(updated_at), 'epoch') FROM offers`).Scan(&t)
	return t, translate(err, "offer")
}
