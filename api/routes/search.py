"""Semantic search over HTTP: hybrid entity search and evidence search."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.deps import EvidenceDep, StoreDep
from embeddings import (
    EntityType,
    EvidenceFilters,
    EvidenceHit,
    EvidenceIndex,
    HybridSearch,
    SearchFilters,
    SearchQuery,
    SearchResult,
    SearchSettings,
    get_search_settings,
)
from embeddings.encoder import Encoder, get_encoder
from embeddings.models import SearchMode

router = APIRouter(prefix="/v1", tags=["search"])
EncoderDep = Annotated[Encoder, Depends(get_encoder)]
SearchSettingsDep = Annotated[SearchSettings, Depends(get_search_settings)]


@router.get("/search", operation_id="search", summary="Hybrid semantic search",
            responses={422: {"description": "Invalid query or filters"}})
def search(store: StoreDep, encoder: EncoderDep, settings: SearchSettingsDep,
           q: Annotated[str, Query(min_length=1, max_length=500, description="free text")],
           entity_type: Annotated[list[EntityType] | None, Query(alias="type")] = None,
           k: Annotated[int, Query(ge=1, le=100)] = 10,
           mode: SearchMode = "hybrid",
           city: str | None = None, industry: str | None = None, stage: str | None = None,
           min_price: Annotated[float | None, Query(ge=0)] = None,
           max_price: Annotated[float | None, Query(ge=0)] = None,
           status: str | None = None, known: bool | None = None,
           min_strength: Annotated[float | None, Query(ge=0, le=100)] = None,
           ) -> SearchResult:
    """Vector + full-text search fused by reciprocal rank. Filters are applied inside the
    search, so k hits come back whenever k entities pass them; each hit says why it
    matched (similarity and rank, text rank, matched terms, filters)."""
    filters = SearchFilters(city=city, industry=industry, stage=stage, min_price=min_price,
                            max_price=max_price, status=status, known=known,
                            min_strength=min_strength)
    query = SearchQuery(text=q, types=tuple(entity_type or ()), k=k, mode=mode,
                        filters=filters)
    return HybridSearch(store, encoder, settings).search(query)


@router.get("/evidence/search", operation_id="search_evidence",
            summary="Semantic search over the evidence",
            responses={422: {"description": "Invalid query or filters"}})
def search_evidence(evidence: EvidenceDep, encoder: EncoderDep, settings: SearchSettingsDep,
                    q: Annotated[str, Query(min_length=1, max_length=500)],
                    kind: Annotated[list[str] | None, Query()] = None,
                    since: datetime | None = None, until: datetime | None = None,
                    entity: Annotated[list[str] | None, Query()] = None,
                    k: Annotated[int, Query(ge=1, le=100)] = 10) -> list[EvidenceHit]:
    """Interaction subjects, summaries and notes nearest to `q`, filtered by kind, time
    range and the nodes they mention."""
    filters = EvidenceFilters(kinds=tuple(kind or ()), since=since, until=until,
                              entity_ids=tuple(entity or ()))
    return EvidenceIndex(evidence, encoder, settings).search(q, k, filters)
