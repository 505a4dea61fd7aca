"""Hybrid search over the graph's entities: the engine's vector index and its full-text index,
fused by reciprocal rank, with structured filters applied inside the search.

Filters never post-filter away the top k: when a filter leaves few candidates
(<= RAPPORT_SEARCH_EXACT_MAX) those are ranked exactly by cosine; otherwise the approximate
search asks the index for more and more neighbours until k of them pass (or it has them all).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from embeddings.encoder import Encoder
from embeddings.graph_index import GraphVectorIndex, RankedNode, applies
from embeddings.models import (
    ENTITY_TYPES,
    EntityType,
    MatchReason,
    SearchFilters,
    SearchHit,
    SearchQuery,
    SearchResult,
    Strategy,
)
from embeddings.settings import SearchSettings
from embeddings.terms import fulltext_query, matched_terms, terms
from graph.store.base import GraphStore

if TYPE_CHECKING:
    from numpy.typing import NDArray


@dataclass
class _Ranking:
    """One entity type's candidates: the vector and the text ranking, filters applied."""

    vector: list[RankedNode] = field(default_factory=list)
    text: list[RankedNode] = field(default_factory=list)
    strategy: Strategy = "approximate"


class Search(ABC):
    """Entity search: `search()` checks the query, `_search()` answers it."""

    def search(self, query: SearchQuery) -> SearchResult:
        types = tuple(t for t in (query.types or ENTITY_TYPES) if applies(t, query.filters))
        return self._search(query, types)

    @abstractmethod
    def _search(self, query: SearchQuery, types: tuple[EntityType, ...]) -> SearchResult: ...


