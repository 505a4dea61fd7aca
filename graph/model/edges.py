"""Canonical relationship models (DESIGN.md: relationships)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field, model_validator

from graph.model.base import GraphEdge, Score, UtcDatetime
from graph.model.enums import KnowsOrigin, ParticipantRole, StakeholderRole


class WorksAt(GraphEdge):
    """Employment; `current` false with an `end` date means the person left."""

    TYPE: ClassVar[str] = "WORKS_AT"
    ENDPOINTS: ClassVar[frozenset[tuple[str, str]]] = frozenset({("Contact", "Account")})

    title: str | None = None
    current: bool = True
    start: date | None = None
    end: date | None = None

    @model_validator(mode="after")
    def _period(self) -> WorksAt:
        if self.start and self.end and self.end < self.start:
            raise ValueError("WORKS_AT end is before start")
        if self.current and self.end is not None:
            raise ValueError("a current WORKS_AT has no end date")
        return self


class ReportsTo(GraphEdge):
    TYPE: ClassVar[str] = "REPORTS_TO"
    ENDPOINTS: ClassVar[frozenset[tuple[str, str]]] = frozenset({("Contact", "Contact")})


class SubsidiaryOf(GraphEdge):
    TYPE: ClassVar[str] = "SUBSIDIARY_OF"
    ENDPOINTS: ClassVar[frozenset[tuple[str, str]]] = frozenset({("Account", "Account")})


class Knows(GraphEdge):
    """A relationship between two people; stored once per pair, read in both directions.

    `strength` is Rapport's computed score (0-100, None until scored); `explicit_strength`
    is a strength given by an import (edge list, manual entry) and kept apart from it.
    """

    TYPE: ClassVar[str] = "KNOWS"
    ENDPOINTS: ClassVar[frozenset[tuple[str, str]]] = frozenset(
        {("Member", "Contact"), ("Contact", "Contact"), ("Member", "Member")}
    )

    strength: Score | None = None
    explicit_strength: Score | None = None
    interaction_count: int = Field(default=0, ge=0)
    first_seen: UtcDatetime | None = None
    last_seen: UtcDatetime | None = None
    origins: list[KnowsOrigin] = Field(default_factory=list)


class Owns(GraphEdge):
    TYPE: ClassVar[str] = "OWNS"
    ENDPOINTS: ClassVar[frozenset[tuple[str, str]]] = frozenset(
        {("Member", "Deal"), ("Member", "Account")}
    )

    since: date | None = None


class StakeholderIn(GraphEdge):
    TYPE: ClassVar[str] = "STAKEHOLDER_IN"
    ENDPOINTS: ClassVar[frozenset[tuple[str, str]]] = frozenset(
        {("Contact", "Deal"), ("Contact", "Account")}
    )

    role: StakeholderRole
    influence: Score = 50.0
    key: bool = False
    note: str | None = None


class HasDeal(GraphEdge):
    TYPE: ClassVar[str] = "HAS_DEAL"
    ENDPOINTS: ClassVar[frozenset[tuple[str, str]]] = frozenset({("Account", "Deal")})


class ForProperty(GraphEdge):
    TYPE: ClassVar[str] = "FOR_PROPERTY"
    ENDPOINTS: ClassVar[frozenset[tuple[str, str]]] = frozenset({("Deal", "Property")})


class InterestedIn(GraphEdge):
    TYPE: ClassVar[str] = "INTERESTED_IN"
    ENDPOINTS: ClassVar[frozenset[tuple[str, str]]] = frozenset(
        {("Contact", "Property"), ("Account", "Property")}
    )

    level: Score = 50.0
    since: date | None = None


class ParticipatedIn(GraphEdge):
    TYPE: ClassVar[str] = "PARTICIPATED_IN"
    ENDPOINTS: ClassVar[frozenset[tuple[str, str]]] = frozenset(
        {("Member", "Interaction"), ("Contact", "Interaction")}
    )

    role: ParticipantRole


class HasStageChange(GraphEdge):
    TYPE: ClassVar[str] = "HAS_STAGE_CHANGE"
    ENDPOINTS: ClassVar[frozenset[tuple[str, str]]] = frozenset({("Deal", "StageChange")})


EDGE_MODELS: tuple[type[GraphEdge], ...] = (
    WorksAt,
    ReportsTo,
    SubsidiaryOf,
    Knows,
    Owns,
    StakeholderIn,
    HasDeal,
    ForProperty,
    InterestedIn,
    ParticipatedIn,
    HasStageChange,
)
EDGE_BY_TYPE: dict[str, type[GraphEdge]] = {m.TYPE: m for m in EDGE_MODELS}
