-- +goose Up
-- The words offers are found by (titles, providers, towns served, places;
-- folded), each once. A search corrects a misspelt word against this short
-- list (pg_trgm similarity on its index) and then reads only the full-text
-- index. Comparing the misspelt text with every offer's words instead made
-- the planner read every offer: it takes word similarity for cheap.
--
-- Words are only ever added: a word whose offer changed or left only makes a
-- correction that finds nothing more, and the list shows nobody anything.
CREATE TABLE offer_words (
    word text PRIMARY KEY CHECK (length(word) BETWEEN 3 AND 100)
);
CREATE INDEX offer_words_trgm_idx ON offer_words USING gin (word gin_trgm_ops);

-- Once per statement, over the rows it wrote (a bulk insert of 10,000
-- offers runs it once, not 10,000 times).
-- +goose StatementBegin
CREATE FUNCTION offer_words_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO offer_words (word)
    SELECT DISTINCT w FROM written, regexp_split_to_table(written.search_words, '[^[:alnum:]]+') AS w
    WHERE length(w) BETWEEN 3 AND 100
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER offers_words_inserted AFTER INSERT ON offers
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION offer_words_keep();
CREATE TRIGGER offers_words_updated AFTER UPDATE ON offers
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION offer_words_keep();

INSERT INTO offer_words (word)
SELECT DISTINCT w FROM offers, regexp_split_to_table(search_words, '[^[:alnum:]]+') AS w
WHERE length(w) BETWEEN 3 AND 100
ON CONFLICT DO NOTHING;

-- +goose Down
DROP TRIGGER offers_words_inserted ON offers;
DROP TRIGGER offers_words_updated ON offers;
DROP FUNCTION offer_words_keep();
DROP TABLE offer_words;
