-- +goose Up
-- The KI keeps its catalogue in the app (issue 12): action fields, goals and
-- measures are retired, never deleted, so that implementations with data and
-- frozen reports keep what they refer to; the catalogue's history is the
-- audit log of the plan.

-- retired_at: the moment the item left the catalogue ("entfallen im
-- Katalog"); NULL while it is part of it.
ALTER TABLE action_fields ADD COLUMN retired_at timestamptz;
ALTER TABLE goals ADD COLUMN retired_at timestamptz;
ALTER TABLE measures ADD COLUMN retired_at timestamptz;

-- The plan a catalogue change belongs to: the history page reads one plan's
-- events through this index instead of joining every measure. No foreign
-- key, as for entity_id: the append-only log outlives what it records (a
-- plan deleted, such as the benchmark's import plan, keeps its events).
ALTER TABLE audit_events ADD COLUMN plan_id bigint;
CREATE INDEX audit_events_plan_idx ON audit_events (plan_id, occurred_at DESC, id DESC) WHERE plan_id IS NOT NULL;

ALTER TABLE audit_events DROP CONSTRAINT audit_events_entity_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_entity_check
    CHECK (entity IN ('implementation', 'progress_update', 'milestone', 'comment', 'membership', 'measure',
                      'plan', 'need', 'api_token', 'report', 'reporting_round', 'action_field', 'goal'));

-- +goose Down
-- Refused while catalogue events of action fields or goals exist: the log is append-only.
ALTER TABLE audit_events DROP CONSTRAINT audit_events_entity_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_entity_check
    CHECK (entity IN ('implementation', 'progress_update', 'milestone', 'comment', 'membership', 'measure',
                      'plan', 'need', 'api_token', 'report', 'reporting_round'));
DROP INDEX audit_events_plan_idx;
ALTER TABLE audit_events DROP COLUMN plan_id;
ALTER TABLE measures DROP COLUMN retired_at;
ALTER TABLE goals DROP COLUMN retired_at;
ALTER TABLE action_fields DROP COLUMN retired_at;
