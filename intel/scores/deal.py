"""Deal win probability with its explanation: base rate + one driver per evidence group."""

from __future__ import annotations

import math

from intel.scores.context import ScoringContext
from intel.scores.explain import exact_drivers, trend
from intel.scores.features import WINDOW_DAYS, DealState
from intel.scores.models import DealScore
from intel.scores.snapshot import DealRec


def _details(ctx: ScoringContext, deal: DealRec, state: DealState,
             x: dict[str, float]) -> dict[str, str]:
    snap, typical = ctx.snap, ctx.norms.typical(state.stage)
    stakes = deal.stakeholders
    known = round(x["coverage"] * len(stakes))
    times = snap.account_touches(deal.account) if deal.account else []
    window = WINDOW_DAYS
    recent = snap.count_between(times, ctx.day - window, ctx.day)
    before = snap.count_between(times, ctx.day - 2 * window, ctx.day - window)
    wins, closed = snap.owner_record(deal.owner, ctx.day)
    owner = snap.members.get(deal.owner or "", deal.owner or "no owner")
    people = [f"decision maker {'known' if x['has_decision_maker'] else 'missing'}",
              f"champion {'known' if x['has_champion'] else 'missing'}"]
    if x["has_champion"]:
        people.append(f"owner's tie to the champion {100 * x['champion_tie']:.0f}")
    people.append(f"owner knows {known} of {len(stakes)} stakeholders"
                  + (" (single-threaded)" if x["single_threaded"] else ""))
    size = (f"amount {math.exp(x['size_vs_history']):.1f}x the account's other deals"
            if x["size_vs_history"] else "no other deal at this account to compare")
    return {
        "stage": f"in {state.stage.value} (configured {ctx.pipeline.probability(state.stage):.0%})",
        "time in stage": f"{state.days_in_stage:.0f} days in stage (typical {typical:.0f}); "
                         f"earlier stages took {math.exp(x['pace']):.1f}x typical",
        "stakeholders": ", ".join(people),
        "engagement": f"{recent} touches with the account in the last {window:.0f} days, "
                      f"{before} in the {window:.0f} before",
        "deal age": f"{state.age_days:.0f} days since the deal was created",
        "size vs account history": size,
        "owner track record": f"{owner}: {wins} won of {closed} closed",
    }


def score_deal(ctx: ScoringContext, deal: DealRec) -> DealScore | None:
    """The deal's score as of the context's time; None when it is not open then."""
    found = ctx.features(deal)
    if found is None:
        return None
    state, x = found
    p = ctx.model.probability(x)
    score = round(100 * p, 1)
    details = _details(ctx, deal, state, x)
    base = ctx.model.base
    where = "in the training history" if ctx.model.kind == "fitted" else "(prior model)"
    parts = [("base rate", 100 * base, f"an average open deal {where} wins {base:.0%}")]
    parts += [(group, 100 * v, details[group])
              for group, v in ctx.model.contributions(x).items()]
    days = ctx.settings.trend_days
    before = ctx.probability(deal, ctx.day - days)
    return DealScore(
        deal_id=deal.id, name=deal.name, account_id=deal.account, owner_id=deal.owner,
        stage=state.stage, amount=deal.amount, currency=deal.currency, as_of=ctx.as_of,
        win_probability=round(p, 4), score=score,
        stage_probability=ctx.pipeline.probability(state.stage), model=ctx.model.kind,
        drivers=exact_drivers(parts, score),
        trend=trend(score, None if before is None else 100 * before, days,
                    ctx.settings.trend_min_change),
        days_in_stage=round(state.days_in_stage, 1),
        typical_days_in_stage=round(ctx.norms.typical(state.stage), 1),
        stuck=ctx.stuck(state))
