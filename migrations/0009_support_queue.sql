-- +goose Up
-- The KI's support queue: who of the KI took a request, and when it was
-- answered (accepted, declined or done), so the queue can show "angenommen
-- am …" instead of how long the town has been waiting since its request.
ALTER TABLE implementations
    ADD COLUMN support_assignee_id bigint REFERENCES users (id) ON DELETE SET NULL,
    ADD COLUMN support_answered_at timestamptz;
-- Requests answered before this migration: their last change is the best
-- date there is.
UPDATE implementations SET support_answered_at = updated_at
    WHERE support IN ('accepted', 'declined', 'done');
CREATE INDEX implementations_support_idx ON implementations (support) WHERE support <> 'none';

-- +goose Down
DROP INDEX implementations_support_idx;
ALTER TABLE implementations DROP COLUMN support_answered_at, DROP COLUMN support_assignee_id;
