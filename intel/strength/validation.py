"""Validation against a synthetic dataset's ground truth: Spearman rank correlation.

Plain Python (no numpy): average ranks for ties, then Pearson on the ranks.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence

from pydantic import BaseModel

from graph.store.base import GraphStore


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks; tied values share their average rank."""
    order = sorted(range(len(values)), key=values.__getitem__)
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """Spearman's rho; nan when either side is constant or there are < 2 values."""
    if len(x) != len(y):
        raise ValueError("spearman needs two sequences of the same length")
    if len(x) < 2:
        return math.nan
    rx, ry = ranks(x), ranks(y)
    mx, my = statistics.fmean(rx), statistics.fmean(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return cov / math.sqrt(vx * vy) if vx > 0 and vy > 0 else math.nan


class Validation(BaseModel):
    """Rapport's scores against the generator's true tie strengths."""

    pairs: int
    member_contact_pairs: int
    contact_contact_pairs: int
    spearman_all: float
    spearman_member_contact: float
    spearman_contact_contact: float
    one_way_max: float | None
    two_way_member_median: float | None


def stored_scores(store: GraphStore) -> dict[str, float]:
    """'a|b' (stored order) -> strength, for every scored KNOWS edge."""
    out: dict[str, float] = {}
    for r in store.read("strength/scores_all", timeout_s=900):
        a, b, strength, _ = r["row"].split("|", 3)
        if strength:
            out[f"{a}|{b}"] = float(strength)
    return out


def validate(scores: Mapping[str, float], truth: Mapping[str, float],
             one_way: set[str]) -> Validation:
    keys = [k for k in truth if k in scores]
    member = [k for k in keys if k.startswith("mem_")]
    contact = [k for k in keys if not k.startswith("mem_")]

    def rho(ks: list[str]) -> float:
        return round(spearman([scores[k] for k in ks], [truth[k] for k in ks]), 4)

    ow = [scores[k] for k in keys if k in one_way]
    tw = [scores[k] for k in member if k not in one_way]
    return Validation(
        pairs=len(keys), member_contact_pairs=len(member), contact_contact_pairs=len(contact),
        spearman_all=rho(keys), spearman_member_contact=rho(member),
        spearman_contact_contact=rho(contact), one_way_max=max(ow) if ow else None,
        two_way_member_median=statistics.median(tw) if tw else None)
