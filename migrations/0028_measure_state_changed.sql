-- +goose Up
-- When the public state of a measure last changed: a town's relevance or
-- status of it, or an implementation added (a new town, a new version). The
-- open data's modified_since and dct:modified read it; implementations.updated_at
-- also moves with internal edits (contacts, notes, support requests) that the
-- public never sees, and must not be told about.
ALTER TABLE measures ADD COLUMN state_changed_at timestamptz;
-- Before this migration only updated_at was kept: the best guess for the past.
UPDATE measures m SET state_changed_at = coalesce(
    (SELECT max(i.updated_at) FROM implementations i WHERE i.measure_id = m.id), m.created_at);
ALTER TABLE measures ALTER COLUMN state_changed_at SET DEFAULT now(),
    ALTER COLUMN state_changed_at SET NOT NULL;

-- One UPDATE of the touched measures per statement, as measure_tallies is kept.
-- +goose StatementBegin
CREATE FUNCTION measures_state_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE measures m SET state_changed_at = now()
        WHERE m.id IN (SELECT measure_id FROM new_rows) AND m.state_changed_at <> now();
    ELSE
        UPDATE measures m SET state_changed_at = now()
        WHERE m.id IN (SELECT n.measure_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                       WHERE o.relevance IS DISTINCT FROM n.relevance OR o.status IS DISTINCT FROM n.status)
          AND m.state_changed_at <> now();
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER measures_state_inserted AFTER INSERT ON implementations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION measures_state_changed();
CREATE TRIGGER measures_state_updated AFTER UPDATE ON implementations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION measures_state_changed();

-- +goose Down
DROP TRIGGER measures_state_updated ON implementations;
DROP TRIGGER measures_state_inserted ON implementations;
DROP FUNCTION measures_state_changed();
ALTER TABLE measures DROP COLUMN state_changed_at;
