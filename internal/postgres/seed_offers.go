package postgres

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
	"github.com/planwerk/planwerk/internal/seed"
)

// SeedDemoOffers loads the demo county's offers, linked to measures of the
// plan planSlug by code, in one transaction; it is idempotent: when the
// plan's county has offers already it does nothing and returns (false, nil).
// Like the rest of the demo history, nothing of this is audited.
func (db *DB) SeedDemoOffers(ctx context.Context, planSlug string, offers []seed.DemoOffer) (created bool, err error) {
	err = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, seedLockKey); err != nil {
			return fmt.Errorf("advisory lock: %w", err)
		}
		var planID, countyID int64
		var exists bool
		err := tx.QueryRow(ctx, `SELECT p.id, p.owner_id, EXISTS (SELECT 1 FROM offers WHERE county_id = p.owner_id)
			FROM plans p WHERE p.slug = $1`, planSlug).Scan(&planID, &countyID, &exists)
		if err != nil || exists {
			return err
		}
		created = true
		for _, o := range offers {
			if err := seedOffer(ctx, tx, planID, countyID, o); err != nil {
				return fmt.Errorf("offer %s: %w", o.Title, err)
			}
		}
		return nil
	})
	if err != nil {
		return false, translate(fmt.Errorf("seed demo offers: %w", err), "offer")
	}
	return created, nil
}

func seedOffer(ctx context.Context, tx pgx.Tx, planID, countyID int64, o seed.DemoOffer) error {
	hours := domain.OpeningHours{ByAppointment: o.Appointment}
	for _, s := range o.Hours {
		hours.Slots = append(hours.Slots, domain.TimeSlot{Day: s.Day, From: s.From, To: s.To})
	}
	hoursJSON, err := json.Marshal(hours)
	if err != nil {
		return err
	}
	var id int64
	err = tx.QueryRow(ctx, `
		INSERT INTO offers (county_id, owner_org_id, title, description, provider, categories, target_groups,
			languages, town_ids, street, postcode, city, opening_hours, contact_email, contact_phone, website,
			fees, eligibility, step_free, status, state, confirmed_at, text_changed_at, created_at, updated_at)
		SELECT $1, (SELECT id FROM organisations WHERE slug = $2), $3, $4, $5, $6, $7, $8,
			coalesce((SELECT array_agg(id ORDER BY id) FROM organisations WHERE slug = ANY ($9) AND parent_id = $1), '{}'),
			$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $22, $22, $22
		RETURNING id`, countyID, o.Owner, o.Title, o.Description, o.Provider, nonNil(o.Categories),
		nonNil(o.Groups), nonNil(o.Languages), nonNil(o.Towns), o.Street, o.Postcode, o.City, hoursJSON, o.Email,
		o.Phone, o.Website, o.Fees, o.Eligibility, o.StepFree, o.Status, o.State, o.ConfirmedAt).Scan(&id)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE offers o SET search_extra = `+searchExtraSQL+` WHERE o.id = $1`, id); err != nil {
		return err
	}
	tag, err := tx.Exec(ctx, `INSERT INTO offer_measures (offer_id, measure_id)
		SELECT $1, id FROM measures WHERE plan_id = $2 AND code = ANY ($3)`, id, planID, nonNil(o.MeasureCodes))
	if err != nil {
		return err
	}
	if int(tag.RowsAffected()) != len(o.MeasureCodes) {
		return fmt.Errorf("measures %v: only %d in the plan", o.MeasureCodes, tag.RowsAffected())
	}
	if t := o.TranslationEN; t != nil {
		_, err = tx.Exec(ctx, `INSERT INTO offer_translations (offer_id, lang, title, description, translated_at)
			VALUES ($1, 'en', $2, $3, $4)`, id, t.Title, t.Description, o.ConfirmedAt)
	}
	return err
}
