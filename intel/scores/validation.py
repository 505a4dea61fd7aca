"""Backtests of the win model against the stage-probability baseline (benchmarks/scores.py).

The model is trained only on deals closed before `cutoff`, then judged on two sets of
deals it never saw, each against the configured stage probability in the same run:
- time split: deals closed between `cutoff` and `later`;
- later slice (held back): deals closed between `later` and `end`.
Test deals are replayed like training deals: one row at the midpoint of each open stage
they went through, features as of that day, each deal weighing one in total.
"""

from __future__ import annotations

from pydantic import BaseModel

from graph.errors import InvalidInput
from graph.pipeline import PipelineSettings
from intel.scores.features import StageNorms, deal_features, deal_state
from intel.scores.snapshot import Snapshot
from intel.scores.winmodel import LinearModel, replay_days, train, win_rate


class Fit(BaseModel):
    auc: float
    brier: float


class SliceResult(BaseModel):
    deals: int
    rows: int
    win_rate: float
    model: Fit
    baseline: Fit


class Backtest(BaseModel):
    training_deals: int
    model_kind: str
    time_split: SliceResult
    later_slice: SliceResult


def _fit(y: list[int], p: list[float], w: list[float]) -> Fit:
    from sklearn.metrics import brier_score_loss, roc_auc_score

    return Fit(auc=round(float(roc_auc_score(y, p, sample_weight=w)), 4),
               brier=round(float(brier_score_loss(y, p, sample_weight=w)), 4))


def _judge(snap: Snapshot, model: LinearModel, norms: StageNorms, pipeline: PipelineSettings,
           points: list[tuple[str, float, float]], prior: float) -> SliceResult:
    """points: (deal id, day, weight)."""
    y, pm, pb, w = [], [], [], []
    for deal_id, day, weight in points:
        deal = snap.deals[deal_id]
        state = deal_state(deal, day)
        if state is None:
            continue
        x = deal_features(snap, deal, state, day, norms, pipeline, prior)
        y.append(int(deal.stage.value == "09-CLOSED_WON"))
        pm.append(model.probability(x))
        pb.append(pipeline.probability(state.stage))
        w.append(weight)
    deals = len({d for d, _, _ in points})
    return SliceResult(deals=deals, rows=len(y), win_rate=round(sum(
        yi * wi for yi, wi in zip(y, w, strict=True)) / max(sum(w), 1e-9), 3),
        model=_fit(y, pm, w), baseline=_fit(y, pb, w))


def closed_between(snap: Snapshot, start: float, end: float) -> list[tuple[str, float, float]]:
    """(deal, replay day, weight) for every deal closed in [start, end)."""
    points: list[tuple[str, float, float]] = []
    for deal in snap.deals.values():
        closed = deal.closed_day
        if closed is not None and start <= closed < end:
            days = replay_days(deal)
            points += [(deal.id, day, 1 / len(days)) for day in days]
    return points


def backtest(snap: Snapshot, cutoff: float, later: float, end: float,
             pipeline: PipelineSettings, *, min_deals: int = 40, c: float = 1.0) -> Backtest:
    if not cutoff < later < end:
        raise InvalidInput("backtest needs cutoff < later < end")
    model, norms = train(snap, cutoff, pipeline, min_deals=min_deals, c=c)
    prior = win_rate(snap.deals.values(), cutoff)
    return Backtest(
        training_deals=model.training_deals, model_kind=model.kind,
        time_split=_judge(snap, model, norms, pipeline, closed_between(snap, cutoff, later),
                          prior),
        later_slice=_judge(snap, model, norms, pipeline, closed_between(snap, later, end),
                           prior))
