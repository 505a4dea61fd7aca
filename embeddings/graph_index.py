"""Entity vectors in the graph engine's own vector index (FalkorDB `db.idx.vector`, Neo4j
`db.index.vector`) and its full-text index, so graph retrieval can start from vector hits and
expand in the same engine. Every statement is a named query under cypher/embeddings/."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from embeddings.models import LABELS, EntityType, SearchFilters
from embeddings.settings import SearchSettings
from graph.errors import QueryError
from graph.rows import iso
from graph.store.base import GraphStore

if TYPE_CHECKING:
    from numpy.typing import NDArray

# The filters each entity type understands (the parameters of embeddings/filter/<type>).
FILTER_PARAMS: Mapping[EntityType, tuple[str, ...]] = MappingProxyType({
    "contact": ("city", "industry", "stage", "known", "min_strength"),
    "account": ("city", "industry", "stage", "known", "min_strength"),
    "property": ("city", "min_price", "max_price", "status"),
    "deal": ("city", "industry", "stage", "min_price", "max_price"),
})


@dataclass(frozen=True)
class RankedNode:
    """One node from a vector or full-text ranking (score: similarity or text score)."""

    id: str
    score: float
    text: str | None


@dataclass(frozen=True)
class EntityVector:
    id: str
    vector: NDArray[np.float32]
    text: str
    hash: str


def applies(entity_type: EntityType, filters: SearchFilters) -> bool:
    """Whether every given filter is one this type understands."""
    return set(filters.given()) <= set(FILTER_PARAMS[entity_type])


class GraphVectorIndex:
    """Writes and queries entity vectors and the full-text index in the graph engine."""

    def __init__(self, store: GraphStore, settings: SearchSettings) -> None:
        self.store = store
        self.settings = settings

    def ensure(self, dimension: int) -> None:
        """Create the vector index of every searchable label and the full-text indexes
        (both safe to run again)."""
        params = {"dimension": dimension, "m": self.settings.hnsw_m,
                  "ef_construction": self.settings.ef_construction,
                  "ef_runtime": self.settings.ef_runtime}
        for entity_type in LABELS:
            try:
                self.store.write(f"embeddings/vector_index/{entity_type}", params)
            except QueryError as e:
                if not _already_there(e):
                    raise
        self.store.apply_schema("embeddings/fulltext_index")

    def write(self, entity_type: EntityType, items: Sequence[EntityVector], model: str,
              at: datetime | None = None) -> int:
        """Store vectors with their text, hash, model and time; returns how many nodes."""
        stamp = iso(at or datetime.now(UTC))
        written = 0
        size = self.settings.write_batch
        for start in range(0, len(items), size):
            rows = [{"id": i.id, "embedding": [float(x) for x in i.vector], "text": i.text,
                     "hash": i.hash, "model": model, "at": stamp}
                    for i in items[start:start + size]]
            result = self.store.write(f"embeddings/write/{entity_type}", {"rows": rows})
            written += int(result[0]["written"]) if result else 0
        return written

    def nearest(self, entity_type: EntityType, vector: NDArray[np.float32],
                k: int) -> list[RankedNode]:
        """Approximate top-k by cosine similarity from the engine's vector index. A few
        more are asked for: FalkorDB counts replaced vectors against k before dropping them."""
        try:
            rows = self.store.read("embeddings/nearest", {
                "label": LABELS[entity_type], "index": f"{entity_type}_embedding",
                "k": k + max(10, k // 4), "vector": np.asarray(vector, dtype=np.float32)})
        except QueryError as e:
            if not _missing_index(e):
                raise
            return []
        ranked = sorted(rows, key=lambda r: -float(r["similarity"]))[:k]
        return [RankedNode(r["id"], float(r["similarity"]), r["text"]) for r in ranked]

    def fulltext(self, entity_type: EntityType, query: str, k: int) -> list[RankedNode]:
        """Full-text matches, best first; `query` is already in the engine's syntax."""
        rows = self.store.read("embeddings/fulltext", {
            "label": LABELS[entity_type], "index": f"{entity_type}_text", "query": query,
            "k": k})
        return [RankedNode(r["id"], float(r["score"]), r["text"]) for r in rows]

    def filtered(self, entity_type: EntityType, filters: SearchFilters, *,
                 vectors: bool = False) -> list[dict[str, Any]]:
        """Nodes passing the filters: `id` and, with `vectors`, `embedding`."""
        given = filters.model_dump()
        params: dict[str, Any] = {name: given[name] for name in FILTER_PARAMS[entity_type]}
        params["vectors"] = vectors
        return self.store.read(f"embeddings/filter/{entity_type}", params)


def _missing_index(error: QueryError) -> bool:
    """No vector of this label was ever written (FalkorDB) or no index exists (Neo4j):
    nothing to find, rather than an error."""
    text = str(error).lower()
    return "undefined attribute" in text or "no such vector schema index" in text \
        or "there is no such index" in text


def _already_there(error: QueryError) -> bool:
    text = str(error).lower()
    return "already indexed" in text or "already exists" in text or "equivalent" in text
