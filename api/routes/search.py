"""Semantic search over HTTP: hybrid entity search, evidence search, property matching."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ValidationError

from api.deps import EvidenceDep, StoreDep, on_event_loop
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
from embeddings.encoder import Encoder
from embeddings.matching import ClientMatches, PropertyMatcher, PropertyMatches
from embeddings.models import SearchMode
from embeddings.quick_encoder import get_query_encoder
from graph.errors import InvalidInput

router = APIRouter(prefix="/v1", tags=["search"])
ModelT = TypeVar("ModelT", bound=BaseModel)


def _build(model: type[ModelT], **values: Any) -> ModelT:
    """A request model from query parameters; a cross-field error becomes a 422 naming it."""
    try:
        return model(**values)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or model.__name__
        raise InvalidInput(f"{where}: {first['msg'].removeprefix('Value error, ')}") from e


async def encoder_dependency(request: Request) -> Encoder:
    """The query encoder the app warmed up; until it is loaded (or when the app did not warm
    one), the first call loads it on a worker thread, never on the event loop."""
    warm: Encoder | None = getattr(request.app.state, "encoder", None)
    return warm if warm is not None else await run_in_threadpool(get_query_encoder)


EncoderDep = Annotated[Encoder, Depends(encoder_dependency)]
SearchSettingsDep = Annotated[SearchSettings, Depends(on_event_loop(get_search_settings))]


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
    filters = _build(SearchFilters, city=city, industry=industry, stage=stage,
                     min_price=min_price, max_price=max_price, status=status, known=known,
                     min_strength=min_strength)
    query = _build(SearchQuery, text=q, types=tuple(entity_type or ()), k=k, mode=mode,
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
    filters = _build(EvidenceFilters, kinds=tuple(kind or ()), since=since, until=until,
                     entity_ids=tuple(entity or ()))
    return EvidenceIndex(evidence, encoder, settings).search(q, k, filters)


def _matcher(store: StoreDep, encoder: EncoderDep,
             settings: SearchSettingsDep) -> PropertyMatcher:
    return PropertyMatcher(HybridSearch(store, encoder, settings))


MatcherDep = Annotated[PropertyMatcher, Depends(_matcher)]
K = Annotated[int, Query(ge=1, le=100)]


@router.get("/accounts/{account_id}/matching-properties", operation_id="account_properties",
            summary="Available properties that fit an account",
            responses={404: {"description": "Unknown account, or no vector yet"}})
def account_properties(account_id: str, matcher: MatcherDep, k: K = 10) -> PropertyMatches:
    """Nearest available properties to the account's interests and past deals, with the
    type, city and price-range fit as reasons."""
    return matcher.properties_for("account", account_id, k)


@router.get("/contacts/{contact_id}/matching-properties", operation_id="contact_properties",
            summary="Available properties that fit a contact",
            responses={404: {"description": "Unknown contact, or no vector yet"}})
def contact_properties(contact_id: str, matcher: MatcherDep, k: K = 10) -> PropertyMatches:
    """Like the account version, from the contact's and their company's history."""
    return matcher.properties_for("contact", contact_id, k)


@router.get("/properties/{property_id}/matching-clients", operation_id="property_clients",
            summary="Clients most likely to want a property",
            responses={404: {"description": "Unknown property, or no vector yet"}})
def property_clients(property_id: str, matcher: MatcherDep, k: K = 10) -> ClientMatches:
    """Clients who wanted this property or similar ones, strongest signal first."""
    return matcher.clients_for(property_id, k)
