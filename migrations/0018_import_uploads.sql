-- +goose Up
-- A file uploaded for an import, kept between the dry run and the user's
-- confirmation, so that what is applied is exactly the file that was
-- checked (issue 12). The token is random and bound to the user, plan,
-- organisation and kind; it is deleted when the import is applied, and any
-- upload older than a day goes when the next one is stored.
CREATE TABLE import_uploads (
    token           text        PRIMARY KEY CHECK (token ~ '^[A-Za-z0-9_-]{43}$'),
    user_id         bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    plan_id         bigint      NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    organisation_id bigint      NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    kind            text        NOT NULL CHECK (kind IN ('katalog', 'umsetzungen')),
    encoding        text        NOT NULL DEFAULT '' CHECK (encoding IN ('', 'utf-8', 'windows-1252')),
    filename        text        NOT NULL CHECK (length(filename) <= 255),
    content         bytea       NOT NULL CHECK (octet_length(content) <= 10485760),
    sha256          bytea       NOT NULL CHECK (octet_length(sha256) = 32),
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_uploads_created_idx ON import_uploads (created_at);

-- +goose Down
DROP TABLE import_uploads;
