-- +goose Up
-- The Planwerk schema: organisations, the plan catalogue, one implementation per
-- measure and municipality, and everything recorded about an implementation.
-- Every enumerated column has a CHECK constraint; the application's domain
-- package holds the same lists and the transition rules between them.

CREATE TABLE organisations (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind        text        NOT NULL CHECK (kind IN ('county', 'municipality')),
    parent_id   bigint      REFERENCES organisations (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organisations_parent_idx ON organisations (parent_id);

CREATE TABLE plans (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id             bigint      NOT NULL REFERENCES organisations (id),
    slug                 text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    title                text        NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    version              text        NOT NULL DEFAULT '1.0' CHECK (length(version) BETWEEN 1 AND 40),
    adopted_on           date,
    update_interval_days integer     NOT NULL DEFAULT 180 CHECK (update_interval_days BETWEEN 1 AND 3650),
    -- Councils map states to traffic-light colours differently, so the mapping
    -- is data: {"planned": "grey", "in_progress": "yellow", ...}.
    status_colours       jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(status_colours) = 'object'),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE action_fields (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id     bigint      NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    code        text        NOT NULL CHECK (code ~ '^[0-9A-Za-z]+$'),
    position    integer     NOT NULL DEFAULT 0,
    title       text        NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description text        NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (plan_id, code)
);

CREATE TABLE goals (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id         bigint      NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    action_field_id bigint      NOT NULL REFERENCES action_fields (id) ON DELETE CASCADE,
    code            text        NOT NULL CHECK (code ~ '^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$'),
    position        integer     NOT NULL DEFAULT 0,
    title           text        NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    description     text        NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (plan_id, code)
);
CREATE INDEX goals_action_field_idx ON goals (action_field_id, position);

CREATE TABLE measures (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id      bigint      NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    goal_id      bigint      NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    code         text        NOT NULL CHECK (code ~ '^[0-9A-Za-z]+(\.[0-9A-Za-z-]+)*$'),
    position     integer     NOT NULL DEFAULT 0,
    title        text        NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    description  text        NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
    scope        text        NOT NULL CHECK (scope IN ('county', 'municipal', 'local')),
    -- A local measure belongs to the one municipality that added it.
    owner_org_id bigint      REFERENCES organisations (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (plan_id, code),
    CHECK ((scope = 'local') = (owner_org_id IS NOT NULL))
);
CREATE INDEX measures_goal_idx ON measures (goal_id, position);

CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    issuer        text        NOT NULL CHECK (length(issuer) BETWEEN 1 AND 500),
    subject       text        NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
    name          text        NOT NULL DEFAULT '' CHECK (length(name) <= 200),
    email         text        NOT NULL DEFAULT '' CHECK (length(email) <= 320),
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_login_at timestamptz,
    UNIQUE (issuer, subject)
);

CREATE TABLE memberships (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id bigint      NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    role            text        NOT NULL CHECK (role IN ('admin', 'ki', 'coordinator', 'committee')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, organisation_id, role)
);
CREATE INDEX memberships_organisation_idx ON memberships (organisation_id);

CREATE TABLE implementations (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    measure_id           bigint      NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    organisation_id      bigint      NOT NULL REFERENCES organisations (id),
    relevance            text        NOT NULL DEFAULT 'open'
                         CHECK (relevance IN ('open', 'relevant', 'not_relevant', 'already_in_place')),
    -- The reason (not relevant) or the short description (already in place).
    relevance_note       text        NOT NULL DEFAULT '' CHECK (length(relevance_note) <= 2000),
    status               text        CHECK (status IN ('planned', 'in_progress', 'completed', 'on_hold', 'cancelled')),
    -- The reason a measure was cancelled.
    status_note          text        NOT NULL DEFAULT '' CHECK (length(status_note) <= 2000),
    continuous           boolean     NOT NULL DEFAULT false,
    progress             smallint    NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    responsible_org      text        NOT NULL DEFAULT '' CHECK (length(responsible_org) <= 200),
    contact              text        NOT NULL DEFAULT '' CHECK (length(contact) <= 320),
    start_on             date,
    due_on               date,
    support              text        NOT NULL DEFAULT 'none'
                         CHECK (support IN ('none', 'requested', 'accepted', 'declined', 'done')),
    support_request      text        NOT NULL DEFAULT '' CHECK (length(support_request) <= 4000),
    support_response     text        NOT NULL DEFAULT '' CHECK (length(support_response) <= 4000),
    support_requested_at timestamptz,
    -- Date of the newest progress update, kept in the same transaction as the
    -- update itself so that "no recent update" needs no scan of the updates.
    last_update_on       date,
    version              integer     NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (measure_id, organisation_id),
    CHECK ((relevance = 'relevant') = (status IS NOT NULL)),
    CHECK (relevance <> 'not_relevant' OR length(relevance_note) > 0),
    CHECK (status IS DISTINCT FROM 'cancelled' OR length(status_note) > 0),
    CHECK (status IS DISTINCT FROM 'completed' OR progress = 100),
    CHECK (due_on IS NULL OR start_on IS NULL OR due_on >= start_on),
    CHECK (NOT continuous OR due_on IS NULL),
    CHECK (support NOT IN ('requested', 'accepted', 'declined', 'done') OR length(support_request) > 0),
    CHECK (support <> 'declined' OR length(support_response) > 0)
);
CREATE INDEX implementations_organisation_idx ON implementations (organisation_id, measure_id);

CREATE TABLE progress_updates (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    implementation_id bigint      NOT NULL REFERENCES implementations (id) ON DELETE CASCADE,
    reported_on       date        NOT NULL,
    body              text        NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    -- Status and progress as they were when the update was written.
    status            text        CHECK (status IN ('planned', 'in_progress', 'completed', 'on_hold', 'cancelled')),
    progress          smallint    NOT NULL CHECK (progress BETWEEN 0 AND 100),
    author_id         bigint      REFERENCES users (id) ON DELETE SET NULL,
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX progress_updates_implementation_idx ON progress_updates (implementation_id, reported_on DESC, id DESC);

CREATE TABLE milestones (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    implementation_id bigint      NOT NULL REFERENCES implementations (id) ON DELETE CASCADE,
    title             text        NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    due_on            date,
    done              boolean     NOT NULL DEFAULT false,
    done_on           date,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (done = (done_on IS NOT NULL))
);
CREATE INDEX milestones_implementation_idx ON milestones (implementation_id, due_on);

CREATE TABLE comments (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    implementation_id bigint      NOT NULL REFERENCES implementations (id) ON DELETE CASCADE,
    author_id         bigint      REFERENCES users (id) ON DELETE SET NULL,
    body              text        NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comments_implementation_idx ON comments (implementation_id, created_at);

CREATE TABLE audit_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at     timestamptz NOT NULL DEFAULT now(),
    -- No ON DELETE action: the log is append-only, so users are anonymised, never deleted.
    actor_id        bigint      REFERENCES users (id),
    organisation_id bigint      REFERENCES organisations (id),
    entity          text        NOT NULL CHECK (entity IN ('implementation', 'progress_update', 'milestone',
                                                            'comment', 'membership', 'measure', 'plan')),
    entity_id       bigint      NOT NULL,
    action          text        NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    -- {"field": {"old": ..., "new": ...}, ...}
    changes         jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(changes) = 'object')
);
CREATE INDEX audit_events_entity_idx ON audit_events (entity, entity_id, occurred_at DESC);

-- The audit log is append-only: refuse every change to a written event.
-- +goose StatementBegin
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- +goose Down
DROP TABLE audit_events, comments, milestones, progress_updates, implementations,
    memberships, users, measures, goals, action_fields, plans, organisations;
DROP FUNCTION audit_events_append_only();
