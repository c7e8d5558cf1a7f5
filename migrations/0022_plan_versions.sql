-- +goose Up
-- Plan versions (Fortschreibung, issue 12): the KI starts the next version of
-- a plan as a plan of its own, a draft with a copy of the catalogue, maps
-- every measure of the current version onto the new one and adopts it in one
-- transaction. The old version stays as it was (its implementations, their
-- history and the reports frozen on it), read-only, superseded by the new.
--
-- state: 'draft' while the KI prepares it (only the KI sees it), 'adopted'
-- while it is the county's current version, 'superseded' once its successor
-- is adopted. predecessor_id: the version this one continues; a version has
-- at most one successor (draft or adopted).
ALTER TABLE plans
    ADD COLUMN state          text   NOT NULL DEFAULT 'adopted' CHECK (state IN ('draft', 'adopted', 'superseded')),
    ADD COLUMN predecessor_id bigint REFERENCES plans (id),
    ADD COLUMN superseded_at  timestamptz,
    ADD CONSTRAINT plans_superseded_check CHECK ((state = 'superseded') = (superseded_at IS NOT NULL)),
    ADD CONSTRAINT plans_draft_continues_check CHECK (state <> 'draft' OR predecessor_id IS NOT NULL);
CREATE UNIQUE INDEX plans_one_successor_idx ON plans (predecessor_id) WHERE predecessor_id IS NOT NULL;

-- What becomes of each measure of the old version (old_measure_id) in the
-- new version plan_id: continued in one measure, merged (with others) into
-- one, split into several, or dropped with a reason. The targets are the
-- new version's measures; a target retired or removed from the draft leaves
-- the mapping incomplete, which adoption refuses.
CREATE TABLE version_mappings (
    plan_id        bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    old_measure_id bigint NOT NULL REFERENCES measures (id),
    kind           text   NOT NULL CHECK (kind IN ('continued', 'merged', 'split', 'dropped')),
    reason         text   NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, old_measure_id),
    CHECK (kind <> 'dropped' OR length(btrim(reason)) > 0)
);

CREATE TABLE version_mapping_targets (
    plan_id        bigint NOT NULL,
    old_measure_id bigint NOT NULL,
    new_measure_id bigint NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    PRIMARY KEY (plan_id, old_measure_id, new_measure_id),
    FOREIGN KEY (plan_id, old_measure_id) REFERENCES version_mappings (plan_id, old_measure_id) ON DELETE CASCADE
);
CREATE INDEX version_mapping_targets_new_idx ON version_mapping_targets (new_measure_id);

-- An implementation of a new version carried from one or more of the old
-- version's (its history: progress reports, milestones, comments, audit
-- events stay with the old one and are linked from the new). A merge gives
-- one implementation several predecessors, a split one predecessor several
-- successors.
CREATE TABLE implementation_predecessors (
    implementation_id bigint NOT NULL REFERENCES implementations (id) ON DELETE CASCADE,
    predecessor_id    bigint NOT NULL REFERENCES implementations (id),
    kind              text   NOT NULL CHECK (kind IN ('continued', 'merged', 'split')),
    PRIMARY KEY (implementation_id, predecessor_id)
);
CREATE INDEX implementation_predecessors_old_idx ON implementation_predecessors (predecessor_id);

-- +goose Down
DROP TABLE implementation_predecessors, version_mapping_targets, version_mappings;
DROP INDEX plans_one_successor_idx;
ALTER TABLE plans DROP CONSTRAINT plans_draft_continues_check, DROP CONSTRAINT plans_superseded_check,
    DROP COLUMN superseded_at, DROP COLUMN predecessor_id, DROP COLUMN state;
