package postgres

import (
	"context"
	"encoding/json"
	"reflect"

	"github.com/jackc/pgx/v5"

	"github.com/planwerk/planwerk/internal/domain"
)

// offerColumns reads an offer with its owner, towns served, linked measures
// and open tasks, in the one statement that reads the offer.
const offerColumns = offerFields + `
	FROM offers o JOIN organisations ow ON ow.id = o.owner_org_id`

const offerFields = `o.id, o.public_id, o.county_id, o.owner_org_id, ow.slug AS owner_slug, ow.name AS owner_name,
	o.title, o.description, o.provider, o.categories, o.target_groups, o.languages, o.town_ids,
	o.street, o.postcode, o.city, o.latitude, o.longitude, o.opening_hours,
	o.contact_email, o.contact_phone, o.website, o.contact_person, o.person_consent,
	o.fees, o.eligibility, o.step_free, o.status, o.closed_until,
	ARRAY(SELECT om.measure_id FROM offer_measures om WHERE om.offer_id = o.id ORDER BY om.measure_id) AS measure_ids,
	o.state, o.confirmed_at, o.text_changed_at, o.updated_at, o.version,
	ARRAY(SELECT t.name FROM organisations t WHERE t.id = ANY (o.town_ids) ORDER BY t.name) AS town_names,
	(SELECT count(*) FROM offer_confirmations c
	 WHERE c.offer_id = o.id AND c.answer = 'change' AND c.task_done_at IS NULL)::int AS open_tasks,
	coalesce((SELECT json_agg(json_build_object('lang', t.lang, 'title', t.title, 'description', t.description,
	        'fees', t.fees, 'eligibility', t.eligibility, 'translated_at', t.translated_at,
	        'outdated', t.translated_at < o.text_changed_at) ORDER BY t.lang)
	 FROM offer_translations t WHERE t.offer_id = o.id), '[]') AS translations,
	coalesce((SELECT json_agg(json_build_object('code', k.code, 'de', k.label_de, 'en', k.label_en) ORDER BY k.position, k.code)
	 FROM offer_categories k WHERE k.county_id = o.county_id AND k.code = ANY (o.categories)), '[]') AS category_names`

// searchExtraSQL are the names the search finds an offer by besides its
// texts: the towns it serves, or the county when it serves all of them.
const searchExtraSQL = `coalesce((SELECT string_agg(t.name, ' ') FROM organisations t WHERE t.id = ANY (o.town_ids)), '')
	|| CASE WHEN o.town_ids = '{}' THEN (SELECT c.name FROM organisations c WHERE c.id = o.county_id) ELSE '' END`

// CreateOffer adds a draft offer maintained by owner, with its audit event.
func (db *DB) CreateOffer(ctx context.Context, actorID *int64, countyID, ownerID int64, f domain.OfferFields) (domain.Offer, error) {
	var offer domain.Offer
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if err := checkOfferRefs(ctx, tx, countyID, 0, f); err != nil {
			return err
		}
		var id int64
		err := tx.QueryRow(ctx, `INSERT INTO offers (county_id, owner_org_id, title, provider)
			VALUES ($1, $2, $3, $4) RETURNING id`, countyID, ownerID, f.Title, f.Provider).Scan(&id)
		if err != nil {
			return err
		}
		if err := writeOfferFields(ctx, tx, id, f, false); err != nil {
			return err
		}
		if offer, err = findOffer(ctx, tx, domain.OfferKey{CountyID: countyID, OwnerOrgID: ownerID, ID: id}, false); err != nil {
			return err
		}
		return insertAuditEvent(ctx, tx, auditEntry{ActorID: actorID, OrganisationID: &ownerID, Entity: "offer",
			EntityID: id, Action: "create", Changes: offerChanges(domain.OfferFields{}, offer.OfferFields)})
	})
	return offer, translate(err, "offer")
}

