-- +goose Up
-- Committee status reports (Sachstandsberichte) and the reporting rounds that
-- feed them. A report is drafted by the KI, then frozen: freezing copies every
-- included implementation into report_rows, and from then on the report, its
-- narratives and its rows never change. The database enforces that (triggers
-- below), not only the code. A correction is a new report that names the one it
-- replaces and says why.

CREATE TABLE reports (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id           bigint      NOT NULL REFERENCES plans (id),
    title             text        NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    committee         text        NOT NULL DEFAULT '' CHECK (length(committee) <= 300),
    meeting_on        date,
    period_from       date        NOT NULL,
    period_to         date        NOT NULL,
    introduction      text        NOT NULL DEFAULT '' CHECK (length(introduction) <= 20000),
    -- Which organisations (towns and the county office itself) and which kinds
    -- of measure (measures.scope) the report covers; empty means none.
    included_org_ids  bigint[]    NOT NULL DEFAULT '{}',
    included_scopes   text[]      NOT NULL DEFAULT '{county,municipal,local}'
                      CHECK (included_scopes <@ ARRAY['county', 'municipal', 'local']),
    state             text        NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'frozen')),
    frozen_at         timestamptz,
    frozen_by         bigint      REFERENCES users (id),
    -- A correction replaces an earlier frozen report of the same plan.
    replaces_id       bigint      UNIQUE REFERENCES reports (id),
    correction_reason text        NOT NULL DEFAULT '' CHECK (length(correction_reason) <= 2000),
    created_by        bigint      REFERENCES users (id),
    version           integer     NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (period_to >= period_from),
    CHECK ((state = 'frozen') = (frozen_at IS NOT NULL)),
    CHECK (replaces_id IS NULL OR length(correction_reason) > 0),
    CHECK (replaces_id IS DISTINCT FROM id)
);
CREATE INDEX reports_plan_idx ON reports (plan_id, frozen_at DESC NULLS FIRST);

-- The KI's text per action field.
CREATE TABLE report_narratives (
    report_id       bigint NOT NULL REFERENCES reports (id),
    action_field_id bigint NOT NULL REFERENCES action_fields (id),
    body            text   NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    PRIMARY KEY (report_id, action_field_id)
);

-- The snapshot: one row per included implementation at the moment of freezing.
-- Names and codes are copied, not referenced, so a later catalogue change does
-- not alter a frozen report. Never here: comments, support texts, contact data.
CREATE TABLE report_rows (
    -- No foreign key: at Land scale its per-row check would cost seconds of
    -- the freeze; report_rows_insert checks the report once per statement.
    report_id           bigint   NOT NULL,
    implementation_id   bigint   NOT NULL,
    organisation_id     bigint   NOT NULL,
    organisation_name   text     NOT NULL,
    organisation_kind   text     NOT NULL,
    action_field_id     bigint   NOT NULL,
    action_field_code   text     NOT NULL,
    action_field_title  text     NOT NULL,
    action_field_pos    integer  NOT NULL,
    goal_code           text     NOT NULL,
    goal_title          text     NOT NULL,
    goal_pos            integer  NOT NULL DEFAULT 0,
    measure_id          bigint   NOT NULL,
    measure_code        text     NOT NULL,
    measure_title       text     NOT NULL,
    measure_scope       text     NOT NULL,
    measure_pos         integer  NOT NULL,
    relevance           text     NOT NULL,
    status              text,
    progress            smallint NOT NULL,
    continuous          boolean  NOT NULL,
    start_on            date,
    due_on              date,
    -- The due date before it first moved later, how often it moved, and the
    -- latest move's day and reason (every reader sees them, the committee too).
    first_due_on        date,
    postponements       integer  NOT NULL DEFAULT 0,
    last_postponed_on   date,
    postponement_reason text     NOT NULL DEFAULT '',
    overdue             boolean  NOT NULL,
    stale               boolean  NOT NULL,
    last_report_on      date,
    last_report_text    text     NOT NULL DEFAULT '',
    -- [{"title": ..., "due_on": ..., "done": ..., "done_on": ...}, ...]
    milestones          jsonb    NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(milestones) = 'array'),
    PRIMARY KEY (report_id, implementation_id)
);

-- A frozen report is immutable: no update or delete of it, and no insert,
-- update or delete of its narratives or rows. Rows are written by the freezing
-- transaction while the report is still a draft, then the state flips.
-- +goose StatementBegin
CREATE FUNCTION reports_frozen_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.state = 'frozen' THEN
        RAISE EXCEPTION 'report % is frozen', OLD.id USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
