-- +goose Up
-- The daily scan tells an offer's maintainers (the town's coordinators, the
-- KI for county-wide offers) which public offers have gone unconfirmed for
-- longer than PLANWERK_OFFER_UNCONFIRMED_DAYS: a notification kind of its
-- own. The kind list is extended, not restated, so that migrations adding
-- other kinds compose.
-- +goose StatementBegin
DO $$
DECLARE def text;
BEGIN
    SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
    WHERE conrelid = 'notifications'::regclass AND conname = 'notifications_kind_check';
    IF def NOT LIKE '%''offer_unconfirmed''%' THEN
        EXECUTE 'ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check';
        EXECUTE 'ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check '
            || replace(def, 'ARRAY[', 'ARRAY[''offer_unconfirmed''::text, ');
    END IF;
END $$;
-- +goose StatementEnd

-- +goose Down
DELETE FROM notifications WHERE kind = 'offer_unconfirmed';
DELETE FROM reminder_marks WHERE kind = 'offer_unconfirmed';
