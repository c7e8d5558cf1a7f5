-- +goose Up
-- Where a membership comes from: 'manual' (granted in Planwerk by the
-- administration, or by the demo set-up) or 'claim' (granted at sign-in from
-- the provider's role claim). Every sign-in brings the 'claim' memberships in
-- line with the claim and never touches 'manual' ones. Rows from before this
-- migration count as manual: their origin was not recorded, and the sync
-- must not take away roles nobody can tell were given by a claim.
ALTER TABLE memberships ADD COLUMN source text NOT NULL DEFAULT 'manual'
    CHECK (source IN ('manual', 'claim'));

-- +goose Down
ALTER TABLE memberships DROP COLUMN source;
