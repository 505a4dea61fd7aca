-- Evidence store: import batches, raw and rejected rows, what commits changed, the audit trail.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE import_batch (
    id            bigserial PRIMARY KEY,
    profile       text NOT NULL,
    file_name     text NOT NULL,
    sha256        text NOT NULL,
    member_id     text,
    status        text NOT NULL DEFAULT 'staged'
                  CHECK (status IN ('staged', 'approved', 'committed', 'undone')),
    row_count     integer NOT NULL DEFAULT 0,
    rejected_count integer NOT NULL DEFAULT 0,
    counts        jsonb NOT NULL DEFAULT '{}'::jsonb,
    preview       jsonb NOT NULL DEFAULT '{}'::jsonb,
    options       jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_by    text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    approved_at   timestamptz,
    committed_at  timestamptz,
    undone_at     timestamptz
);
-- One live batch per file content and profile: re-importing the same file is a no-op.
CREATE UNIQUE INDEX import_batch_live_sha ON import_batch (profile, sha256)
    WHERE status <> 'undone';

CREATE TABLE raw_row (
    batch_id    bigint NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
    row_number  integer NOT NULL,
    raw         jsonb NOT NULL,
    mapped      jsonb,
    unmapped    jsonb NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (batch_id, row_number)
);

CREATE TABLE rejected_row (
    batch_id    bigint NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
    row_number  integer NOT NULL,
    reasons     jsonb NOT NULL,
    PRIMARY KEY (batch_id, row_number)
);

CREATE TABLE batch_change (
    id          bigserial PRIMARY KEY,
    batch_id    bigint NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('node', 'edge')),
    op          text NOT NULL CHECK (op IN ('create', 'update')),
    label       text NOT NULL,
    node_id     text,
    rel_type    text,
    src_label   text,
    src_id      text,
    dst_label   text,
    dst_id      text,
    before      jsonb,
    row_numbers integer[] NOT NULL DEFAULT '{}'
);
CREATE INDEX batch_change_batch ON batch_change (batch_id);

CREATE TABLE audit (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL,
    action      text NOT NULL,
    target      text NOT NULL,
    details     jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_target ON audit (target);
