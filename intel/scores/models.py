"""Typed results of the scores: each a number with drivers that add up to it and a trend."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.model import DealStage
from intel.strength.explain import Driver

Direction = Literal["up", "down", "flat"]


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ScoreTrend(_Result):
    """The same score `days` earlier (None when the deal or account was not there yet)."""

    direction: Direction
    previous: float | None
    change: float | None
    days: int


class DealScore(_Result):
    """An open deal's win probability; drivers (points of 100) add up to `score`."""

    deal_id: str
    name: str
    account_id: str | None
    owner_id: str | None
    stage: DealStage
    amount: float | None
    currency: str
    as_of: datetime
    win_probability: float = Field(ge=0, le=1)
    score: float = Field(ge=0, le=100, description="win probability in points (0-100)")
    stage_probability: float = Field(description="the stage's configured probability: "
                                                 "the baseline the model is measured against")
    model: Literal["fitted", "prior"]
    drivers: list[Driver]
    trend: ScoreTrend
    days_in_stage: float
    typical_days_in_stage: float
    stuck: bool = Field(description="longer in this stage than 75% of deals that left it")


class RiskFlag(_Result):
    code: str
    reason: str


class NextAction(_Result):
    """A recommended step and the evidence it rests on."""

    action: str
    evidence: str
    contact_id: str | None = None
    member_id: str | None = None
    deal_id: str | None = None
    priority: int = Field(ge=1, le=3, description="1 = do it first")


class IcpFit(_Result):
    """How much a prospect looks like the accounts the team has won (0-100)."""

    score: float = Field(ge=0, le=100)
    drivers: list[Driver]
    won_accounts: int
    trend: ScoreTrend


class AccountHealth(_Result):
    """Account health (0-100) with drivers that add up to it, the churn risk (0-100, from
    behaviour only: never the account's stage), risk flags and next actions."""

    account_id: str
    name: str
    stage: str
    tier: str | None
    as_of: datetime
    score: float = Field(ge=0, le=100)
    drivers: list[Driver]
    trend: ScoreTrend
    churn_risk: float = Field(ge=0, le=100)
    churn_drivers: list[Driver]
    churn_trend: ScoreTrend
    likely_at_risk: bool = Field(description="churn risk at or above the alert threshold "
                                             "while the account is not yet AT_RISK/CHURNED")
    risk_flags: list[RiskFlag]
    icp: IcpFit | None = None
    next_actions: list[NextAction] = Field(default_factory=list)


class ScoreBoard(_Result):
    """Every account's health and every open deal's win probability."""

    as_of: datetime
    model: Literal["fitted", "prior"]
    training_deals: int
    accounts: list[AccountHealth]
    deals: list[DealScore]
    seconds: float
