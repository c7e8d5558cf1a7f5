-- +goose Up
-- Contacts of an implementation: a role mailbox is the rule (no personal data);
-- a person's name may be stored only with that person's consent, and the time
-- the consent was recorded is kept with it. The mailbox shape is checked by the
-- application only, so that contacts entered before this migration stay
-- readable and can be corrected through the form.
ALTER TABLE implementations
    ADD COLUMN contact_is_person  boolean     NOT NULL DEFAULT false,
    ADD COLUMN contact_consent_at timestamptz,
    ADD CONSTRAINT implementations_person_needs_consent
        CHECK (NOT contact_is_person OR (contact_consent_at IS NOT NULL AND length(contact) > 0)),
    ADD CONSTRAINT implementations_consent_only_for_person
        CHECK (contact_is_person OR contact_consent_at IS NULL);

-- Events about the records of an implementation (milestones, progress updates,
-- comments) name the implementation they belong to, so that its page finds its
-- whole history with one index lookup, including records since deleted. No
-- foreign key: the log is append-only and outlives what it describes.
ALTER TABLE audit_events ADD COLUMN implementation_id bigint;
CREATE INDEX audit_events_implementation_idx ON audit_events (implementation_id, occurred_at DESC)
    WHERE implementation_id IS NOT NULL;

-- +goose Down
DROP INDEX audit_events_implementation_idx;
ALTER TABLE audit_events DROP COLUMN implementation_id;
ALTER TABLE implementations
    DROP CONSTRAINT implementations_consent_only_for_person,
    DROP CONSTRAINT implementations_person_needs_consent,
    DROP COLUMN contact_consent_at,
    DROP COLUMN contact_is_person;
