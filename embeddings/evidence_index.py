"""Evidence vectors in pgvector (table `evidence_chunk`, migration 003), searched with filters
on time range, kind and mentioned entities.

Filters are part of the SQL, so the HNSW scan keeps going until k chunks pass them
(pgvector's iterative scan); if the scan gives up first, the same filtered query runs exactly.
The HNSW index is built after a bulk load: inserting into it row by row is slow."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np

from embeddings.chunks import Chunk
from embeddings.encoder import Encoder
from embeddings.models import EvidenceFilters, EvidenceHit
from embeddings.settings import SearchSettings
from graph.evidence import EvidenceStore

if TYPE_CHECKING:
    import psycopg
    from numpy.typing import NDArray

_HNSW = "evidence_chunk_hnsw"
_COLUMNS = ("source_id", "chunk_no", "kind", "at", "entity_ids", "content", "content_hash",
            "model", "embedding")
_TYPES = ("text", "integer", "text", "timestamptz", "text[]", "text", "text", "text", "vector")


class EvidenceIndex:
    """Evidence chunks and their vectors; `search(text, k, filters)` for callers with text."""

    def __init__(self, evidence: EvidenceStore, encoder: Encoder,
                 settings: SearchSettings) -> None:
        self.evidence = evidence
        self.encoder = encoder
        self.settings = settings
        self._registered = False

    # -- schema --------------------------------------------------------------------------
    def ensure(self) -> None:
        """Fit the vector column to the encoder's dimension (dropping vectors of another
        size: they came from another model and are re-embedded)."""
        with self._tx() as cur:
            cur.execute("SELECT atttypmod FROM pg_attribute WHERE attrelid = "
                        "'evidence_chunk'::regclass AND attname = 'embedding'")
            row = cur.fetchone()
            if row is not None and int(row["atttypmod"]) != self.encoder.dimension:
                cur.execute(f"DROP INDEX IF EXISTS {_HNSW}")
                cur.execute("TRUNCATE evidence_chunk")
                cur.execute("ALTER TABLE evidence_chunk ALTER COLUMN embedding TYPE "
                            f"vector({int(self.encoder.dimension)})")

    def drop_hnsw(self) -> None:
        with self._tx() as cur:
            cur.execute(f"DROP INDEX IF EXISTS {_HNSW}")

    def build_hnsw(self) -> None:
        """Build the HNSW index (cosine) if it is missing: after bulk loads."""
        with self._tx() as cur:
            cur.execute("SET LOCAL maintenance_work_mem = '512MB'")
            cur.execute(f"CREATE INDEX IF NOT EXISTS {_HNSW} ON evidence_chunk USING hnsw "
                        f"(embedding vector_cosine_ops) WITH (m = {int(self.settings.hnsw_m)},"
                        f" ef_construction = {int(self.settings.pg_ef_construction)})")

    # -- state ---------------------------------------------------------------------------
    def count(self) -> int:
        with self._tx() as cur:
            cur.execute("SELECT count(*) AS n FROM evidence_chunk")
            row = cur.fetchone()
        return int(row["n"]) if row else 0

    def existing(self, source_ids: Sequence[str]) -> dict[tuple[str, int], tuple[Any, ...]]:
        """(source, chunk) -> (hash, kind, at, entity ids) of chunks already stored."""
        with self._tx() as cur:
            cur.execute("SELECT source_id, chunk_no, content_hash, kind, at, entity_ids "
                        "FROM evidence_chunk WHERE source_id = ANY(%s)", (list(source_ids),))
            return {(r["source_id"], r["chunk_no"]): (r["content_hash"], r["kind"], r["at"],
                                                      tuple(r["entity_ids"]))
                    for r in cur.fetchall()}

    def stored_vectors(self, hashes: Sequence[str]) -> dict[str, NDArray[np.float32]]:
        """Vectors already computed for these content hashes (equal texts, same model)."""
        if not hashes:
            return {}
        with self._tx() as cur:
            cur.execute("SELECT DISTINCT ON (content_hash) content_hash, embedding FROM "
                        "evidence_chunk WHERE content_hash = ANY(%s)", (list(hashes),))
            return {r["content_hash"]: _array(r["embedding"]) for r in cur.fetchall()}

    # -- writes --------------------------------------------------------------------------
    def upsert(self, chunks: Sequence[Chunk], vectors: Sequence[NDArray[np.float32]]) -> int:
        """Insert or replace chunks with their vectors (COPY into a staging table)."""
        if not chunks:
            return 0
        model = self.encoder.model_name
        with self._tx() as cur:
            cur.execute("CREATE TEMP TABLE chunk_stage (LIKE evidence_chunk INCLUDING "
                        "DEFAULTS) ON COMMIT DROP")
            with cur.copy(f"COPY chunk_stage ({', '.join(_COLUMNS)}) FROM STDIN "
                          "WITH (FORMAT BINARY)") as copy:
                copy.set_types(list(_TYPES))
                for c, v in zip(chunks, vectors, strict=True):
                    copy.write_row((c.source_id, c.chunk_no, c.kind, c.at, list(c.entity_ids),
                                    c.text, c.content_hash(model), model, v))
            updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in _COLUMNS[2:])
            cur.execute(f"INSERT INTO evidence_chunk ({', '.join(_COLUMNS)}) "  # noqa: S608
                        f"SELECT {', '.join(_COLUMNS)} FROM chunk_stage ON CONFLICT "
                        f"(source_id, chunk_no) DO UPDATE SET {updates}, indexed_at = now()")
        return len(chunks)

    def remove(self, keep_chunks: dict[str, int], *, others: bool) -> int:
        """Drop chunks past each source's new chunk count; with `others`, also every source
        not in `keep_chunks` (a full re-index has seen them all)."""
        with self._tx() as cur:
            cur.execute("DELETE FROM evidence_chunk e USING unnest(%s::text[], %s::int[]) "
                        "AS k(source_id, n) WHERE e.source_id = k.source_id "
                        "AND e.chunk_no >= k.n", (list(keep_chunks), list(keep_chunks.values())))
            removed = cur.rowcount
            if others:
                cur.execute("DELETE FROM evidence_chunk WHERE NOT (source_id = ANY(%s))",
                            (list(keep_chunks),))
                removed += cur.rowcount
        return removed

    # -- search --------------------------------------------------------------------------
    def search(self, text: str, k: int = 10,
               filters: EvidenceFilters | None = None) -> list[EvidenceHit]:
        """The k chunks closest to `text` among those passing `filters`."""
        return self.search_vector(self.encoder.encode_one(text), k, filters)

    def search_vector(self, vector: NDArray[np.float32], k: int = 10,
                      filters: EvidenceFilters | None = None) -> list[EvidenceHit]:
        filters = filters or EvidenceFilters()
        where, params = _where(filters)
        params.update(v=vector, k=k)
        hits = self._query(where, params, exact=False)
        if len(hits) < k and where:
            hits = self._query(where, params, exact=True)
        return hits

    def _query(self, where: str, params: dict[str, Any], *, exact: bool) -> list[EvidenceHit]:
        # `+ 0` keeps the planner off the HNSW index: the exact path sorts every row that
        # passes the filters (found through the btree/GIN indexes).
        order = "(embedding <=> %(v)s) + 0" if exact else "embedding <=> %(v)s"
        sql = (f"WITH hits AS MATERIALIZED (SELECT id, source_id, chunk_no, kind, at, "  # noqa: S608
               f"entity_ids, content, embedding <=> %(v)s AS distance FROM evidence_chunk "
               f"{where} ORDER BY {order} LIMIT %(k)s) SELECT * FROM hits ORDER BY distance")
        with self._tx() as cur:
            cur.execute(f"SET LOCAL hnsw.ef_search = {int(self.settings.pg_ef_search)}")
            cur.execute("SET LOCAL hnsw.iterative_scan = relaxed_order")
            cur.execute(sql, params)
            rows = cur.fetchall()
        return [EvidenceHit(chunk_id=r["id"], source_id=r["source_id"], chunk_no=r["chunk_no"],
                            kind=r["kind"], at=r["at"], entity_ids=tuple(r["entity_ids"]),
                            text=r["content"], similarity=round(1.0 - float(r["distance"]), 6))
                for r in rows]

    @contextmanager
    def _tx(self) -> Iterator[psycopg.Cursor[dict[str, Any]]]:
        """A transaction whose cursor knows pgvector's types (a cursor copies the
        connection's adapters when it is made, so they are registered in one before)."""
        if not self._registered:
            from pgvector.psycopg import register_vector

            with self.evidence.transaction() as cur:
                register_vector(cur.connection)
            self._registered = True
        with self.evidence.transaction() as cur:
            yield cur


def _array(value: Any) -> NDArray[np.float32]:
    """pgvector's `Vector` (or a list) as a float32 array."""
    raw = value.to_numpy() if hasattr(value, "to_numpy") else value
    return np.asarray(raw, dtype=np.float32)


def _where(filters: EvidenceFilters) -> tuple[str, dict[str, Any]]:
    """A WHERE clause from fixed fragments; every value travels as a parameter."""
    parts: list[str] = []
    params: dict[str, Any] = {}
    if filters.kinds:
        parts.append("kind = ANY(%(kinds)s)")
        params["kinds"] = list(filters.kinds)
    if filters.since:
        parts.append("at >= %(since)s")
        params["since"] = filters.since
    if filters.until:
        parts.append("at < %(until)s")
        params["until"] = filters.until
    if filters.entity_ids:
        parts.append("entity_ids && %(entities)s::text[]")
        params["entities"] = list(filters.entity_ids)
    return ("WHERE " + " AND ".join(parts)) if parts else "", params
