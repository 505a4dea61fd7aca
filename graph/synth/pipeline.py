"""Walks a deal through the 10-stage pipeline: stage durations, stuck deals, stage history."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from graph.model import DealStage

OPEN: tuple[DealStage, ...] = DealStage.open_stages()
# Mean days a deal spends in each open stage (before velocity and noise).
_MEAN_DAYS = (9, 14, 10, 18, 24, 20, 26, 30)


@dataclass
class Walk:
    """The stage history of one deal; `stage` is where it sits at as_of."""

    stage: DealStage
    entered: datetime
    changes: list[tuple[DealStage | None, DealStage, datetime, float | None]] = field(
        default_factory=list)  # (from, to, at, days in the previous stage)
    planned_close: datetime | None = None

    @property
    def closed_at(self) -> datetime | None:
        return self.entered if self.stage.is_closed else None


def planned_days(velocity: float) -> float:
    """What the seller expects the whole pipeline to take at this velocity."""
    return sum(_MEAN_DAYS) * velocity


def walk(rng: random.Random, created: datetime, end: datetime, velocity: float, won: bool,
         exit_stage: int) -> Walk:
    """Move from IDENTIFIED until closing or reaching as_of (then the deal is open)."""
    path = [*OPEN, DealStage.CLOSED_WON] if won else [*OPEN[: exit_stage + 1],
                                                      DealStage.CLOSED_LOST]
    # One deal in eight gets stuck somewhere: that stage takes 4-8 times longer.
    stuck = rng.randrange(len(path) - 1) if rng.random() < 0.125 else -1
    w = Walk(stage=path[0], entered=created,
             planned_close=created + timedelta(days=planned_days(velocity)))
    w.changes.append((None, path[0], created, None))
    for i, nxt in enumerate(path[1:]):
        days = _MEAN_DAYS[i] * velocity * math.exp(rng.gauss(0, 0.4))
        days *= rng.uniform(4, 8) if i == stuck else 1.0
        at = w.entered + timedelta(seconds=int(days * 86400))
        if at >= end:
            break
        w.changes.append((w.stage, nxt, at, round(days, 2)))
        w.stage, w.entered = nxt, at
    return w
