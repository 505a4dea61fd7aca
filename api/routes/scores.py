"""Scores over HTTP: account health (with next actions), deal win probability, and gated
stage changes (audited in the evidence store)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from api.auth.deps import PrincipalDep
from api.deps import EvidenceDep, StoreDep, on_event_loop
from graph.pipeline import (
    OwnerChange,
    PipelineSettings,
    StageHistory,
    StageMove,
    StageMoveResult,
    StageService,
    get_pipeline_settings,
)
from intel.oracle import Oracle, OracleSettings, get_oracle_settings
from intel.scores import AccountHealth, DealScore, Scorer, ScoreSettings, get_score_settings

router = APIRouter(prefix="/v1", tags=["scores"])
PipelineDep = Annotated[PipelineSettings, Depends(on_event_loop(get_pipeline_settings))]
ScoreSettingsDep = Annotated[ScoreSettings, Depends(on_event_loop(get_score_settings))]
OracleSettingsDep = Annotated[OracleSettings, Depends(on_event_loop(get_oracle_settings))]
_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "Unknown id"}}


@router.get("/accounts/{account_id}/health", operation_id="get_account_health",
            summary="Account health, churn risk, risk flags and next actions",
            responses=_NOT_FOUND)
def get_account_health(account_id: str, store: StoreDep, settings: OracleSettingsDep,
                       scores: ScoreSettingsDep, pipeline: PipelineDep) -> AccountHealth:
    """Health 0-100 with drivers that add up to it and its trend; churn risk from behaviour;
    ICP fit for prospects; next actions each tied to its evidence."""
    return Oracle(store, settings, scores, pipeline).account_outlook(account_id)


@router.get("/deals/{deal_id}/score", operation_id="get_deal_score",
            summary="An open deal's win probability",
            responses={**_NOT_FOUND, 422: {"description": "The deal is closed"}})
def get_deal_score(deal_id: str, store: StoreDep, scores: ScoreSettingsDep,
                   pipeline: PipelineDep) -> DealScore:
    """Calibrated win probability with drivers (base rate + evidence groups) that add up to
    the score, its trend, and the stage probability it is measured against."""
    return Scorer(store, scores, pipeline).deal(deal_id)


@router.post("/deals/{deal_id}/stage", operation_id="move_deal_stage",
             summary="Move a deal to another stage",
             responses={**_NOT_FOUND, 409: {"description": "Refused by a pipeline rule; "
                                                          "`reasons` lists every rule broken"},
                        422: {"description": "Invalid request"}})
def move_deal_stage(deal_id: str, move: StageMove, store: StoreDep, evidence: EvidenceDep,
                    pipeline: PipelineDep, principal: PrincipalDep) -> StageMoveResult:
    """Forward moves go one stage at a time unless a jump is allowed; each stage's required
    fields must be present (they may be set in the same request). Audited."""
    return StageService(store, evidence, pipeline).move(deal_id, move, actor=principal.key_id)


class OwnerRequest(BaseModel):
    owner: str = Field(min_length=1, max_length=128, description="member id of the new owner")
    by: str | None = Field(default=None, max_length=128, description="who makes the change")


@router.post("/deals/{deal_id}/owner", operation_id="change_deal_owner",
             summary="Give a deal to another member", responses=_NOT_FOUND)
def change_deal_owner(deal_id: str, request: OwnerRequest, store: StoreDep,
                      evidence: EvidenceDep, pipeline: PipelineDep,
                      principal: PrincipalDep) -> OwnerChange:
    """The previous owners lose the deal; audited."""
    return StageService(store, evidence, pipeline).change_owner(
        deal_id, request.owner, by=request.by, actor=principal.key_id)


@router.get("/deals/{deal_id}/history", operation_id="get_deal_history",
            summary="A deal's stage history", responses=_NOT_FOUND)
def get_deal_history(deal_id: str, store: StoreDep, pipeline: PipelineDep) -> StageHistory:
    """Every stage change (from, to, at, by, days in the previous stage), the days in the
    current stage and the total days per stage."""
    return StageService(store, None, pipeline).history(deal_id)
