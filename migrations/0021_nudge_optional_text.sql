-- +goose Up
-- The KI's reminder to a town carries an optional text (issue 11: "an Dülmen
-- erinnern, with an optional text"); the reminder itself is the message.
ALTER TABLE round_nudges DROP CONSTRAINT round_nudges_body_check;
ALTER TABLE round_nudges ADD CONSTRAINT round_nudges_body_check CHECK (length(body) <= 2000);

-- +goose Down
DELETE FROM round_nudges WHERE body = '';
ALTER TABLE round_nudges DROP CONSTRAINT round_nudges_body_check;
ALTER TABLE round_nudges ADD CONSTRAINT round_nudges_body_check CHECK (length(body) BETWEEN 1 AND 2000);