// UpdateOffer saves an offer's fields, provided nobody saved since
// expectedVersion; else a conflict wrapping domain.ErrStaleVersion.
func (db *DB) UpdateOffer(ctx context.Context, actorID *int64, key domain.OfferKey, expectedVersion int,
	f domain.OfferFields) (domain.Offer, error) {
	var offer domain.Offer
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		current, err := findOffer(ctx, tx, key, true)
		if err != nil {
			return err
		}
		if current.Version != expectedVersion {
			return staleVersion("offer.err.stale", "offer changed since it was read")
		}
		if err := checkOfferRefs(ctx, tx, key.CountyID, key.ID, f); err != nil {
			return err
		}
		changes := offerChanges(current.OfferFields, f)
		if len(changes) == 0 {
			offer = current
			return nil
		}
		_, textChanged := changes["Title"]
		for _, k := range []string{"Description", "Fees", "Eligibility"} {
			if _, ok := changes[k]; ok {
				textChanged = true
			}
		}
		if err := writeOfferFields(ctx, tx, key.ID, f, textChanged); err != nil {
			return err
		}
		if offer, err = findOffer(ctx, tx, key, false); err != nil {
			return err
		}
		return insertAuditEvent(ctx, tx, auditEntry{ActorID: actorID, OrganisationID: &key.OwnerOrgID,
			Entity: "offer", EntityID: key.ID, Action: "update", Changes: changes})
	})
	return offer, translate(err, "offer")
}

// SetOfferState publishes, withdraws or archives an offer from
// expectedVersion; the rule is domain.OfferStateChange.
func (db *DB) SetOfferState(ctx context.Context, actorID *int64, key domain.OfferKey, expectedVersion int,
	to domain.OfferState) (domain.Offer, error) {
	var offer domain.Offer
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		current, err := findOffer(ctx, tx, key, true)
		if err != nil {
			return err
		}
		if current.Version != expectedVersion {
			return staleVersion("offer.err.stale", "offer changed since it was read")
		}
		if err := domain.OfferStateChange(current.State, to); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE offers SET state = $2, version = version + 1, updated_at = now()
			WHERE id = $1`, key.ID, to); err != nil {
			return err
		}
		if offer, err = findOffer(ctx, tx, key, false); err != nil {
			return err
		}
		return insertAuditEvent(ctx, tx, auditEntry{ActorID: actorID, OrganisationID: &key.OwnerOrgID,
			Entity: "offer", EntityID: key.ID, Action: "update",
			Changes: map[string]domain.Change{"State": {Old: current.State, New: to}}})
	})
	return offer, translate(err, "offer")
}

// FindOffer reads one offer at its internal address (any state).
func (db *DB) FindOffer(ctx context.Context, key domain.OfferKey) (domain.Offer, error) {
	var offer domain.Offer
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var err error
		offer, err = findOffer(ctx, tx, key, false)
		return err
	})
	return offer, translate(err, "offer")
}

// FindOffers lists the offers an organisation maintains, archived last.
func (db *DB) FindOffers(ctx context.Context, countyID, ownerID int64) ([]domain.Offer, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+offerColumns+`
		WHERE o.county_id = $1 AND o.owner_org_id = $2
		ORDER BY o.state = 'archived', o.title, o.id`, countyID, ownerID)
	if err != nil {
		return nil, translate(err, "offer")
	}
	offers, err := pgx.CollectRows(rows, pgx.RowToStructByName[domain.Offer])
	return offers, translate(err, "offer")
}

func findOffer(ctx context.Context, tx pgx.Tx, key domain.OfferKey, lock bool) (domain.Offer, error) {
	q := `SELECT ` + offerColumns + ` WHERE o.id = $1 AND o.county_id = $2 AND o.owner_org_id = $3`
	if lock {
		q += ` FOR UPDATE OF o`
	}
	rows, _ := tx.Query(ctx, q, key.ID, key.CountyID, key.OwnerOrgID)
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[domain.Offer])
}

// writeOfferFields stores f on offer id, its measures and the names it is
// found by; textChanged marks its translations outdated.
func writeOfferFields(ctx context.Context, tx pgx.Tx, id int64, f domain.OfferFields, textChanged bool) error {
	hours, err := json.Marshal(f.Hours)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `
		UPDATE offers o SET title = $2, description = $3, provider = $4, categories = $5, target_groups = $6,
			languages = $7, town_ids = $8, street = $9, postcode = $10, city = $11, latitude = $12, longitude = $13,
			opening_hours = $14, contact_email = $15, contact_phone = $16, website = $17, contact_person = $18,
			person_consent = $19, fees = $20, eligibility = $21, step_free = $22, status = $23, closed_until = $24,
			text_changed_at = CASE WHEN $25 THEN now() ELSE text_changed_at END,
			version = version + 1, updated_at = now()
		WHERE id = $1`, id, f.Title, f.Description, f.Provider, nonNil(f.Categories), nonNil(f.TargetGroups),
		nonNil(f.Languages), nonNilIDs(f.TownIDs), f.Street, f.Postcode, f.City, f.Latitude, f.Longitude, hours,
		f.ContactEmail, f.ContactPhone, f.Website, f.ContactPerson, f.PersonConsent, f.Fees, f.Eligibility,
		f.StepFree, f.Status, f.ClosedUntil, textChanged)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE offers o SET search_extra = `+searchExtraSQL+` WHERE o.id = $1`, id); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM offer_measures WHERE offer_id = $1 AND NOT (measure_id = ANY ($2))`,
		id, nonNilIDs(f.MeasureIDs)); err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO offer_measures (offer_id, measure_id)
		SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING`, id, nonNilIDs(f.MeasureIDs))
	return err
}

