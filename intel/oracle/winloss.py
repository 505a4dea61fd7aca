"""Win/loss analysis of closed deals: by loss reason, owner, stage of loss, size band."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from graph.model import DealStage
from intel.oracle.models import Bucket, WinLoss
from intel.oracle.settings import OracleSettings
from intel.scores.context import ScoringContext
from intel.scores.snapshot import DealRec


def _bucket(key: str, deals: list[DealRec], rate: bool) -> Bucket:
    won = [d for d in deals if d.stage == DealStage.CLOSED_WON]
    lost = [d for d in deals if d.stage == DealStage.CLOSED_LOST]
    return Bucket(key=key, won=len(won), lost=len(lost),
                  won_amount=round(sum(d.amount or 0.0 for d in won), 2),
                  lost_amount=round(sum(d.amount or 0.0 for d in lost), 2),
                  win_rate=round(len(won) / len(deals), 3) if rate and deals else None)


def _group(deals: list[DealRec], key: Callable[[DealRec], str | None],
           order: list[str] | None = None, *, rate: bool = True) -> list[Bucket]:
    """Buckets by key, sorted by key (or in `order`); `rate`: whether a win rate means
    anything (not for loss reasons, which only lost deals have)."""
    groups: dict[str, list[DealRec]] = {}
    for deal in deals:
        k = key(deal)
        if k is not None:
            groups.setdefault(k, []).append(deal)
    keys = [k for k in order if k in groups] if order else sorted(groups)
    return [_bucket(k, groups[k], rate) for k in keys]


def _stage_lost(deal: DealRec) -> str | None:
    if deal.stage != DealStage.CLOSED_LOST:
        return None
    last = [src for _, src, to, _ in deal.changes if to == DealStage.CLOSED_LOST and src]
    return last[-1].value if last else "unknown"


def band_labels(bands: list[float]) -> list[str]:
    """Every size band label, smallest first."""
    edges = sorted(bands)
    lows = [0.0, *edges]
    return [f"{lo:,.0f}-{hi:,.0f}" for lo, hi in zip(lows, edges, strict=False)] + \
        [f"{lows[-1]:,.0f}+", "no amount"]


def size_band(amount: float | None, bands: list[float]) -> str:
    if amount is None:
        return "no amount"
    low = 0.0
    for high in sorted(bands):
        if amount < high:
            return f"{low:,.0f}-{high:,.0f}"
        low = high
    return f"{low:,.0f}+"


def win_loss(ctx: ScoringContext, settings: OracleSettings,
             since: date | None = None) -> WinLoss:
    closed = [d for d in ctx.snap.deals.values() if d.stage.is_closed
              and (since is None or (d.actual_close is not None and d.actual_close >= since))]
    return WinLoss(
        as_of=ctx.as_of, since=since, closed=len(closed),
        won=sum(d.stage == DealStage.CLOSED_WON for d in closed),
        lost=sum(d.stage == DealStage.CLOSED_LOST for d in closed),
        by_loss_reason=_group(closed, lambda d: d.loss_reason, rate=False),
        by_owner=_group(closed, lambda d: f"{ctx.snap.members.get(d.owner, d.owner)} "
                        f"({d.owner})" if d.owner else "no owner"),
        by_stage_lost=_group(closed, _stage_lost, rate=False),
        by_size=_group(closed, lambda d: size_band(d.amount, settings.size_bands),
                       band_labels(settings.size_bands)))
