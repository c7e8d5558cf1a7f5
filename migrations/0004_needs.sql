-- +goose Up
-- Cross-municipal needs (Bedarfe): a town flags something the KI should take
-- up county-wide; the KI links it to a county-wide measure and closes it.
CREATE TABLE needs (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The municipality that reported the need.
    organisation_id bigint      NOT NULL REFERENCES organisations (id),
    title           text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description     text        NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
    status          text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'taken_up', 'closed')),
    -- The county-wide measure under which the KI takes the need up.
    measure_id      bigint      REFERENCES measures (id) ON DELETE SET NULL,
    linked_by       bigint      REFERENCES users (id) ON DELETE SET NULL,
    linked_at       timestamptz,
    created_by      bigint      REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (measure_id IS NULL OR linked_at IS NOT NULL)
);
CREATE INDEX needs_organisation_idx ON needs (organisation_id, created_at);
CREATE INDEX needs_created_idx ON needs (created_at, id);
CREATE INDEX needs_measure_idx ON needs (measure_id) WHERE measure_id IS NOT NULL;

-- The KI's support queue lists open requests oldest first; a partial index
-- keeps that cheap however many implementations there are.
CREATE INDEX implementations_support_open_idx ON implementations (support_requested_at, id)
    WHERE support IN ('requested', 'accepted');

-- Needs are audited like every other change.
ALTER TABLE audit_events DROP CONSTRAINT audit_events_entity_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_entity_check
    CHECK (entity IN ('implementation', 'progress_update', 'milestone', 'comment', 'membership', 'measure',
                      'plan', 'need'));

-- +goose Down
-- Refused while audit events of needs exist: the log is append-only.
ALTER TABLE audit_events DROP CONSTRAINT audit_events_entity_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_entity_check
    CHECK (entity IN ('implementation', 'progress_update', 'milestone', 'comment', 'membership', 'measure',
                      'plan'));
DROP INDEX implementations_support_open_idx;
DROP TABLE needs;
