-- One row per API key: the rate limit's state, shared by every worker process and replica
-- of the API (an in-process bucket per worker would multiply a key's limit by the workers).
-- `tat` is the generic cell rate algorithm's theoretical arrival time, in epoch seconds.
CREATE TABLE IF NOT EXISTS api_rate_bucket (
    key_id text PRIMARY KEY,
    tat double precision NOT NULL
);
