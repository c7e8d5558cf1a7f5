-- +goose Up
-- Staleness from the right start: a measure decided relevant today must not
-- count as "no progress report for 180 days". The clock of an implementation
-- starts at the latest of its relevance decision, its start date and its last
-- progress report (stale_clock); it is stale when that day lies more than
-- the plan's update interval back (domain.Implementation.Stale).
ALTER TABLE implementations ADD COLUMN relevance_decided_on date;

-- Decisions made before this migration: the day of the last relevance change
-- in the audit log, else the day the row was created (rows created decided,
-- as seeded ones are, were decided then).
UPDATE implementations i SET relevance_decided_on = coalesce(
    (SELECT max(ae.occurred_at)::date FROM audit_events ae
     WHERE ae.entity = 'implementation' AND ae.entity_id = i.id AND ae.changes ? 'relevance'),
    i.created_at::date)
WHERE i.relevance <> 'open';

ALTER TABLE implementations
    ADD CONSTRAINT implementations_decided_check CHECK (relevance = 'open' OR relevance_decided_on IS NOT NULL),
    ADD COLUMN stale_clock date GENERATED ALWAYS AS (greatest(relevance_decided_on, start_on, last_update_on)) STORED;

-- A row inserted already decided (a town's own measure, the seed, an import)
-- was decided when it was created. Later decisions are dated by the
-- application's clock (domain.ImplementationUpdate.Apply), not here.
-- +goose StatementBegin
CREATE FUNCTION implementations_decided_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.relevance <> 'open' AND NEW.relevance_decided_on IS NULL THEN
        NEW.relevance_decided_on := NEW.created_at::date;
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER implementations_decided_on BEFORE INSERT ON implementations
    FOR EACH ROW EXECUTE FUNCTION implementations_decided_on_insert();

-- +goose Down
DROP TRIGGER implementations_decided_on ON implementations;
DROP FUNCTION implementations_decided_on_insert();
ALTER TABLE implementations
    DROP COLUMN stale_clock,
    DROP CONSTRAINT implementations_decided_check,
    DROP COLUMN relevance_decided_on;
