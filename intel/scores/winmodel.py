"""The deal win-probability model: a calibrated logistic regression on replayed deals.

Training rows are closed deals as they looked while open: one row at the midpoint of each
open stage they went through (features as of that day, label = how the deal ended), each
deal weighing one in total. The regression (L2, intel/scores/logistic.py) is fitted on
standardised features, then Platt-calibrated on out-of-fold scores (folds keep a deal's
rows together); calibration is linear in the score, so the final model stays one linear
score and its explanation stays exact. With too little history a documented prior model is
used instead.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from graph.pipeline import PipelineSettings
from intel.scores.features import FEATURES, GROUPS, StageNorms, deal_features, deal_state
from intel.scores.snapshot import DealRec, Snapshot

# Used when there are too few closed deals to fit: the stage's logit carries the score
# and the other evidence nudges it (weights per unit of the raw feature).
PRIOR_WEIGHTS: Mapping[str, float] = {
    "stage": 1.0, "time_in_stage": -0.4, "pace": -0.4, "has_decision_maker": 0.2,
    "has_champion": 0.2, "champion_tie": 1.5, "decision_maker_tie": 0.5,
    "coverage": 0.5, "single_threaded": -0.3, "engagement_trend": 0.3,
    "engagement_level": 0.05, "deal_age": 0.0, "size_vs_history": -0.5, "owner_track": 0.5}


def sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class LinearModel:
    """p = sigmoid(intercept + sum(coef * (x - mean) / scale)); at mean features p = base."""

    kind: Literal["fitted", "prior"]
    coef: dict[str, float]
    mean: dict[str, float]
    scale: dict[str, float]
    intercept: float
    training_deals: int = 0
    training_rows: int = 0

    def parts(self, x: Mapping[str, float]) -> dict[str, float]:
        """Each feature's share of the linear score, relative to an average deal."""
        return {n: self.coef[n] * (x[n] - self.mean[n]) / self.scale[n] for n in FEATURES}

    def probability(self, x: Mapping[str, float]) -> float:
        return sigmoid(self.intercept + sum(self.parts(x).values()))

    @property
    def base(self) -> float:
        """The probability of a deal whose every feature is at the training mean."""
        return sigmoid(self.intercept)

    def contributions(self, x: Mapping[str, float]) -> dict[str, float]:
        """Probability points per driver group; they add up to probability(x) - base.

        The gap between the deal and an average deal is shared in proportion to each
        feature's part of the linear score (exact, and signs follow the parts)."""
        parts = self.parts(x)
        total = sum(parts.values())
        gap = self.probability(x) - self.base
        out = dict.fromkeys(dict.fromkeys(GROUPS.values()), 0.0)
        if abs(total) < 1e-12:
            return out
        for name, part in parts.items():
            out[GROUPS[name]] += gap * part / total
        return out


def prior_model(pipeline: PipelineSettings) -> LinearModel:
    zero = dict.fromkeys(FEATURES, 0.0)
    return LinearModel(kind="prior", coef=dict(PRIOR_WEIGHTS), mean=zero,
                       scale=dict.fromkeys(FEATURES, 1.0), intercept=0.0)


@dataclass
class TrainingSet:
    rows: list[dict[str, float]]
    labels: list[int]
    weights: list[float]
    groups: list[str]


def win_rate(deals: Iterable[DealRec], before: float) -> float:
    """Share of deals closed before `before` that were won (0.3 when none closed)."""
    closed = [d for d in deals if (c := d.closed_day) is not None and c < before]
    if not closed:
        return 0.3
    return sum(d.stage.value == "09-CLOSED_WON" for d in closed) / len(closed)


def replay_days(deal: DealRec) -> list[float]:
    """The midpoint of each open stage the deal went through (its training snapshots)."""
    days = []
    for (at, _, to, _), nxt in zip(deal.changes, deal.changes[1:], strict=False):
        if not to.is_closed:
            days.append(at + (nxt[0] - at) / 2)
    return days


def training_set(snap: Snapshot, before: float, norms: StageNorms,
                 pipeline: PipelineSettings) -> TrainingSet:
    """Closed deals (closed before `before`) replayed at each stage midpoint."""
    prior = win_rate(snap.deals.values(), before)
    out = TrainingSet([], [], [], [])
    for deal in snap.deals.values():
        closed = deal.closed_day
        if closed is None or closed >= before:
            continue
        states = [(d, s) for d in replay_days(deal) if (s := deal_state(deal, d)) is not None]
        for day, state in states:
            out.rows.append(deal_features(snap, deal, state, day, norms, pipeline, prior))
            out.labels.append(int(deal.stage.value == "09-CLOSED_WON"))
            out.weights.append(1 / len(states))
            out.groups.append(deal.id)
    return out


def fit(data: TrainingSet, *, c: float = 1.0, folds: int = 5) -> LinearModel:
    """Fit on standardised features, then Platt-calibrate on out-of-fold scores."""
    import numpy as np

    from intel.scores.logistic import fit_logistic, group_folds

    x = np.array([[r[n] for n in FEATURES] for r in data.rows], dtype=float)
    y, w = np.array(data.labels, dtype=float), np.array(data.weights, dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    oof = np.zeros(len(y))
    for train, test in group_folds(data.groups, folds):
        coef, intercept = fit_logistic(z[train], y[train], w[train], c)
        oof[test] = z[test] @ coef + intercept
    platt, shift = fit_logistic(oof.reshape(-1, 1), y, w, 1e6)
    a = float(platt[0])
    coef, intercept = fit_logistic(z, y, w, c)
    return LinearModel(
        kind="fitted", coef={n: a * float(v) for n, v in zip(FEATURES, coef, strict=True)},
        mean={n: float(v) for n, v in zip(FEATURES, mean, strict=True)},
        scale={n: float(v) for n, v in zip(FEATURES, scale, strict=True)},
        intercept=a * intercept + shift, training_deals=len(set(data.groups)),
        training_rows=len(y))


def enough(data: TrainingSet, min_deals: int) -> bool:
    """Whether there are enough closed deals of each outcome to fit."""
    won = {g for g, label in zip(data.groups, data.labels, strict=True) if label}
    lost = set(data.groups) - won
    return len(won) >= min_deals // 4 and len(lost) >= min_deals // 4 \
        and len(won) + len(lost) >= min_deals


def train(snap: Snapshot, before: float, pipeline: PipelineSettings, *, min_deals: int,
          c: float = 1.0) -> tuple[LinearModel, StageNorms]:
    """The fitted model (or the prior one) and the stage norms it was trained with."""
    norms = StageNorms.from_deals(snap.deals.values(), before)
    data = training_set(snap, before, norms, pipeline)
    if not enough(data, min_deals):
        return prior_model(pipeline), norms
    return fit(data, c=c), norms


def predict_many(model: LinearModel, rows: Sequence[Mapping[str, float]]) -> list[float]:
    return [model.probability(r) for r in rows]
