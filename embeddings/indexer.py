"""Indexing: embed entities into the graph's vector index and evidence chunks into pgvector.

Incremental by default: an entity is re-embedded only when the hash of its embedding text
(which includes the model) changed; a chunk only when its text hash changed, and a text
already embedded for another chunk reuses that vector. `full=True` re-embeds everything.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from embeddings.chunks import Chunk, interaction_chunks
from embeddings.encoder import Encoder
from embeddings.evidence_index import EvidenceIndex
from embeddings.graph_index import EntityVector, GraphVectorIndex
from embeddings.models import ENTITY_TYPES, EntityType, IndexReport
from embeddings.pooling import SentencePool
from embeddings.settings import SearchSettings
from embeddings.text import embedding_text, text_hash
from graph.store.base import GraphStore

if TYPE_CHECKING:
    from numpy.typing import NDArray

Progress = Callable[[str, int], None]
"""Called with (step, items done since the last call)."""


def _quiet(step: str, done: int) -> None:
    return None


def _touched(row: dict[str, Any]) -> bool:
    """Written since it was last indexed. FalkorDB drops a node from its vector index when
    a write merges a property map into it (`SET n += ...`, as imports and merges do), so such
    a node is written again even when its text is unchanged."""
    indexed, updated = row.get("last_indexed"), row.get("updated_at")
    return indexed is None or (updated is not None and updated > indexed)


class Indexer:
    """Brings both vector stores up to date with the graph (constructor-injected parts)."""

    def __init__(self, store: GraphStore, encoder: Encoder, settings: SearchSettings,
                 evidence: EvidenceIndex | None = None,
                 graph_index: GraphVectorIndex | None = None) -> None:
        self.store = store
        self.encoder = encoder
        self.settings = settings
        self.evidence = evidence
        self.graph_index = graph_index or GraphVectorIndex(store, settings)

    def index(self, *, full: bool = False, progress: Progress | None = None) -> IndexReport:
        started = time.perf_counter()
        report = self._index(full, progress or _quiet)
        return report.model_copy(update={"seconds": round(time.perf_counter() - started, 2)})

    def _index(self, full: bool, progress: Progress) -> IndexReport:
        self.graph_index.ensure(self.encoder.dimension)
        counts: dict[str, int] = {"entities_seen": 0, "entities_embedded": 0,
                                  "chunks_seen": 0, "chunks_embedded": 0, "texts_encoded": 0}
        by_type: dict[str, int] = {}
        for entity_type in ENTITY_TYPES:
            seen, embedded = self._entities(entity_type, full, progress)
            counts["entities_seen"] += seen
            counts["entities_embedded"] += embedded
            counts["texts_encoded"] += embedded
            by_type[entity_type] = embedded
        if self.evidence is not None:
            chunks_seen, chunks_embedded, encoded = self._evidence(full, progress)
            counts.update(chunks_seen=chunks_seen, chunks_embedded=chunks_embedded)
            counts["texts_encoded"] += encoded
        return IndexReport(model=self.encoder.model_name, full=full, by_type=by_type,
                           **counts)

    # -- entities ------------------------------------------------------------------------
    def _pages(self, name: str, params: dict[str, Any]) -> Iterator[list[dict[str, Any]]]:
        after = ""
        while True:
            rows = self.store.read(name, {**params, "after": after,
                                          "limit": self.settings.page_size})
            if not rows:
                return
            yield rows
            after = str(rows[-1]["id"])

    def _entities(self, entity_type: EntityType, full: bool,
                  progress: Progress) -> tuple[int, int]:
        model = self.encoder.model_name
        seen = embedded = 0
        for rows in self._pages(f"embeddings/source/{entity_type}",
                                {"strong": self.settings.strong_tie}):
            stale: list[tuple[str, str, str]] = []
            for row in rows:
                text = embedding_text(entity_type, row)
                digest = text_hash(text, model)
                if full or row.get("embedding_hash") != digest or _touched(row):
                    stale.append((str(row["id"]), text, digest))
            vectors = self.encoder.encode([s[1] for s in stale])
            self.graph_index.write(entity_type, [
                EntityVector(i, v, text, digest)
                for (i, text, digest), v in zip(stale, vectors, strict=True)], model)
            seen += len(rows)
            embedded += len(stale)
            progress(entity_type, len(rows))
        return seen, embedded

    # -- evidence ------------------------------------------------------------------------
    def _evidence(self, full: bool, progress: Progress) -> tuple[int, int, int]:
        assert self.evidence is not None
        self.evidence.ensure()
        bulk = full or self.evidence.count() == 0
        if bulk:  # loading many rows into a live HNSW index is slow: build it afterwards
            self.evidence.drop_hnsw()
        seen = embedded = 0
        counts: dict[str, int] = {}
        pool = SentencePool(self.encoder)
        for rows in self._pages("embeddings/source/interaction", {}):
            chunks = [c for row in rows for c in interaction_chunks(
                row, self.settings.chunk_words, self.settings.chunk_overlap)]
            counts.update({str(r["id"]): 0 for r in rows})
            for c in chunks:
                counts[c.source_id] = max(counts[c.source_id], c.chunk_no + 1)
            changed = chunks if full else self._changed(chunks)
            self._store_chunks(changed, pool, reuse=not full)
            seen += len(chunks)
            embedded += len(changed)
            progress("evidence", len(rows))
        self.evidence.remove(counts, others=full)
        self.evidence.build_hnsw()
        return seen, embedded, pool.encoded

    def _changed(self, chunks: list[Chunk]) -> list[Chunk]:
        model = self.encoder.model_name
        stored = self.evidence.existing(sorted({c.source_id for c in chunks})) \
            if self.evidence else {}
        return [c for c in chunks if stored.get((c.source_id, c.chunk_no)) !=
                (c.content_hash(model), c.kind, c.at, c.entity_ids)]

    def _store_chunks(self, chunks: list[Chunk], pool: SentencePool, *, reuse: bool) -> None:
        """Embed each distinct new text once (reusing stored vectors of equal texts unless
        re-embedding everything) and write the chunks."""
        assert self.evidence is not None
        if not chunks:
            return
        model = self.encoder.model_name
        hashes = {c.content_hash(model): c.text for c in chunks}
        known = self.evidence.stored_vectors(sorted(hashes)) if reuse else {}
        missing = [h for h in hashes if h not in known]
        fresh = pool.encode([hashes[h] for h in missing])
        vectors: dict[str, NDArray[np.float32]] = {**known, **dict(zip(missing, fresh,
                                                                        strict=True))}
        self.evidence.upsert(chunks, [vectors[c.content_hash(model)] for c in chunks])
