-- Where a long import stands while it is staged or committed (phase, rows done, rows in
-- all), written after each chunk in its own transaction so another request can read it.
ALTER TABLE import_batch ADD COLUMN IF NOT EXISTS progress jsonb NOT NULL DEFAULT '{}'::jsonb;