class HybridSearch(Search):
    """Vector + full-text search in the graph engine, fused by reciprocal rank."""

    def __init__(self, store: GraphStore, encoder: Encoder, settings: SearchSettings,
                 index: GraphVectorIndex | None = None) -> None:
        self.store = store
        self.encoder = encoder
        self.settings = settings
        self.index = index or GraphVectorIndex(store, settings)

    def _search(self, query: SearchQuery, types: tuple[EntityType, ...]) -> SearchResult:
        vector = self.encoder.encode_one(query.text) if query.mode != "text" else None
        words = terms(query.text)
        rankings = {t: self._rank(t, query, vector, words) for t in types}
        hits = self._fuse(query, rankings, words)
        return SearchResult(query=query, model=self.encoder.model_name, hits=tuple(hits))

    # -- one type ------------------------------------------------------------------------
    def _rank(self, entity_type: EntityType, query: SearchQuery,
              vector: NDArray[np.float32] | None, words: tuple[str, ...]) -> _Ranking:
        allowed = self._allowed(entity_type, query.filters)
        ranking = _Ranking()
        if vector is not None:
            ranking.vector, ranking.strategy = self._vector(entity_type, query.k,
                                                            query.filters, vector, allowed)
        text = fulltext_query(words, self.store.dialect)
        if query.mode != "vector" and text is not None:
            # Full-text indexes return every match, so filtering the whole list is exact.
            fetch = query.k if allowed is None else self.settings.max_fetch
            found = self.index.fulltext(entity_type, text, fetch)
            ranking.text = [n for n in found if allowed is None or n.id in allowed][:query.k]
        return ranking

    def _allowed(self, entity_type: EntityType, filters: SearchFilters) -> set[str] | None:
        if not filters.given():
            return None
        return {r["id"] for r in self.index.filtered(entity_type, filters)}

    def vector_ranking(self, entity_type: EntityType, vector: NDArray[np.float32], k: int,
                       filters: SearchFilters) -> tuple[list[RankedNode], Strategy]:
        """The k nodes of one type nearest to `vector` among those passing `filters` (for
        callers that already hold a vector: property matching, graph retrieval)."""
        allowed = self._allowed(entity_type, filters)
        return self._vector(entity_type, k, filters, vector, allowed)

    def _vector(self, entity_type: EntityType, k: int, filters: SearchFilters,
                vector: NDArray[np.float32], allowed: set[str] | None
                ) -> tuple[list[RankedNode], Strategy]:
        if allowed is None:
            return self.index.nearest(entity_type, vector, k), "approximate"
        if len(allowed) <= self.settings.exact_max:
            return self._exact(entity_type, k, filters, vector), "exact"
        fetch = min(max(4 * k, 50), self.settings.max_fetch)
        while True:
            found = self.index.nearest(entity_type, vector, fetch)
            kept = [n for n in found if n.id in allowed]
            if len(kept) >= k or len(found) < fetch:
                return kept[:k], "approximate"
            if fetch >= self.settings.max_fetch:
                return self._exact(entity_type, k, filters, vector), "exact"
            fetch = min(fetch * 4, self.settings.max_fetch)

    def _exact(self, entity_type: EntityType, k: int, filters: SearchFilters,
               vector: NDArray[np.float32]) -> list[RankedNode]:
        rows = [r for r in self.index.filtered(entity_type, filters, vectors=True)
                if r.get("embedding")]
        if not rows:
            return []
        matrix = np.asarray([r["embedding"] for r in rows], dtype=np.float32)
        similarity = matrix @ vector
        order = np.argsort(-similarity)[:k]
        return [RankedNode(rows[i]["id"], float(similarity[i]), rows[i]["text"]) for i in order]

    # -- fusion --------------------------------------------------------------------------
    def _fuse(self, query: SearchQuery, rankings: dict[EntityType, _Ranking],
              words: tuple[str, ...]) -> list[SearchHit]:
        """Reciprocal-rank fusion of the global vector ranking (similarities of one model
        compare across types) and the global text ranking."""
        entries: dict[str, _Entry] = {}
        by_similarity = sorted(((n, t) for t, r in rankings.items() for n in r.vector),
                               key=lambda p: -p[0].score)
        by_text = sorted(((n, t) for t, r in rankings.items() for n in r.text),
                         key=lambda p: -p[0].score)
        # A third ranking rewards hits holding every query word (an exact name, say):
        # without it a near-namesake close in vector space wins the fusion.
        complete = [(n, t) for n, t in by_text
                    if words and len(matched_terms(words, n.text)) == len(words)]
        for kind, ranked in (("vector", by_similarity), ("text", by_text),
                             ("all_terms", complete)):
            for rank, (node, entity_type) in enumerate(ranked, start=1):
                entry = entries.setdefault(node.id, _Entry(entity_type, node.text))
                entry.ranks[kind] = (rank, node.score)
                entry.score += 1.0 / (self.settings.rrf_k + rank)
        best = sorted(entries.items(), key=lambda e: e[1].order(e[0], words))[:query.k]
        given = query.filters.given()
        return [e.hit(node_id, rankings[e.type].strategy, words, given) for node_id, e in best]


@dataclass
class _Entry:
    type: EntityType
    text: str | None
    score: float = 0.0
    ranks: dict[str, tuple[int, float]] = field(default_factory=dict)

    def order(self, node_id: str, words: tuple[str, ...]) -> tuple[float, int, float, str]:
        """Fused score first; ties go to more query words, then to vector similarity."""
        vector = self.ranks.get("vector")
        return (-self.score, -len(matched_terms(words, self.text)),
                -(vector[1] if vector else -1.0), node_id)

    def hit(self, node_id: str, strategy: Strategy, words: tuple[str, ...],
            filters: dict[str, Any]) -> SearchHit:
        vector, text = self.ranks.get("vector"), self.ranks.get("text")
        why = MatchReason(
            vector_similarity=round(vector[1], 4) if vector else None,
            vector_rank=vector[0] if vector else None,
            text_score=round(text[1], 4) if text else None,
            text_rank=text[0] if text else None,
            matched_terms=matched_terms(words, self.text),
            all_terms="all_terms" in self.ranks, filters=filters, strategy=strategy)
        return SearchHit(id=node_id, type=self.type, score=round(self.score, 6),
                         text=self.text, why=why)