// checkOfferRefs checks that the towns, measures and themes of an offer
// (offerID; 0 for a new one) are its county's. A hidden theme is refused
// unless the offer already has it.
func checkOfferRefs(ctx context.Context, tx pgx.Tx, countyID, offerID int64, f domain.OfferFields) error {
	var townsOK, measuresOK, categoriesOK bool
	categories := f.Categories
	if categories == nil {
		categories = []string{}
	}
	err := tx.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM organisations WHERE id = ANY ($2) AND parent_id = $1) = cardinality($2::bigint[]),
		(SELECT count(*) FROM measures m JOIN plans p ON p.id = m.plan_id
		 WHERE m.id = ANY ($3) AND p.owner_id = $1) = cardinality($3::bigint[]),
		(SELECT count(*) FROM offer_categories k WHERE k.county_id = $1 AND k.code = ANY ($4)
		   AND (NOT k.hidden OR EXISTS (SELECT 1 FROM offers o WHERE o.id = $5 AND k.code = ANY (o.categories))))
		 = cardinality($4::text[])`,
		countyID, nonNilIDs(f.TownIDs), nonNilIDs(f.MeasureIDs), categories, offerID).Scan(&townsOK, &measuresOK, &categoriesOK)
	switch {
	case err != nil:
		return err
	case !townsOK:
		return domain.Keyed(domain.CodeInvalid, "towns", "offer.err.towns", "town outside the county")
	case !measuresOK:
		return domain.Keyed(domain.CodeInvalid, "measures", "offer.err.measures", "measure of another county")
	case !categoriesOK:
		return domain.Keyed(domain.CodeInvalid, "categories", "offer.err.choice", "theme not offered in the county")
	}
	return nil
}

// offerChanges lists the fields that differ, by name, for the audit log.
func offerChanges(old, updated domain.OfferFields) map[string]domain.Change {
	changes := map[string]domain.Change{}
	ov, nv := reflect.ValueOf(old), reflect.ValueOf(updated)
	for i := range ov.NumField() {
		a, b := ov.Field(i).Interface(), nv.Field(i).Interface()
		if !reflect.DeepEqual(normalise(a), normalise(b)) {
			changes[ov.Type().Field(i).Name] = domain.Change{Old: a, New: b}
		}
	}
	return changes
}

// normalise treats an empty list like none, as the database does.
func normalise(v any) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Slice && rv.Len() == 0 {
		return nil
	}
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		return rv.Elem().Interface()
	}
	if h, ok := v.(domain.OpeningHours); ok && len(h.Slots) == 0 {
		h.Slots = nil
		return h
	}
	return v
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilIDs(s []int64) []int64 {
	if s == nil {
		return []int64{}
	}
	return s
}

// SaveOfferTranslation writes an offer's texts in another language, as
// current from now on, with its audit event.
func (db *DB) SaveOfferTranslation(ctx context.Context, actorID *int64, key domain.OfferKey,
	t domain.OfferTranslation) (domain.Offer, error) {
	var offer domain.Offer
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		current, err := findOffer(ctx, tx, key, true)
		if err != nil {
			return err
		}
		old, _ := current.Translation(t.Lang)
		if _, err := tx.Exec(ctx, `
			INSERT INTO offer_translations (offer_id, lang, title, description, fees, eligibility)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (offer_id, lang) DO UPDATE SET title = $3, description = $4, fees = $5, eligibility = $6,
				translated_at = now()`, key.ID, t.Lang, t.Title, t.Description, t.Fees, t.Eligibility); err != nil {
			return err
		}
		if offer, err = findOffer(ctx, tx, key, false); err != nil {
			return err
		}
		return insertAuditEvent(ctx, tx, auditEntry{ActorID: actorID, OrganisationID: &key.OwnerOrgID,
			Entity: "offer", EntityID: key.ID, Action: "update", Changes: map[string]domain.Change{
				"translation_" + t.Lang: {Old: old.Title + "\n" + old.Description, New: t.Title + "\n" + t.Description}}})
	})
	return offer, translate(err, "offer")
}
