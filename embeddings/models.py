"""Typed requests and results of indexing and search (pydantic): what the CLI and API speak."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

EntityType = Literal["contact", "account", "property", "deal"]
ENTITY_TYPES: tuple[EntityType, ...] = ("contact", "account", "property", "deal")
LABELS: Mapping[EntityType, str] = MappingProxyType({
    "contact": "Contact", "account": "Account", "property": "Property", "deal": "Deal"})
SearchMode = Literal["hybrid", "vector", "text"]
Strategy = Literal["approximate", "exact"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SearchFilters(_Frozen):
    """Structured filters, applied inside the search: a hit always satisfies every one.
    A filter that does not apply to an entity type (a price for a contact) leaves that type
    out of the results."""

    city: str | None = Field(default=None, max_length=100, description="e.g. Lisbon")
    industry: str | None = Field(default=None, max_length=100, description="e.g. Fintech")
    stage: str | None = Field(default=None, max_length=40,
                              description="account stage, deal stage or contact lifecycle")
    min_price: float | None = Field(default=None, ge=0, description="property price / amount")
    max_price: float | None = Field(default=None, ge=0)
    status: str | None = Field(default=None, max_length=20, description="property status")
    known: bool | None = Field(default=None, description="only people/companies we know")
    min_strength: float | None = Field(default=None, ge=0, le=100,
                                       description="a team tie at least this strong")

    @field_validator("stage", "status")
    @classmethod
    def _upper(cls, value: str | None) -> str | None:
        return value.strip().upper() if value else None

    @model_validator(mode="after")
    def _range(self) -> SearchFilters:
        if self.min_price is not None and self.max_price is not None \
                and self.min_price > self.max_price:
            raise ValueError("min_price is above max_price")
        return self

    def given(self) -> dict[str, Any]:
        """The filters that are set (`known=False` is no filter)."""
        return {k: v for k, v in self.model_dump().items() if v is not None and v is not False}


class SearchQuery(_Frozen):
    text: str = Field(min_length=1, max_length=500,
                      description="what to look for, in words (names, titles, places, needs)")
    types: tuple[EntityType, ...] = Field(default=(), description="empty: every type")
    k: int = Field(default=10, ge=1, le=100, description="how many hits at most")
    filters: SearchFilters = Field(default_factory=SearchFilters,
                                   description="exact constraints every hit satisfies")
    mode: SearchMode = Field(default="hybrid", description="hybrid (meaning and words), "
                             "vector (meaning only) or text (words only)")

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is blank")
        return value.strip()


class MatchReason(_Frozen):
    """Why a hit matched: its place in each ranking, the terms it shares with the query and
    the filters it satisfies."""

    vector_similarity: float | None = Field(default=None, description="cosine, -1..1")
    vector_rank: int | None = None
    text_score: float | None = None
    text_rank: int | None = None
    matched_terms: tuple[str, ...] = ()
    all_terms: bool = Field(default=False, description="holds every query word")
    filters: dict[str, Any] = Field(default_factory=dict)
    strategy: Strategy = "approximate"


class SearchHit(_Frozen):
    id: str
    type: EntityType
    score: float = Field(description="fused reciprocal-rank score (higher is better)")
    text: str | None = Field(default=None, description="the entity's embedding text")
    why: MatchReason


class SearchResult(_Frozen):
    query: SearchQuery
    model: str
    hits: tuple[SearchHit, ...]


class EvidenceFilters(_Frozen):
    kinds: tuple[str, ...] = Field(default=(), description="EMAIL, MEETING, CALL ... (any)")
    since: datetime | None = None
    until: datetime | None = None
    entity_ids: tuple[str, ...] = Field(default=(), description="mentions any of these nodes")

    @field_validator("kinds")
    @classmethod
    def _upper(cls, kinds: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(k.strip().upper() for k in kinds if k.strip())

    @model_validator(mode="after")
    def _window(self) -> EvidenceFilters:
        if self.since and self.until and self.since >= self.until:
            raise ValueError("since is not before until")
        return self


class EvidenceHit(_Frozen):
    chunk_id: int
    source_id: str
    chunk_no: int
    kind: str
    at: datetime | None
    entity_ids: tuple[str, ...]
    text: str
    similarity: float = Field(description="cosine, -1..1")


class IndexReport(_Frozen):
    model: str
    full: bool
    entities_seen: int = 0
    entities_embedded: int = 0
    chunks_seen: int = 0
    chunks_embedded: int = 0
    texts_encoded: int = 0
    seconds: float = 0.0
    by_type: dict[str, int] = Field(default_factory=dict, description="embedded per type")