-- Rows may be added only to an existing draft: checked once per statement
-- (the freeze inserts every row in one statement), over the rows it added.
CREATE FUNCTION report_rows_insert_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM (SELECT DISTINCT report_id FROM new_rows) n
               LEFT JOIN reports r ON r.id = n.report_id
               WHERE r.id IS NULL OR r.state = 'frozen') THEN
        RAISE EXCEPTION 'report rows can be added to a draft report only'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN NULL;
END;
$$;
CREATE FUNCTION report_parts_frozen_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    rid bigint := CASE WHEN TG_OP = 'INSERT' THEN NEW.report_id ELSE OLD.report_id END;
BEGIN
    IF EXISTS (SELECT 1 FROM reports WHERE id = rid AND state = 'frozen') THEN
        RAISE EXCEPTION 'report % is frozen', rid USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER reports_frozen BEFORE UPDATE OR DELETE ON reports
    FOR EACH ROW EXECUTE FUNCTION reports_frozen_immutable();
CREATE TRIGGER report_narratives_frozen BEFORE INSERT OR UPDATE OR DELETE ON report_narratives
    FOR EACH ROW EXECUTE FUNCTION report_parts_frozen_immutable();
CREATE TRIGGER report_rows_insert AFTER INSERT ON report_rows
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION report_rows_insert_check();
CREATE TRIGGER report_rows_frozen BEFORE UPDATE OR DELETE ON report_rows
    FOR EACH ROW EXECUTE FUNCTION report_parts_frozen_immutable();

-- Reporting rounds (Berichtsrunden): the KI opens one per plan with a deadline
-- (Stichtag) and the committee meeting it feeds; each town marks its reporting
-- complete; closing the round freezes its report.
CREATE TABLE reporting_rounds (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id    bigint      NOT NULL REFERENCES plans (id),
    title      text        NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    deadline   date        NOT NULL,
    committee  text        NOT NULL DEFAULT '' CHECK (length(committee) <= 300),
    meeting_on date,
    state      text        NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    -- The draft report the round feeds; frozen when the round closes.
    report_id  bigint      NOT NULL UNIQUE REFERENCES reports (id),
    opened_by  bigint      REFERENCES users (id),
    opened_at  timestamptz NOT NULL DEFAULT now(),
    closed_by  bigint      REFERENCES users (id),
    closed_at  timestamptz,
    CHECK ((state = 'closed') = (closed_at IS NOT NULL)),
    CHECK (meeting_on IS NULL OR meeting_on >= deadline)
);
-- At most one open round per plan.
CREATE UNIQUE INDEX reporting_rounds_one_open_idx ON reporting_rounds (plan_id) WHERE state = 'open';

-- A town's "Meldung abgeschlossen"; revoking deletes the row (only while open).
CREATE TABLE round_completions (
    round_id        bigint      NOT NULL REFERENCES reporting_rounds (id),
    organisation_id bigint      NOT NULL REFERENCES organisations (id),
    completed_by    bigint      REFERENCES users (id),
    completed_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (round_id, organisation_id)
);

-- The KI's reminder to one town (an in-app note; e-mail comes with notifications).
CREATE TABLE round_nudges (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id        bigint      NOT NULL REFERENCES reporting_rounds (id),
    organisation_id bigint      NOT NULL REFERENCES organisations (id),
    body            text        NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    created_by      bigint      REFERENCES users (id),
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX round_nudges_org_idx ON round_nudges (organisation_id, round_id, created_at DESC);

ALTER TABLE audit_events DROP CONSTRAINT audit_events_entity_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_entity_check
    CHECK (entity IN ('implementation', 'progress_update', 'milestone', 'comment', 'membership', 'measure',
                      'plan', 'need', 'api_token', 'report', 'reporting_round'));

-- +goose Down
ALTER TABLE audit_events DROP CONSTRAINT audit_events_entity_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_entity_check
    CHECK (entity IN ('implementation', 'progress_update', 'milestone', 'comment', 'membership', 'measure',
                      'plan', 'need', 'api_token'));
DROP TABLE round_nudges, round_completions, reporting_rounds;
DROP TRIGGER report_rows_frozen ON report_rows;
DROP TRIGGER report_rows_insert ON report_rows;
DROP TRIGGER report_narratives_frozen ON report_narratives;
DROP TRIGGER reports_frozen ON reports;
DROP TABLE report_rows, report_narratives, reports;
DROP FUNCTION report_parts_frozen_immutable(), reports_frozen_immutable(), report_rows_insert_check();
