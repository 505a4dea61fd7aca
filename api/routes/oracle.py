"""The Oracle over HTTP: pipeline by stage, forecast, win/loss, alerts."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import StoreDep
from api.routes.scores import OracleSettingsDep, PipelineDep, ScoreSettingsDep
from intel.oracle import Alerts, Forecast, Oracle, PipelineView, WinLoss
from intel.oracle.models import AlertKind

router = APIRouter(prefix="/v1", tags=["oracle"])


@router.get("/pipeline", operation_id="get_pipeline", summary="Open deals by stage")
def get_pipeline(store: StoreDep, settings: OracleSettingsDep, scores: ScoreSettingsDep,
                 pipeline: PipelineDep) -> PipelineView:
    """Count, amount, expected value (stage probability and model), stuck deals per stage."""
    return Oracle(store, settings, scores, pipeline).pipeline_view()


@router.get("/forecast", operation_id="get_forecast", summary="Expected revenue forecast")
def get_forecast(store: StoreDep, settings: OracleSettingsDep, scores: ScoreSettingsDep,
                 pipeline: PipelineDep) -> Forecast:
    """Probability x amount by expected close month and quarter; commit, best case and
    pipeline; the same totals a month ago and the deltas."""
    return Oracle(store, settings, scores, pipeline).forecast()


@router.get("/winloss", operation_id="get_win_loss", summary="Win/loss analysis")
def get_win_loss(store: StoreDep, settings: OracleSettingsDep, scores: ScoreSettingsDep,
                 pipeline: PipelineDep, since: date | None = None) -> WinLoss:
    """Closed deals by loss reason, owner, stage of loss and size band."""
    return Oracle(store, settings, scores, pipeline).win_loss(since)


@router.get("/alerts", operation_id="get_alerts", summary="Pipeline and account alerts")
def get_alerts(store: StoreDep, settings: OracleSettingsDep, scores: ScoreSettingsDep,
               pipeline: PipelineDep,
               kind: Annotated[AlertKind | None, Query()] = None) -> Alerts:
    """Stuck deals, deals without a next step, accounts without an owner, single-threaded
    key accounts, silent decision makers, properties reserved too long."""
    found = Oracle(store, settings, scores, pipeline).alerts()
    if kind is None:
        return found
    chosen = [a for a in found.alerts if a.kind == kind]
    return found.model_copy(update={"alerts": chosen, "counts": {kind: len(chosen)}})
