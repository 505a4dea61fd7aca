-- API keys (only a SHA-256 of the token is kept; the token is shown once) and the API's
-- own audit trail: every call by an agent key and every write by anyone.
CREATE TABLE api_key (
    id           text PRIMARY KEY,
    token_sha256 text NOT NULL UNIQUE,
    role         text NOT NULL CHECK (role IN ('viewer', 'seller', 'admin', 'agent')),
    member_id    text,
    label        text NOT NULL DEFAULT '',
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);

CREATE TABLE api_audit (
    id           bigserial PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    key_id       text,
    role         text,
    member_id    text,
    method       text NOT NULL,
    route        text NOT NULL,
    operation    text,
    status       integer NOT NULL,
    params_sha256 text NOT NULL,
    result_bytes integer NOT NULL DEFAULT 0,
    duration_ms  double precision NOT NULL DEFAULT 0,
    request_id   text NOT NULL
);
CREATE INDEX api_audit_key ON api_audit (key_id, id);
