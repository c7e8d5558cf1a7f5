-- +goose Up
-- Server-side sessions, in the layout github.com/alexedwards/scs/pgxstore
-- reads and writes: the cookie carries only the random token, the data stays
-- here. The store's cleanup goroutine deletes expired rows by expiry.
CREATE TABLE sessions (
    token  TEXT        PRIMARY KEY,
    data   BYTEA       NOT NULL,
    expiry TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);

-- +goose Down
DROP TABLE sessions;
