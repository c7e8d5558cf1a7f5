-- +goose Up
-- The themes (Themen) of offers are a small taxonomy each county's KI keeps:
-- renamed, reordered, added, hidden — never deleted, because offers and
-- filter addresses (/angebote?thema=sprache) refer to them by code. The code
-- is made once from the German name and then stays.
CREATE TABLE offer_categories (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    county_id  bigint      NOT NULL REFERENCES organisations (id),
    code       text        NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
    label_de   text        NOT NULL CHECK (length(label_de) BETWEEN 1 AND 80),
    -- Empty: the German name is shown in English too.
    label_en   text        NOT NULL DEFAULT '' CHECK (length(label_en) <= 80),
    position   integer     NOT NULL CHECK (position BETWEEN 1 AND 1000),
    -- A hidden theme is no longer offered in forms and filters; offers that
    -- have it keep it and still show it.
    hidden     boolean     NOT NULL DEFAULT false,
    version    integer     NOT NULL DEFAULT 1 CHECK (version >= 1),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (county_id, code)
);

-- The themes a county starts with, for the counties there are and every
-- county created later.
-- +goose StatementBegin
CREATE FUNCTION planwerk_default_offer_categories(county bigint) RETURNS void
    LANGUAGE sql
    BEGIN ATOMIC
        INSERT INTO offer_categories (county_id, code, label_de, label_en, position)
        SELECT county, d.code, d.label_de, d.label_en, d.position
        FROM (VALUES ('sprache', 'Sprache', 'Language', 1), ('bildung', 'Bildung', 'Education', 2),
                     ('arbeit', 'Arbeit', 'Work', 3), ('wohnen', 'Wohnen', 'Housing', 4),
                     ('gesundheit', 'Gesundheit', 'Health', 5), ('beratung', 'Beratung', 'Counselling', 6),
                     ('familie', 'Kinder und Familie', 'Children and family', 7),
                     ('freizeit', 'Freizeit und Begegnung', 'Leisure and meeting people', 8))
             AS d (code, label_de, label_en, position)
        ON CONFLICT (county_id, code) DO NOTHING;
    END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION planwerk_county_offer_categories() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM planwerk_default_offer_categories(NEW.id);
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER organisations_offer_categories AFTER INSERT ON organisations
    FOR EACH ROW WHEN (NEW.kind = 'county') EXECUTE FUNCTION planwerk_county_offer_categories();

SELECT planwerk_default_offer_categories(id) FROM organisations WHERE kind = 'county';

-- Changes to themes are audited like every other change.
-- +goose StatementBegin
DO $$
DECLARE def text;
BEGIN
    SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
    WHERE conrelid = 'audit_events'::regclass AND conname = 'audit_events_entity_check';
    IF def NOT LIKE '%''offer_category''%' THEN
        EXECUTE 'ALTER TABLE audit_events DROP CONSTRAINT audit_events_entity_check';
        EXECUTE 'ALTER TABLE audit_events ADD CONSTRAINT audit_events_entity_check '
            || replace(def, 'ARRAY[', 'ARRAY[''offer_category''::text, ');
    END IF;
END $$;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER organisations_offer_categories ON organisations;
DROP FUNCTION planwerk_county_offer_categories();
DROP FUNCTION planwerk_default_offer_categories(bigint);
DROP TABLE offer_categories;
