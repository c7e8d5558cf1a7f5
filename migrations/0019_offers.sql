-- +goose Up
-- Offers (Angebote): local services for migrants that the KI (county-wide)
-- and each town's coordination (their town's) maintain, and that anyone finds
-- without signing in. German full-text search folds umlauts and ß both ways
-- ("Duelmen" and "Dulmen" find "Dülmen"); pg_trgm forgives typos.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- planwerk_fold spells German text the way a keyboard without umlauts does
-- (ä → ae, ß → ss) and strips every other accent. unaccent() itself is only
-- STABLE (its dictionary could change); naming the dictionary makes the
-- wrapper safe to declare IMMUTABLE for generated columns and indexes.
-- +goose StatementBegin
CREATE FUNCTION planwerk_fold(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN public.unaccent('public.unaccent'::regdictionary,
        translate(replace(replace(replace(replace(lower(t), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'),
                  'ÄÖÜ', 'aou'));
-- +goose StatementEnd

-- German stemming on folded words: "Sprachkurse" and "Sprachkurs" meet.
CREATE TEXT SEARCH CONFIGURATION planwerk_german (COPY = pg_catalog.german);
ALTER TEXT SEARCH CONFIGURATION planwerk_german
    ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, german_stem;

CREATE TABLE offers (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The public address of an offer: random, so that nobody walks the ids
    -- to find drafts or archived offers.
    public_id       text        NOT NULL UNIQUE
                    DEFAULT substr(replace(gen_random_uuid()::text, '-', ''), 1, 16),
    county_id       bigint      NOT NULL REFERENCES organisations (id),
    -- Who maintains it: the county office (county-wide) or one town.
    owner_org_id    bigint      NOT NULL REFERENCES organisations (id),
    title           text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description     text        NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    provider        text        NOT NULL CHECK (length(provider) BETWEEN 1 AND 200),
    categories      text[]      NOT NULL DEFAULT '{}',
    target_groups   text[]      NOT NULL DEFAULT '{}',
    languages       text[]      NOT NULL DEFAULT '{}',
    -- Towns served; empty: the whole county.
    town_ids        bigint[]    NOT NULL DEFAULT '{}',
    street          text        NOT NULL DEFAULT '' CHECK (length(street) <= 200),
    postcode        text        NOT NULL DEFAULT '' CHECK (postcode ~ '^([0-9]{5})?$'),
    city            text        NOT NULL DEFAULT '' CHECK (length(city) <= 100),
    latitude        double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude       double precision CHECK (longitude BETWEEN -180 AND 180),
    -- {"slots": [{"day": 1, "from": "09:00", "to": "12:00"}], "by_appointment": true}
    opening_hours   jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(opening_hours) = 'object'),
    contact_email   text        NOT NULL DEFAULT '' CHECK (length(contact_email) <= 320),
    contact_phone   text        NOT NULL DEFAULT '' CHECK (length(contact_phone) <= 40),
    website         text        NOT NULL DEFAULT '' CHECK (length(website) <= 500),
    -- A person's name only with their consent.
    contact_person  text        NOT NULL DEFAULT '' CHECK (length(contact_person) <= 200),
    person_consent  boolean     NOT NULL DEFAULT false,
    fees            text        NOT NULL DEFAULT '' CHECK (length(fees) <= 1000),
    eligibility     text        NOT NULL DEFAULT '' CHECK (length(eligibility) <= 1000),
    step_free       text        NOT NULL DEFAULT 'unknown' CHECK (step_free IN ('yes', 'no', 'unknown')),
    status          text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'temporarily_closed', 'ended')),
    closed_until    date,
    state           text        NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'archived')),
    -- When someone last confirmed the entry (HSDS "assured date").
    confirmed_at    timestamptz NOT NULL DEFAULT now(),
    -- When the German texts last changed: translations older than it are outdated.
    text_changed_at timestamptz NOT NULL DEFAULT now(),
    version         integer     NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    -- Names of the towns served, kept by the store, so that "Dülmen" finds
    -- offers of Dülmen whatever their address.
    search_extra    text        NOT NULL DEFAULT '',
    search_doc      tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('planwerk_german', planwerk_fold(title)), 'A') ||
        setweight(to_tsvector('planwerk_german', planwerk_fold(provider || ' ' || search_extra || ' ' || city)), 'B') ||
        setweight(to_tsvector('planwerk_german', planwerk_fold(description)), 'C')) STORED,
    search_words    text GENERATED ALWAYS AS (
        planwerk_fold(title || ' ' || provider || ' ' || search_extra || ' ' || city)) STORED,
    CHECK (person_consent OR contact_person = ''),
    CHECK ((latitude IS NULL) = (longitude IS NULL)),
    CHECK (status = 'temporarily_closed' OR closed_until IS NULL)
);
CREATE INDEX offers_owner_idx ON offers (owner_org_id, updated_at DESC);
CREATE INDEX offers_public_idx ON offers (title, id) WHERE state = 'published';
CREATE INDEX offers_search_doc_idx ON offers USING gin (search_doc);
CREATE INDEX offers_search_words_idx ON offers USING gin (search_words gin_trgm_ops);
CREATE INDEX offers_filters_idx ON offers USING gin (categories, target_groups, languages, town_ids);

-- The measures of a plan an offer implements; shown on those implementations.
CREATE TABLE offer_measures (
    offer_id   bigint NOT NULL REFERENCES offers (id),
    measure_id bigint NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    PRIMARY KEY (offer_id, measure_id)
);
CREATE INDEX offer_measures_measure_idx ON offer_measures (measure_id);

-- Search words that found nothing: the text and a count, nothing about who.
CREATE TABLE search_misses (
    query     text        PRIMARY KEY CHECK (length(query) BETWEEN 1 AND 200),
    misses    integer     NOT NULL DEFAULT 1 CHECK (misses >= 1),
    last_seen timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX search_misses_count_idx ON search_misses (misses DESC, query);

-- Offers are audited like every other change. The entity list is extended,
-- not restated, so that migrations adding other entities compose.
-- +goose StatementBegin
DO $$
DECLARE def text;
BEGIN
    SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
    WHERE conrelid = 'audit_events'::regclass AND conname = 'audit_events_entity_check';
    IF def NOT LIKE '%''offer''%' THEN
        EXECUTE 'ALTER TABLE audit_events DROP CONSTRAINT audit_events_entity_check';
        EXECUTE 'ALTER TABLE audit_events ADD CONSTRAINT audit_events_entity_check '
            || replace(def, 'ARRAY[', 'ARRAY[''offer''::text, ');
    END IF;
END $$;
-- +goose StatementEnd

-- +goose Down
DROP TABLE search_misses, offer_measures, offers;
DROP TEXT SEARCH CONFIGURATION planwerk_german;
DROP FUNCTION planwerk_fold(text);
