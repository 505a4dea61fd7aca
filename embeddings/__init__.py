"""Embeddings and semantic search: the offline encoder, embedding text per entity, entity
vectors in the graph engine's vector index, evidence chunks in pgvector, incremental
indexing, hybrid search and property matching.

Public API:
- `HybridSearch(store, encoder, settings).search(SearchQuery) -> SearchResult`
- `EvidenceIndex(evidence, encoder, settings).search(text, k, EvidenceFilters) ->
  list[EvidenceHit]` (and `search_vector(vector, k, filters)`)
- `GraphVectorIndex(store, settings).nearest(type, vector, k)`: raw vector hits to expand from
- `Indexer(store, encoder, settings, evidence_index).index(full=False) -> IndexReport`
- `get_encoder()`, `get_search_settings()`
"""

from embeddings.encoder import Encoder, get_encoder
from embeddings.evidence_index import EvidenceIndex
from embeddings.graph_index import GraphVectorIndex, RankedNode
from embeddings.indexer import Indexer
from embeddings.models import (
    ENTITY_TYPES,
    EntityType,
    EvidenceFilters,
    EvidenceHit,
    IndexReport,
    MatchReason,
    SearchFilters,
    SearchHit,
    SearchQuery,
    SearchResult,
)
from embeddings.search import HybridSearch, Search
from embeddings.settings import SearchSettings, get_search_settings, load_search_settings

__all__ = [
    "ENTITY_TYPES",
    "Encoder",
    "EntityType",
    "EvidenceFilters",
    "EvidenceHit",
    "EvidenceIndex",
    "GraphVectorIndex",
    "HybridSearch",
    "IndexReport",
    "Indexer",
    "MatchReason",
    "RankedNode",
    "Search",
    "SearchFilters",
    "SearchHit",
    "SearchQuery",
    "SearchResult",
    "SearchSettings",
    "get_encoder",
    "get_search_settings",
    "load_search_settings",
]
