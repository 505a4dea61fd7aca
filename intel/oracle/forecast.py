"""The forecast: probability x amount by expected close month and quarter, the commit /
best case / pipeline totals, and the same totals a month ago for the deltas.

Deals open at a past time are found from their stage history (their stage then); their
amount and expected close date are today's (the graph keeps no history of those fields).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date

from graph.model import DealStage
from graph.pipeline import PipelineSettings
from intel.oracle.models import Forecast, Period, Totals
from intel.oracle.settings import OracleSettings
from intel.scores.context import ScoringContext
from intel.scores.features import deal_state


@dataclass(frozen=True)
class Item:
    """An open deal as the forecast sees it."""

    stage: DealStage
    amount: float
    expected_close: date | None
    p_model: float


def open_items(ctx: ScoringContext, day: float, currency: str) -> tuple[list[Item], int]:
    """Deals open at `day` in `currency`, and how many open ones were in another."""
    items, others = [], 0
    for deal in ctx.snap.deals.values():
        state = deal_state(deal, day)
        if state is None:
            continue
        if deal.currency != currency:
            others += 1
            continue
        p = ctx.probability(deal, day) or 0.0
        items.append(Item(state.stage, deal.amount or 0.0, deal.expected_close, p))
    return items, others


def totals(items: list[Item], pipeline: PipelineSettings, settings: OracleSettings) -> Totals:
    def amount(from_stage: DealStage) -> float:
        return sum(i.amount for i in items if i.stage.order >= from_stage.order)

    return Totals(
        open_deals=len(items), pipeline=round(sum(i.amount for i in items), 2),
        best_case=round(amount(settings.best_case_from), 2),
        commit=round(amount(settings.commit_from), 2),
        expected=round(sum(i.amount * pipeline.probability(i.stage) for i in items), 2),
        expected_model=round(sum(i.amount * i.p_model for i in items), 2))


def difference(a: Totals, b: Totals) -> Totals:
    return Totals(**{k: round(getattr(a, k) - getattr(b, k), 2)
                     for k in Totals.model_fields})


def _month_add(start: date, months: int) -> date:
    total = start.year * 12 + start.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def _period(label: str, start: date, items: list[Item], won: float,
            pipeline: PipelineSettings) -> Period:
    return Period(label=label, start=start, deals=len(items),
                  amount=round(sum(i.amount for i in items), 2),
                  expected=round(sum(i.amount * pipeline.probability(i.stage) for i in items), 2),
                  expected_model=round(sum(i.amount * i.p_model for i in items), 2),
                  won=round(won, 2))


def months(items: list[Item], won: dict[date, float], first: date, count: int,
           pipeline: PipelineSettings) -> list[Period]:
    """`count` months from `first`; an expected close before `first` counts in `first`."""
    out = []
    for n in range(count):
        start, end = _month_add(first, n), _month_add(first, n + 1)
        chosen = [i for i in items if i.expected_close is not None and (
            start <= i.expected_close < end or (n == 0 and i.expected_close < start))]
        out.append(_period(start.strftime("%Y-%m"), start, chosen, won.get(start, 0.0),
                           pipeline))
    return out


def quarters(periods: list[Period]) -> list[Period]:
    grouped: dict[str, list[Period]] = {}
    for p in periods:
        grouped.setdefault(f"{p.start.year}-Q{(p.start.month - 1) // 3 + 1}", []).append(p)
    return [Period(label=label, start=ps[0].start, deals=sum(p.deals for p in ps),
                   amount=round(sum(p.amount for p in ps), 2),
                   expected=round(sum(p.expected for p in ps), 2),
                   expected_model=round(sum(p.expected_model for p in ps), 2),
                   won=round(sum(p.won for p in ps), 2)) for label, ps in grouped.items()]


def _won_by_month(ctx: ScoringContext, currency: str) -> dict[date, float]:
    won: dict[date, float] = {}
    for deal in ctx.snap.deals.values():
        if deal.stage == DealStage.CLOSED_WON and deal.actual_close and \
                deal.currency == currency:
            key = deal.actual_close.replace(day=1)
            won[key] = won.get(key, 0.0) + (deal.amount or 0.0)
    return won


def forecast(ctx: ScoringContext, settings: OracleSettings) -> Forecast:
    currency = settings.currency
    items, others = open_items(ctx, ctx.day, currency)
    before, _ = open_items(ctx, ctx.day - settings.compare_days, currency)
    first = ctx.as_of.astimezone(UTC).date().replace(day=1)
    monthly = months(items, _won_by_month(ctx, currency), first, settings.forecast_months,
                     ctx.pipeline)
    now, then = totals(items, ctx.pipeline, settings), totals(before, ctx.pipeline, settings)
    return Forecast(
        as_of=ctx.as_of, currency=currency, months=monthly, quarters=quarters(monthly),
        overdue=sum(1 for i in items if i.expected_close and i.expected_close < first),
        unscheduled=totals([i for i in items if i.expected_close is None], ctx.pipeline,
                           settings),
        totals=now, month_ago=then, delta=difference(now, then), other_currencies=others)

