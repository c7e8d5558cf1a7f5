-- +goose Up
-- Counts kept in step with every write, so that the two pages that count a
-- whole plan do not grow with the number of towns: the KI's monitoring
-- matrix (monitoring_cells) and the plan overview (measure_tallies, below).
--
-- The KI's monitoring matrix counts every implementation of a plan: 107,000
-- at Land scale, too many to count on each request. monitoring_cells keeps
-- the counts per (plan, organisation, action field, measure scope), written
-- in the same transaction as every change of an implementation or milestone.
--
-- Overdue and stale depend on the day: the cells hold them as judged on
-- monitoring_judgements.judged_on (with stale_before, the day before which a
-- stale clock is too old). Reading the matrix on another day, or after the
-- plan's interval changed, judges the whole plan again (monitoring_recount
-- with NULL organisations): once a day per plan. A plan nobody has looked at
-- has no judgement and no cells, and its writes maintain nothing.
CREATE TABLE monitoring_judgements (
    plan_id      bigint PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
    judged_on    date   NOT NULL,
    stale_before date   NOT NULL
);

-- No foreign keys to organisations and action fields: the matrix reads the
-- cells through its own list of both.
CREATE TABLE monitoring_cells (
    plan_id         bigint NOT NULL REFERENCES monitoring_judgements (plan_id) ON DELETE CASCADE,
    organisation_id bigint NOT NULL,
    action_field_id bigint NOT NULL,
    scope           text   NOT NULL,
    relevant        int    NOT NULL,
    in_progress     int    NOT NULL,
    completed       int    NOT NULL,
    open_decisions  int    NOT NULL,
    overdue         int    NOT NULL,
    stale           int    NOT NULL,
    open_support    int    NOT NULL,
    PRIMARY KEY (plan_id, organisation_id, action_field_id, scope)
);

-- The relevant and completed counts of a frozen report per organisation and
-- action field, written when it is frozen: the matrix's "since the report"
-- compares with them without reading the report's rows.
CREATE TABLE report_cells (
    report_id       bigint NOT NULL REFERENCES reports (id),
    organisation_id bigint NOT NULL,
    action_field_id bigint NOT NULL,
    relevant        int    NOT NULL,
    completed       int    NOT NULL,
    PRIMARY KEY (report_id, organisation_id, action_field_id)
);
INSERT INTO report_cells
SELECT report_id, organisation_id, action_field_id,
       count(*) FILTER (WHERE relevance = 'relevant'),
       count(*) FILTER (WHERE relevance = 'relevant' AND status = 'completed')
FROM report_rows GROUP BY report_id, organisation_id, action_field_id;
CREATE TRIGGER report_cells_frozen BEFORE INSERT OR UPDATE OR DELETE ON report_cells
    FOR EACH ROW EXECUTE FUNCTION report_parts_frozen_immutable();

