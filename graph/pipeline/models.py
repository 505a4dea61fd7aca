"""Typed requests and results of the pipeline rules: moves, refusals, stage history."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from graph.model import DealStage, LossReason
from graph.model.base import UtcDatetime

RefusalCode = Literal[
    "same_stage", "closed", "skips_stages", "missing_amount", "missing_expected_close",
    "missing_decision_maker", "missing_loss_reason", "loss_reason_not_lost"]


def stage_named(value: object) -> object:
    """'06-PROPOSAL', 'PROPOSAL', 'proposal' or 'closed_won' -> the stage's value; anything
    else is returned as is for the enum to refuse (naming the valid stages)."""
    if not isinstance(value, str):
        return value
    wanted = value.strip().upper().replace(" ", "_")
    for stage in DealStage:
        if wanted in (stage.value, stage.name, stage.value.partition("-")[2] or stage.value):
            return stage.value
    return value


class Refusal(BaseModel):
    """One rule a stage change breaks: a stable code, the field at fault, a sentence."""

    model_config = ConfigDict(frozen=True)

    code: RefusalCode
    field: str
    message: str


class StageMove(BaseModel):
    """Move a deal to `stage`; the optional fields are set in the same change (a loss reason
    when closing lost, the amount or close date a later stage requires)."""

    model_config = ConfigDict(extra="forbid")

    stage: DealStage
    by: str | None = Field(default=None, max_length=128,
                           description="who makes the change (member id or user name)")
    at: UtcDatetime | None = Field(default=None, description="when (default now)")
    amount: float | None = Field(default=None, ge=0)
    expected_close: date | None = None
    loss_reason: LossReason | None = None
    next_step: str | None = Field(default=None, max_length=500)

    @field_validator("stage", mode="before")
    @classmethod
    def _stage_named(cls, value: object) -> object:
        return stage_named(value)


class StageStep(BaseModel):
    """One step of a deal's stage history."""

    from_stage: DealStage | None
    to_stage: DealStage
    at: datetime
    by: str | None
    days_in_stage: float | None = Field(description="days spent in from_stage")


class StageHistory(BaseModel):
    """A deal's walk through the pipeline, and how long it has sat where it is."""

    deal_id: str
    stage: DealStage
    entered_at: datetime | None
    days_in_current_stage: float | None
    steps: list[StageStep]
    days_by_stage: dict[str, float] = Field(
        description="total days spent in each stage it has left (a stage re-entered adds up)")


class StageMoveResult(BaseModel):
    deal_id: str
    from_stage: DealStage
    to_stage: DealStage
    at: datetime
    by: str | None
    days_in_previous_stage: float
    probability: float = Field(description="the stage's configured probability")
    changed_fields: list[str]


class OwnerChange(BaseModel):
    deal_id: str
    previous: list[str]
    owner: str
    at: datetime
    by: str | None
