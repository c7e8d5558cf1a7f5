-- +goose Up
-- The start page a user with several roles chose (e.g. "coordinator:duelmen",
-- "ki:kreis-coesfeld", "admin"); '' until they choose. A column rather than a
-- cookie, so the choice follows them to every device. A choice that no
-- longer matches a role they hold is ignored, not an error.
ALTER TABLE users ADD COLUMN start_page text NOT NULL DEFAULT '' CHECK (length(start_page) <= 200);

-- +goose Down
ALTER TABLE users DROP COLUMN start_page;
