"""GroundTruth: what the generator knows and the graph does not show; kept apart as JSON."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from graph.synth.keys import pair_key


class DealDriver(BaseModel):
    """Why a closed deal ended as it did: the hidden drivers of its win probability."""

    model_config = ConfigDict(extra="forbid")

    won: bool
    win_probability: float = Field(ge=0, le=1)
    drivers: dict[str, float]


class StakeholderException(BaseModel):
    """A stakeholder who does not currently work at the deal's account, and why."""

    model_config = ConfigDict(extra="forbid")

    deal_id: str
    contact_id: str
    reason: str


class GroundTruth(BaseModel):
    """Hidden truth of a synthetic dataset, for evaluating Rapport's scores."""

    model_config = ConfigDict(extra="forbid")

    seed: int
    config: dict[str, Any]
    # "<id_a>|<id_b>" (Member first, else the smaller id first) -> true strength 0-100.
    tie_strength: dict[str, float] = Field(default_factory=dict)
    one_way_pairs: list[str] = Field(default_factory=list)
    deteriorating_accounts: list[str] = Field(default_factory=list)
    deterioration_started: dict[str, date] = Field(default_factory=dict)
    deal_drivers: dict[str, DealDriver] = Field(default_factory=dict)  # closed deals only
    deal_win_probability: dict[str, float] = Field(default_factory=dict)  # every deal
    member_skill: dict[str, float] = Field(default_factory=dict)
    stakeholder_exceptions: list[StakeholderException] = Field(default_factory=list)

    @staticmethod
    def pair_key(a: str, b: str) -> str:
        """The tie_strength key of an unordered pair of node ids."""
        return pair_key(a, b)

    def write(self, path: str | Path) -> Path:
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.model_dump_json(indent=None), encoding="utf-8")
        return target

    @classmethod
    def read(cls, path: str | Path) -> GroundTruth:
        return cls.model_validate_json(Path(path).read_text(encoding="utf-8"))
