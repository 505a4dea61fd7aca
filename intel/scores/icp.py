"""Lead/ICP fit: how much a prospect resembles the accounts the team has won (0-100).

Industry (35) + size (25) + city (15) + nearest won accounts (25). The won accounts are
those with at least one CLOSED_WON deal (the prospect itself left out).
"""

from __future__ import annotations

import math
from collections import Counter

from intel.scores.context import ScoringContext
from intel.scores.explain import exact_drivers, points, trend
from intel.scores.models import IcpFit
from intel.scores.snapshot import AccountRec, Snapshot

PROSPECT_STAGES = ("PROSPECT", "ACTIVE_PURSUIT")


def won_accounts(snap: Snapshot, day: float) -> list[AccountRec]:
    """Accounts with a deal won before `day`."""
    return [a for a in snap.accounts.values()
            if any(snap.deals[d].stage.value == "09-CLOSED_WON"
                   and (snap.deals[d].closed_day or day) < day for d in a.deals)]


def _size(employees: int | None) -> float | None:
    return math.log10(employees) if employees else None


def _similarity(a: AccountRec, b: AccountRec) -> float:
    """0-1: same industry .4, same segment .3, same city .15, size within a decade .15."""
    sa, sb = _size(a.employees), _size(b.employees)
    size = 0.15 * max(0.0, 1 - abs(sa - sb)) if sa is not None and sb is not None else 0.0
    return (0.4 * (a.industry == b.industry and a.industry is not None)
            + 0.3 * (a.segment == b.segment and a.segment is not None)
            + 0.15 * (a.city == b.city and a.city is not None) + size)


def _share(value: str | None, counts: Counter[str | None]) -> float:
    top = max(counts.values(), default=0)
    return counts[value] / top if value is not None and top else 0.0


def _parts(snap: Snapshot, acc: AccountRec, day: float
           ) -> tuple[list[tuple[str, float, str]], int]:
    won = [a for a in won_accounts(snap, day) if a.id != acc.id]
    if not won:
        return [("won accounts", 0.0, "no won account to compare with yet")], 0
    industries = Counter(a.industry for a in won)
    cities = Counter(a.city for a in won)
    sizes = sorted(s for a in won if (s := _size(a.employees)) is not None)
    own = _size(acc.employees)
    rank = sum(1 for s in sizes if s <= own) / len(sizes) if own is not None and sizes else 0.5
    size_fit = 1 - abs(rank - 0.5) * 2 if own is not None else 0.0
    nearest = sorted((_similarity(acc, a) for a in won), reverse=True)[:5]
    return [
        ("industry", 35 * _share(acc.industry, industries),
         f"{industries[acc.industry]} of {len(won)} won accounts are in {acc.industry}"),
        ("size", 25 * size_fit, f"{acc.employees or 'unknown'} employees: percentile "
         f"{rank:.0%} among won accounts"),
        ("city", 15 * _share(acc.city, cities),
         f"{cities[acc.city]} won accounts in {acc.city}"),
        ("similar won accounts", 25 * sum(nearest) / len(nearest),
         f"mean similarity {sum(nearest) / len(nearest):.2f} to the {len(nearest)} most "
         "similar won accounts"),
    ], len(won)


def icp_fit(ctx: ScoringContext, acc: AccountRec) -> IcpFit:
    """The fit as of the context's time, with its trend (won accounts as of then)."""
    parts, won = _parts(ctx.snap, acc, ctx.day)
    score = points({n: v for n, v, _ in parts})
    days = ctx.settings.trend_days
    then, _ = _parts(ctx.snap, acc, ctx.day - days)
    return IcpFit(score=score, drivers=exact_drivers(parts, score), won_accounts=won,
                  trend=trend(score, points({n: v for n, v, _ in then}), days,
                              ctx.settings.trend_min_change))
