-- Evidence text chunks with their embeddings (pgvector): interaction subjects and summaries,
-- notes, any text attached to an entity. `entity_ids` are the nodes a chunk mentions.
-- The HNSW index is built by the indexer after a bulk load (inserting into it row by row is
-- slow); the column's dimension follows the configured model (the indexer alters it when a
-- model of another dimension is chosen, after removing the old vectors).
CREATE TABLE evidence_chunk (
    id           bigserial PRIMARY KEY,
    source_id    text NOT NULL,
    chunk_no     integer NOT NULL,
    kind         text NOT NULL,
    at           timestamptz,
    entity_ids   text[] NOT NULL DEFAULT '{}',
    content      text NOT NULL,
    content_hash text NOT NULL,
    model        text NOT NULL,
    embedding    vector(384) NOT NULL,
    indexed_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source_id, chunk_no)
);
CREATE INDEX evidence_chunk_at ON evidence_chunk (at);
CREATE INDEX evidence_chunk_kind ON evidence_chunk (kind);
CREATE INDEX evidence_chunk_hash ON evidence_chunk (content_hash);
CREATE INDEX evidence_chunk_entities ON evidence_chunk USING gin (entity_ids);
