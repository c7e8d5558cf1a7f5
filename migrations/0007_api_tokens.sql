-- +goose Up
-- Personal API tokens: a signed-in user creates them for their own scripts;
-- a token carries exactly its user's permissions. Only a SHA-256 hash of the
-- token is kept, so a copy of the database does not hand out access.
CREATE TABLE api_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint      NOT NULL REFERENCES users (id),
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    hash         bytea       NOT NULL UNIQUE CHECK (length(hash) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, created_at DESC);

-- A write through the API names the token in its audit event; the daily
-- "used" event of a token and its creation and revocation are audited too.
ALTER TABLE audit_events ADD COLUMN api_token_id bigint REFERENCES api_tokens (id);
ALTER TABLE audit_events DROP CONSTRAINT audit_events_entity_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_entity_check
    CHECK (entity IN ('implementation', 'progress_update', 'milestone', 'comment', 'membership', 'measure',
                      'plan', 'need', 'api_token'));
ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check
    CHECK (action IN ('create', 'update', 'delete', 'use'));

-- +goose Down
-- Refused while audit events of tokens exist: the log is append-only.
ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check
    CHECK (action IN ('create', 'update', 'delete'));
ALTER TABLE audit_events DROP CONSTRAINT audit_events_entity_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_entity_check
    CHECK (entity IN ('implementation', 'progress_update', 'milestone', 'comment', 'membership', 'measure',
                      'plan', 'need'));
ALTER TABLE audit_events DROP COLUMN api_token_id;
DROP TABLE api_tokens;
