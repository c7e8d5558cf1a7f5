-- +goose Up
-- Honest deadlines: moving a due date later needs a reason, and the first due
-- date is kept, so every reader (the committee included) sees that and why a
-- deadline moved. original_due_on is the due date before the first
-- postponement (NULL while it never moved); postponements counts how often
-- it moved later; the latest move's day and reason are kept for display,
-- every move with its reason is in the audit log.
ALTER TABLE implementations
    ADD COLUMN original_due_on     date,
    ADD COLUMN postponements       integer NOT NULL DEFAULT 0 CHECK (postponements >= 0),
    ADD COLUMN last_postponed_on   date,
    ADD COLUMN postponement_reason text    NOT NULL DEFAULT '' CHECK (length(postponement_reason) <= 2000),
    ADD CONSTRAINT implementations_postponed_check
        CHECK ((postponements = 0) = (original_due_on IS NULL AND last_postponed_on IS NULL));

-- Moves recorded before this migration, from the audit log (without reasons).
UPDATE implementations i SET original_due_on = h.first_due, postponements = h.n, last_postponed_on = h.last_on
FROM (
    SELECT ae.entity_id,
           (array_agg((ae.changes->'due_on'->>'old')::date ORDER BY ae.occurred_at, ae.id))[1] AS first_due,
           count(*) AS n,
           max(ae.occurred_at)::date AS last_on
    FROM audit_events ae
    WHERE ae.entity = 'implementation' AND ae.changes ? 'due_on'
      AND ae.changes->'due_on'->>'old' <> '' AND ae.changes->'due_on'->>'new' <> ''
      AND (ae.changes->'due_on'->>'new')::date > (ae.changes->'due_on'->>'old')::date
    GROUP BY ae.entity_id
) h
WHERE i.id = h.entity_id;

-- +goose Down
ALTER TABLE implementations DROP CONSTRAINT implementations_postponed_check,
    DROP COLUMN postponement_reason, DROP COLUMN last_postponed_on,
    DROP COLUMN postponements, DROP COLUMN original_due_on;