-- monitoring_recount counts the cells (p_orgs[i], p_fields[i]) of plan
-- p_plan again (every cell of the plan when p_orgs is NULL), judged on the
-- plan's judgement. The rules are those of domain.WorkspaceFilter: overdue
-- is open with the due date or a milestone passed; stale is open with
-- stale_clock before stale_before. The statements are run with EXECUTE so
-- that each is planned for its cells: a write recounts the 30 or so
-- implementations of its cell through the organisation index, a whole-plan
-- judgement scans; one plan for both cost every write a scan of 107,000 rows.
-- +goose StatementBegin
CREATE FUNCTION monitoring_recount(p_plan bigint, p_orgs bigint[], p_fields bigint[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    cells text := CASE WHEN p_orgs IS NULL THEN 'true' ELSE
        '%1$s = ANY ($2) AND (%1$s, %2$s) IN (SELECT * FROM unnest($2::bigint[], $3::bigint[]))' END;
BEGIN
    EXECUTE 'DELETE FROM monitoring_cells WHERE plan_id = $1 AND ' || format(cells, 'organisation_id', 'action_field_id')
        USING p_plan, p_orgs, p_fields;
    EXECUTE $q$
WITH j AS (
    SELECT plan_id, judged_on, stale_before FROM monitoring_judgements WHERE plan_id = $1
), impl AS (
    SELECT i.id, i.organisation_id, g.action_field_id, m.scope, i.relevance, i.status, i.support,
           i.continuous, i.due_on, i.stale_clock
    FROM j
    JOIN measures m ON m.plan_id = j.plan_id
    JOIN goals g ON g.id = m.goal_id
    JOIN implementations i ON i.measure_id = m.id
    WHERE $q$ || format(cells, 'i.organisation_id', 'g.action_field_id') || $q$
), passed AS (
    -- Implementations with a milestone passed while not done, in one pass.
    SELECT DISTINCT x.implementation_id FROM milestones x JOIN impl ON impl.id = x.implementation_id, j
    WHERE NOT x.done AND x.due_on < j.judged_on
)
INSERT INTO monitoring_cells (plan_id, organisation_id, action_field_id, scope, relevant, in_progress, completed,
                              open_decisions, overdue, stale, open_support)
SELECT j.plan_id, impl.organisation_id, impl.action_field_id, impl.scope,
       count(*) FILTER (WHERE relevance = 'relevant'),
       count(*) FILTER (WHERE relevance = 'relevant' AND status = 'in_progress'),
       count(*) FILTER (WHERE relevance = 'relevant' AND status = 'completed'),
       count(*) FILTER (WHERE relevance = 'open'),
       count(*) FILTER (WHERE relevance = 'relevant' AND status NOT IN ('completed', 'cancelled')
                          AND ((NOT continuous AND due_on < j.judged_on) OR p.implementation_id IS NOT NULL)),
       count(*) FILTER (WHERE relevance = 'relevant' AND status NOT IN ('completed', 'cancelled')
                          AND stale_clock < j.stale_before),
       count(*) FILTER (WHERE support = 'requested')
FROM impl CROSS JOIN j
LEFT JOIN passed p ON p.implementation_id = impl.id
GROUP BY j.plan_id, impl.organisation_id, impl.action_field_id, impl.scope$q$
        USING p_plan, p_orgs, p_fields;
END;
$$;

-- monitoring_changed recounts the cells (plan, organisation, action field)
-- a statement touched, in the plans that are judged. It takes the plan's
-- lock shared (a whole-plan recount takes it exclusively) and then each
-- organisation's lock, in one order for everyone; the recount runs after
-- the locks, so it sees every change committed before it.
CREATE FUNCTION monitoring_changed(p_plans bigint[], p_orgs bigint[], p_fields bigint[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    plan bigint;
    org bigint;
    orgs bigint[];
    fields bigint[];
BEGIN
    FOR plan IN SELECT DISTINCT x FROM unnest(p_plans) x
                WHERE x IN (SELECT plan_id FROM monitoring_judgements) ORDER BY x LOOP
        PERFORM pg_advisory_xact_lock_shared(hashtext('planwerk.monitoring.plan'), (plan % 2147483647)::int);
        FOR org IN SELECT DISTINCT o FROM unnest(p_plans, p_orgs) AS t(pl, o) WHERE pl = plan ORDER BY o LOOP
            PERFORM pg_advisory_xact_lock(hashtext('planwerk.monitoring.org'), (org % 2147483647)::int);
        END LOOP;
        SELECT array_agg(o), array_agg(f) INTO orgs, fields
        FROM (SELECT DISTINCT o, f FROM unnest(p_plans, p_orgs, p_fields) AS t(pl, o, f) WHERE pl = plan) c;
        PERFORM monitoring_recount(plan, orgs, fields);
    END LOOP;
END;
$$;

-- The triggers pass the (plan, organisation) pairs of the rows a statement
-- changed; transition tables exist only for the event of each trigger, and
-- PL/pgSQL plans a statement only when it first runs it.
CREATE FUNCTION monitoring_implementations_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    plan bigint;
    plans bigint[];
    orgs bigint[];
    fields bigint[];
BEGIN
    IF NOT EXISTS (SELECT 1 FROM monitoring_judgements) THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(m.plan_id), array_agg(n.organisation_id), array_agg(g.action_field_id) INTO plans, orgs, fields
        FROM (SELECT DISTINCT measure_id, organisation_id FROM new_rows) n JOIN measures m ON m.id = n.measure_id JOIN goals g ON g.id = m.goal_id;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(m.plan_id), array_agg(o.organisation_id), array_agg(g.action_field_id) INTO plans, orgs, fields
        FROM (SELECT DISTINCT measure_id, organisation_id FROM old_rows) o JOIN measures m ON m.id = o.measure_id JOIN goals g ON g.id = m.goal_id;
    ELSE
        -- Only changes of what the cells count, judged on the plan's day: a
        -- contact, a note, a progress or a report that leaves the
        -- implementation on the same side of the due and stale days is no
        -- reason to recount. The plan's lock comes first, so that a new day's
        -- judgement cannot slip in between this comparison and the commit.
        FOR plan IN SELECT DISTINCT m.plan_id FROM new_rows n JOIN measures m ON m.id = n.measure_id
                    JOIN monitoring_judgements j ON j.plan_id = m.plan_id ORDER BY 1 LOOP
            PERFORM pg_advisory_xact_lock_shared(hashtext('planwerk.monitoring.plan'), (plan % 2147483647)::int);
        END LOOP;
        SELECT array_agg(m.plan_id), array_agg(n.organisation_id), array_agg(g.action_field_id) INTO plans, orgs, fields
        FROM (SELECT DISTINCT n.measure_id, n.organisation_id FROM new_rows n JOIN old_rows o ON o.id = n.id
              JOIN measures nm ON nm.id = n.measure_id JOIN monitoring_judgements j ON j.plan_id = nm.plan_id
              WHERE (n.measure_id, n.organisation_id, n.relevance, n.status, n.support, n.continuous,
                     coalesce(n.due_on < j.judged_on, false), coalesce(n.stale_clock < j.stale_before, false))
                    IS DISTINCT FROM (o.measure_id, o.organisation_id, o.relevance, o.status, o.support, o.continuous,
                     coalesce(o.due_on < j.judged_on, false), coalesce(o.stale_clock < j.stale_before, false))
              ) n JOIN measures m ON m.id = n.measure_id JOIN goals g ON g.id = m.goal_id;
    END IF;
    IF plans IS NOT NULL THEN
        PERFORM monitoring_changed(plans, orgs, fields);
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION monitoring_milestones_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    plans bigint[];
    orgs bigint[];
    fields bigint[];
BEGIN
    IF NOT EXISTS (SELECT 1 FROM monitoring_judgements) THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(m.plan_id), array_agg(i.organisation_id), array_agg(g.action_field_id) INTO plans, orgs, fields
        FROM (SELECT DISTINCT implementation_id FROM new_rows) x
        JOIN implementations i ON i.id = x.implementation_id JOIN measures m ON m.id = i.measure_id
        JOIN goals g ON g.id = m.goal_id;
    ELSIF TG_OP = 'DELETE' THEN
        -- A milestone deleted with its implementation has no implementation
        -- left; the implementation's own trigger recounts then.
        SELECT array_agg(m.plan_id), array_agg(i.organisation_id), array_agg(g.action_field_id) INTO plans, orgs, fields
        FROM (SELECT DISTINCT implementation_id FROM old_rows) x
        JOIN implementations i ON i.id = x.implementation_id JOIN measures m ON m.id = i.measure_id
        JOIN goals g ON g.id = m.goal_id;
    ELSE
        SELECT array_agg(m.plan_id), array_agg(i.organisation_id), array_agg(g.action_field_id) INTO plans, orgs, fields
        FROM (SELECT DISTINCT n.implementation_id FROM new_rows n UNION SELECT o.implementation_id FROM old_rows o) x
        JOIN implementations i ON i.id = x.implementation_id JOIN measures m ON m.id = i.measure_id
        JOIN goals g ON g.id = m.goal_id;
    END IF;
    IF plans IS NOT NULL THEN
        PERFORM monitoring_changed(plans, orgs, fields);
    END IF;
    RETURN NULL;
END;
$$;

-- A measure moved to another goal or scope, or deleted, or a goal moved to
-- another action field, regroups a plan's cells: the plan is judged again
-- when next read. A new title changes nothing.
CREATE FUNCTION monitoring_catalogue_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM monitoring_judgements WHERE plan_id IN (SELECT plan_id FROM old_rows);
    ELSIF TG_TABLE_NAME = 'measures' THEN
        DELETE FROM monitoring_judgements WHERE plan_id IN (
            SELECT n.plan_id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE (n.goal_id, n.scope) IS DISTINCT FROM (o.goal_id, o.scope));
    ELSE
        DELETE FROM monitoring_judgements WHERE plan_id IN (
            SELECT n.plan_id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE n.action_field_id IS DISTINCT FROM o.action_field_id);
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER monitoring_implementations_inserted AFTER INSERT ON implementations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_implementations_changed();
CREATE TRIGGER monitoring_implementations_updated AFTER UPDATE ON implementations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_implementations_changed();
CREATE TRIGGER monitoring_implementations_deleted AFTER DELETE ON implementations
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_implementations_changed();
CREATE TRIGGER monitoring_milestones_inserted AFTER INSERT ON milestones
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_milestones_changed();
CREATE TRIGGER monitoring_milestones_updated AFTER UPDATE ON milestones
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_milestones_changed();
CREATE TRIGGER monitoring_milestones_deleted AFTER DELETE ON milestones
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_milestones_changed();
CREATE TRIGGER monitoring_measures_regrouped AFTER UPDATE ON measures
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_catalogue_changed();
CREATE TRIGGER monitoring_measures_deleted AFTER DELETE ON measures
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_catalogue_changed();
CREATE TRIGGER monitoring_goals_regrouped AFTER UPDATE ON goals
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monitoring_catalogue_changed();

-- The plan overview's counts per measure and state (domain.Tally), kept by
-- adding each statement's changes: +1 for every new row version, -1 for
-- every old one. Increments commute, so concurrent writers need no lock
-- beyond the counted row's. TallyByMeasure reads 300 rows instead of
-- counting 107,000 implementations.
CREATE TABLE measure_tallies (
    measure_id bigint NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    relevance  text   NOT NULL,
    status     text   NOT NULL, -- '' unless relevant
    -- No CHECK (n >= 0): INSERT … ON CONFLICT checks the proposed row, a
    -- negative change, before it finds the row it adds to.
    n          int    NOT NULL,
    PRIMARY KEY (measure_id, relevance, status)
);
INSERT INTO measure_tallies
SELECT measure_id, relevance, coalesce(status, ''), count(*) FROM implementations GROUP BY 1, 2, 3;

-- +goose StatementBegin
CREATE FUNCTION measure_tallies_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO measure_tallies AS t (measure_id, relevance, status, n)
        SELECT measure_id, relevance, coalesce(status, ''), count(*) FROM new_rows
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (measure_id, relevance, status) DO UPDATE SET n = t.n + excluded.n;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE measure_tallies t SET n = t.n - d.n
        FROM (SELECT measure_id, relevance, coalesce(status, '') AS status, count(*) AS n FROM old_rows
              GROUP BY 1, 2, 3) d
        WHERE t.measure_id = d.measure_id AND t.relevance = d.relevance AND t.status = d.status;
    ELSE
        INSERT INTO measure_tallies AS t (measure_id, relevance, status, n)
        SELECT measure_id, relevance, status, sum(d) FROM (
            SELECT measure_id, relevance, coalesce(status, '') AS status, 1 AS d FROM new_rows
            UNION ALL
            SELECT measure_id, relevance, coalesce(status, ''), -1 FROM old_rows) x
        GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
        ON CONFLICT (measure_id, relevance, status) DO UPDATE SET n = t.n + excluded.n;
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER measure_tallies_inserted AFTER INSERT ON implementations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_tallies_changed();
CREATE TRIGGER measure_tallies_updated AFTER UPDATE ON implementations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_tallies_changed();
CREATE TRIGGER measure_tallies_deleted AFTER DELETE ON implementations
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_tallies_changed();

-- +goose Down
DROP TRIGGER measure_tallies_deleted ON implementations;
DROP TRIGGER measure_tallies_updated ON implementations;
DROP TRIGGER measure_tallies_inserted ON implementations;
DROP FUNCTION measure_tallies_changed();
DROP TABLE measure_tallies;

DROP TRIGGER monitoring_goals_regrouped ON goals;
DROP TRIGGER monitoring_measures_deleted ON measures;
DROP TRIGGER monitoring_measures_regrouped ON measures;
DROP TRIGGER monitoring_milestones_deleted ON milestones;
DROP TRIGGER monitoring_milestones_updated ON milestones;
DROP TRIGGER monitoring_milestones_inserted ON milestones;
DROP TRIGGER monitoring_implementations_deleted ON implementations;
DROP TRIGGER monitoring_implementations_updated ON implementations;
DROP TRIGGER monitoring_implementations_inserted ON implementations;
DROP FUNCTION monitoring_catalogue_changed(), monitoring_milestones_changed(), monitoring_implementations_changed(),
    monitoring_changed(bigint[], bigint[], bigint[]), monitoring_recount(bigint, bigint[], bigint[]);
DROP TABLE report_cells, monitoring_cells, monitoring_judgements;
