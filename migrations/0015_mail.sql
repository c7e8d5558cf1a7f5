-- +goose Up
-- E-mail for the notifications of 0012 and the reminders of the daily scan.
-- River's own tables (river_job, river_leader, …) are not created here: the
-- same migration run applies River's migrations with its migrator right
-- after these (postgres.Migrate), so one command sets up both.

-- New kinds: the scan's reminders. round_deadline and round_missed concern a
-- round (params.round_id); stale and due list a town's implementations in
-- params.items (at most 20, params.total counts all).
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('support_answered', 'comment', 'round_opened', 'round_nudge',
                    'round_deadline', 'round_missed', 'stale', 'due'));
-- A reminder's slot: one per person, kind and slot (the step of a round's
-- deadline, the day or week of a town's reminder), so the scan can run twice,
-- on two instances or after a crash, and still remind once. NULL for events.
ALTER TABLE notifications ADD COLUMN remind_key text;
ALTER TABLE notifications ADD CONSTRAINT notifications_remind_key UNIQUE (recipient_id, kind, remind_key);
-- Rows from before this migration are not mailed; every new one is, once.
ALTER TABLE notifications ADD COLUMN mail_pending boolean NOT NULL DEFAULT false;
ALTER TABLE notifications ALTER COLUMN mail_pending SET DEFAULT true;
CREATE INDEX notifications_mail_pending_idx ON notifications (id) WHERE mail_pending;

-- What the scan has reminded a person of (an implementation's due date, a
-- milestone, a staleness episode): never the same thing twice.
CREATE TABLE reminder_marks (
    recipient_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind         text   NOT NULL,
    subject      text   NOT NULL,
    marked_on    date   NOT NULL,
    PRIMARY KEY (recipient_id, kind, subject)
);

-- The language of a person's e-mails, and the kinds they do not want.
ALTER TABLE users ADD COLUMN mail_language text NOT NULL DEFAULT 'de' CHECK (mail_language IN ('de', 'en'));
CREATE TABLE mail_optouts (
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind    text   NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- A town's role mailbox (Funktionspostfach): receives the town's mails
-- besides its people, or instead of them (mailbox_only).
ALTER TABLE organisations ADD COLUMN mailbox text NOT NULL DEFAULT '' CHECK (length(mailbox) <= 320);
ALTER TABLE organisations ADD COLUMN mailbox_only boolean NOT NULL DEFAULT false;

-- Every mail, rendered as sent: the send log, and in demo mode the outbox.
-- dedupe_key names the event (a notification, a digest week), so one event
-- reaches one address once however often it is queued.
CREATE TABLE mail_messages (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dedupe_key      text        NOT NULL,
    address         text        NOT NULL CHECK (length(address) BETWEEN 3 AND 320),
    recipient_id    bigint      REFERENCES users (id) ON DELETE SET NULL,
    notification_id bigint      REFERENCES notifications (id) ON DELETE SET NULL,
    kind            text        NOT NULL,
    language        text        NOT NULL,
    subject         text        NOT NULL,
    text_body       text        NOT NULL,
    html_body       text        NOT NULL,
    -- The page List-Unsubscribe names: the person's settings, or the town's mailbox page.
    unsubscribe_url text        NOT NULL DEFAULT '',
    status          text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    transport       text        NOT NULL DEFAULT '',
    attempts        integer     NOT NULL DEFAULT 0,
    error           text        NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    UNIQUE (dedupe_key, address)
);
CREATE INDEX mail_messages_created_idx ON mail_messages (created_at DESC, id DESC);

-- +goose Down
DROP TABLE mail_messages;
ALTER TABLE organisations DROP COLUMN mailbox_only, DROP COLUMN mailbox;
DROP TABLE mail_optouts;
ALTER TABLE users DROP COLUMN mail_language;
DROP TABLE reminder_marks;
DELETE FROM notifications WHERE kind NOT IN ('support_answered', 'comment', 'round_opened', 'round_nudge');
ALTER TABLE notifications DROP COLUMN mail_pending, DROP COLUMN remind_key;
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('support_answered', 'comment', 'round_opened', 'round_nudge'));
