"""Turn a model's contributions into drivers that add up to the score, and trends."""

from __future__ import annotations

from collections.abc import Mapping

from intel.scores.models import ScoreTrend
from intel.strength.explain import Driver


def exact_drivers(parts: list[tuple[str, float, str]], score: float) -> list[Driver]:
    """Drivers rounded to 0.01 whose sum is exactly `score` (the rounding residue goes to
    the largest driver, so a reader adding them up gets the score)."""
    rounded = [round(v, 2) for _, v, _ in parts]
    if rounded:
        largest = max(range(len(rounded)), key=lambda i: abs(rounded[i]))
        rounded[largest] = round(rounded[largest] + score - sum(rounded), 2)
    return [Driver(name=n, contribution=v, detail=d)
            for (n, _, d), v in zip(parts, rounded, strict=True)]


def points(parts: Mapping[str, float]) -> float:
    """A score built from points: their sum, rounded to 0.1, within 0-100."""
    return round(min(100.0, max(0.0, sum(parts.values()))), 1)


def trend(now: float, before: float | None, days: int, min_change: float) -> ScoreTrend:
    if before is None:
        return ScoreTrend(direction="flat", previous=None, change=None, days=days)
    change = round(now - before, 1)
    direction = "up" if change >= min_change else "down" if change <= -min_change else "flat"
    return ScoreTrend(direction=direction, previous=round(before, 1), change=change, days=days)
