-- +goose Up
-- "Neu für Sie": one row per recipient and event, written in the transaction
-- of the event itself (a support answer, a comment, a round opened, a nudge),
-- so nothing is lost between the two. kind names the event; params carries
-- what its text needs as it was at the time (measure code and title, round
-- title, the answer), so the inbox and the e-mail jobs of a later issue read
-- one row without asking what changed since. organisation_id is the town the
-- event concerns; implementation_id is set for events on one implementation.
CREATE TABLE notifications (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient_id      bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind              text        NOT NULL
                      CHECK (kind IN ('support_answered', 'comment', 'round_opened', 'round_nudge')),
    plan_id           bigint      NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    organisation_id   bigint      NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    implementation_id bigint      REFERENCES implementations (id) ON DELETE CASCADE,
    actor_id          bigint      REFERENCES users (id) ON DELETE SET NULL,
    params            jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(params) = 'object'),
    created_at        timestamptz NOT NULL DEFAULT now(),
    read_at           timestamptz,
    CHECK ((kind IN ('support_answered', 'comment')) = (implementation_id IS NOT NULL))
);
-- The inbox, newest first, and the header's unread count on every page.
CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (recipient_id) WHERE read_at IS NULL;

-- +goose Down
DROP TABLE notifications;
