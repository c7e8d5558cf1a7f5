-- +goose Up
-- Optimistic locking for needs, as for implementations: a save names the
-- version it was read at, and a save from an older version is refused.
ALTER TABLE needs ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);

-- +goose Down
ALTER TABLE needs DROP COLUMN version;
