-- +goose Up
-- A role mailbox's language: its mails were always German; a town whose
-- mailbox is read in English says so on the mailbox page.
ALTER TABLE organisations ADD COLUMN mailbox_language text NOT NULL DEFAULT 'de'
    CHECK (mailbox_language IN ('de', 'en'));

-- A reminder's step per person and kind, across towns: remind_key names the
-- town's slot (one reminder per town and step), remind_slot the person's
-- (the same without the town: a round's step, the day of a due-date
-- reminder, the week of a staleness reminder). A person responsible for
-- several towns gets one mail per kind and slot listing every town, and
-- once that mail is out no other town's reminder of the slot is written.
ALTER TABLE notifications ADD COLUMN remind_slot text;
CREATE INDEX notifications_remind_slot_idx ON notifications (recipient_id, kind, remind_slot)
    WHERE remind_slot IS NOT NULL;

-- +goose Down
DROP INDEX notifications_remind_slot_idx;
ALTER TABLE notifications DROP COLUMN remind_slot;
ALTER TABLE organisations DROP COLUMN mailbox_language;
