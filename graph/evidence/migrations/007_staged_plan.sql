-- The identity-resolution plan a batch was staged with, one row per chunk of rows, so that
-- approve can commit it instead of resolving every row again. `plan_mark` is the graph's
-- write mark (server run and write count) the plans were made at; NULL when the plans
-- cannot be reused (then none are kept and approve resolves again). The plan is JSON
-- text, not jsonb: it is written once with COPY and read back whole, never queried.
ALTER TABLE import_batch ADD COLUMN IF NOT EXISTS plan_mark text;

CREATE TABLE IF NOT EXISTS staged_plan (
    batch_id bigint NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
    chunk    integer NOT NULL,
    plan     text NOT NULL,
    PRIMARY KEY (batch_id, chunk)
);
