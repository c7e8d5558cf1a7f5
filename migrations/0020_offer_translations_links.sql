-- +goose Up
-- Translations of an offer's texts (German is the source), the links with
-- which providers confirm their own offers without an account, and what a
-- plan shows the public.

CREATE TABLE offer_translations (
    offer_id      bigint      NOT NULL REFERENCES offers (id),
    lang          text        NOT NULL CHECK (lang IN ('en', 'ar', 'uk', 'tr', 'fa', 'ru')),
    title         text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description   text        NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    fees          text        NOT NULL DEFAULT '' CHECK (length(fees) <= 1000),
    eligibility   text        NOT NULL DEFAULT '' CHECK (length(eligibility) <= 1000),
    -- Outdated when the German texts changed after this (offers.text_changed_at).
    translated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (offer_id, lang)
);

-- A confirmation link: the token carries the id and is signed with the
-- server's secret (HMAC); the row makes it expiring, single-use and revocable.
CREATE TABLE offer_confirmations (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    offer_id    bigint      NOT NULL REFERENCES offers (id),
    created_by  bigint      REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    used_at     timestamptz,
    answer      text        CHECK (answer IN ('confirmed', 'change', 'ended')),
    answer_text text        NOT NULL DEFAULT '' CHECK (length(answer_text) <= 2000),
    -- A requested change is a task for the maintainer until they mark it done.
    task_done_at timestamptz,
    CHECK ((used_at IS NULL) = (answer IS NULL)),
    CHECK (answer IS DISTINCT FROM 'change' OR length(answer_text) > 0),
    CHECK (expires_at > created_at)
);
CREATE INDEX offer_confirmations_offer_idx ON offer_confirmations (offer_id, created_at DESC);
CREATE INDEX offer_confirmations_task_idx ON offer_confirmations (offer_id)
    WHERE answer = 'change' AND task_done_at IS NULL;

-- What the KI publishes of a plan: nothing until it says so.
CREATE TABLE plan_publications (
    plan_id     bigint      PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
    published   boolean     NOT NULL DEFAULT false,
    -- Counts per town, not only over all towns.
    per_town    boolean     NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE plan_publications, offer_confirmations, offer_translations;
