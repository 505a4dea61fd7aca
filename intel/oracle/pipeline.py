"""The pipeline by stage: deals, amount, expected value (stage and model), stuck deals."""

from __future__ import annotations

from statistics import median

from graph.model import DealStage
from intel.oracle.models import PipelineView, StageRow
from intel.oracle.settings import OracleSettings
from intel.scores.context import ScoringContext
from intel.scores.features import DealState, deal_state


def pipeline_view(ctx: ScoringContext, settings: OracleSettings) -> PipelineView:
    by_stage: dict[DealStage, list[tuple[float, float, DealState]]] = {
        s: [] for s in DealStage.open_stages()}
    others = 0
    for deal in ctx.snap.deals.values():
        state = deal_state(deal, ctx.day)
        if state is None:
            continue
        if deal.currency != settings.currency:
            others += 1
            continue
        p = ctx.probability(deal) or 0.0
        by_stage[state.stage].append((deal.amount or 0.0, p, state))
    rows = []
    for stage, deals in by_stage.items():
        prob = ctx.pipeline.probability(stage)
        rows.append(StageRow(
            stage=stage, deals=len(deals), amount=round(sum(a for a, _, _ in deals), 2),
            probability=prob, expected=round(sum(a * prob for a, _, _ in deals), 2),
            expected_model=round(sum(a * p for a, p, _ in deals), 2),
            median_days_in_stage=round(median(s.days_in_stage for _, _, s in deals), 1)
            if deals else None,
            stuck=sum(ctx.stuck(s) for _, _, s in deals)))
    return PipelineView(
        as_of=ctx.as_of, currency=settings.currency, stages=rows,
        open_deals=sum(r.deals for r in rows), amount=round(sum(r.amount for r in rows), 2),
        expected=round(sum(r.expected for r in rows), 2),
        expected_model=round(sum(r.expected_model for r in rows), 2), other_currencies=others)
