"""Typed results of the strength service (pydantic): what the API and the CLI return."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from intel.strength.evidence import PairEvidence
from intel.strength.model import Scored

Band = Literal["strong", "occasional", "weak"]
Direction = Literal["up", "down", "flat"]


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Driver(_Result):
    """One reason behind a score and the points it contributes (contributions sum to it)."""

    name: str
    contribution: float
    detail: str


class Trend(_Result):
    """Evidence of the last `window_days` against the `window_days` before."""

    direction: Direction
    recent: float = Field(description="weighted evidence, last window")
    previous: float = Field(description="weighted evidence, the window before")
    recent_count: int = 0
    previous_count: int = 0
    window_days: int


class StrengthExplanation(_Result):
    """A relationship's score with everything that made it."""

    a_id: str
    b_id: str
    as_of: datetime
    score: float = Field(ge=0, le=100)
    band: Band
    drivers: list[Driver]
    last_interaction: datetime | None
    first_interaction: datetime | None
    interaction_count: int
    counts_by_channel: dict[str, int]
    two_way: int = Field(description="meetings and calls: both sides took part")
    one_way: int = Field(description="messages from one to the other (a_to_b + b_to_a)")
    a_to_b: int
    b_to_a: int
    shared: int = Field(description="both were recipients of someone else's message")
    trend: Trend
    explicit_strength: float | None
    combined: bool = Field(description="explicit strength blended with interaction evidence")
    origins: list[str]


class RelationshipSummary(_Result):
    """One of a person's ties, as listed by strongest_relationships()."""

    id: str
    label: str
    name: str | None
    title: str | None
    company: str | None
    score: float | None
    band: Band | None
    trend: Direction | None
    last_interaction: datetime | None
    explicit_strength: float | None


class RescoreReport(_Result):
    """What a (full or incremental) rescore did."""

    as_of: datetime
    pairs_scored: int
    ties_created: int
    interactions_read: int
    with_evidence: int
    bands: dict[str, int]
    seconds: float
    timings: dict[str, float] = Field(default_factory=dict)


def explanation(a_id: str, b_id: str, as_of: datetime, scored: Scored,
                ev: PairEvidence | None, explicit: float | None, origins: list[str],
                window_days: int, *, flipped: bool = False) -> StrengthExplanation:
    """Build the explanation; `flipped` when the caller named the pair in the other order
    than it is stored (A->B counts are then swapped to follow the caller's order)."""
    e = ev or PairEvidence()
    a_to_b, b_to_a = (e.b_to_a, e.a_to_b) if flipped else (e.a_to_b, e.b_to_a)
    trend = Trend(direction=scored.trend,
                  recent=round(e.recent, 2), previous=round(e.previous, 2),
                  recent_count=e.recent_count, previous_count=e.previous_count,
                  window_days=window_days)
    return StrengthExplanation(
        a_id=a_id, b_id=b_id, as_of=as_of, score=scored.score,
        band=scored.band,
        drivers=[Driver(name=d.name, contribution=d.contribution, detail=d.detail)
                 for d in scored.drivers],
        last_interaction=e.last, first_interaction=e.first, interaction_count=e.count,
        counts_by_channel=e.counts_by_channel(), two_way=e.two_way,
        one_way=a_to_b + b_to_a, a_to_b=a_to_b, b_to_a=b_to_a, shared=e.shared,
        trend=trend,
        explicit_strength=explicit, combined=scored.combined, origins=origins)
