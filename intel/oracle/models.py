"""Typed results of the Oracle: pipeline, forecast, win/loss, alerts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.model import DealStage


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class StageRow(_Result):
    stage: DealStage
    deals: int
    amount: float
    probability: float
    expected: float = Field(description="amount x the stage's configured probability")
    expected_model: float = Field(description="amount x each deal's win probability")
    median_days_in_stage: float | None
    stuck: int


class PipelineView(_Result):
    as_of: datetime
    currency: str
    stages: list[StageRow]
    open_deals: int
    amount: float
    expected: float
    expected_model: float
    other_currencies: int = Field(description="open deals in other currencies, left out")


class Period(_Result):
    """One month or quarter of the forecast (by expected close date)."""

    label: str
    start: date
    deals: int
    amount: float
    expected: float = Field(description="sum of amount x stage probability")
    expected_model: float = Field(description="sum of amount x model win probability")
    won: float = Field(description="closed-won amount with actual close in the period")


class Totals(_Result):
    open_deals: int
    pipeline: float = Field(description="amount of every open deal")
    best_case: float = Field(description="amount of open deals from best_case_from on")
    commit: float = Field(description="amount of open deals from commit_from on")
    expected: float
    expected_model: float


class Forecast(_Result):
    as_of: datetime
    currency: str
    months: list[Period]
    quarters: list[Period]
    overdue: int = Field(description="open deals whose expected close has passed "
                                     "(counted in the first month)")
    unscheduled: Totals = Field(description="open deals without an expected close date")
    totals: Totals
    month_ago: Totals = Field(description="the same totals `compare_days` earlier")
    delta: Totals = Field(description="totals minus month_ago")
    other_currencies: int


class Bucket(_Result):
    key: str
    won: int
    lost: int
    won_amount: float
    lost_amount: float
    win_rate: float | None


class WinLoss(_Result):
    as_of: datetime
    since: date | None
    closed: int
    won: int
    lost: int
    by_loss_reason: list[Bucket]
    by_owner: list[Bucket]
    by_stage_lost: list[Bucket]
    by_size: list[Bucket]


AlertKind = Literal["stuck_deal", "no_next_step", "account_without_owner",
                    "single_threaded_key_account", "decision_maker_silent",
                    "property_reserved_too_long"]
Severity = Literal["high", "medium", "low"]


class Alert(_Result):
    kind: AlertKind
    severity: Severity
    subject_label: str
    subject_id: str
    subject_name: str
    account_id: str | None
    message: str


class Alerts(_Result):
    as_of: datetime
    counts: dict[str, int]
    alerts: list[Alert]
