"""An account's health with its churn risk, risk flags, trend and (prospects) ICP fit."""

from __future__ import annotations

from intel.scores.context import ScoringContext
from intel.scores.explain import exact_drivers, points, trend
from intel.scores.health import AccountFacts, account_facts, churn_parts, health_parts
from intel.scores.icp import PROSPECT_STAGES, icp_fit
from intel.scores.models import AccountHealth, RiskFlag
from intel.scores.snapshot import AccountRec

_MARKED = ("AT_RISK", "CHURNED")


def risk_flags(ctx: ScoringContext, acc: AccountRec, f: AccountFacts,
               churn: float) -> list[RiskFlag]:
    s, flags = ctx.settings, []
    if f.yearly_rate >= 4 and f.recent < 0.5 * f.yearly_rate:
        flags.append(RiskFlag(code="engagement_drop", reason=(
            f"touches fell to {f.recent} in the last {s.engagement_window_days:.0f} days from "
            f"{f.yearly_rate:.1f} per window over the year before")))
    if f.days_silent is None or f.days_silent > 2 * s.silence_days:
        flags.append(RiskFlag(code="silent", reason="nobody on the team has touched the "
                              "account" + ("" if f.days_silent is None else
                                           f" in {f.days_silent:.0f} days")))
    if acc.contacts and f.threads <= 1:
        flags.append(RiskFlag(code="single_threaded", reason=(
            f"only {f.threads} of {len(acc.contacts)} people have a team tie of at least "
            f"{s.known_tie:.0f}")))
    if not acc.owners:
        flags.append(RiskFlag(code="no_owner", reason="no team member owns the account"))
    if f.stuck:
        flags.append(RiskFlag(code="stuck_deals",
                              reason=f"{f.stuck} open deals sit longer than 75% of deals did"))
    if f.losses >= 2 and f.losses > f.wins:
        flags.append(RiskFlag(code="recent_losses",
                              reason=f"{f.losses} deals lost and {f.wins} won recently"))
    if churn >= s.at_risk_threshold and acc.stage not in _MARKED:
        flags.append(RiskFlag(code="likely_at_risk", reason=(
            f"churn risk {churn:.0f} (threshold {s.at_risk_threshold:.0f}) while the "
            f"account is {acc.stage}")))
    return flags


def _points(parts: list[tuple[str, float, str]]) -> float:
    return points({n: v for n, v, _ in parts})


def score_account(ctx: ScoringContext, acc: AccountRec) -> AccountHealth:
    facts = account_facts(ctx, acc, ctx.day)
    parts, risk = health_parts(ctx, acc, facts), churn_parts(ctx, facts)
    score, churn = _points(parts), _points(risk)
    days, change = ctx.settings.trend_days, ctx.settings.trend_min_change
    then = account_facts(ctx, acc, ctx.day - days)
    return AccountHealth(
        account_id=acc.id, name=acc.name, stage=acc.stage, tier=acc.tier, as_of=ctx.as_of,
        score=score, drivers=exact_drivers(parts, score),
        trend=trend(score, _points(health_parts(ctx, acc, then)), days, change),
        churn_risk=churn, churn_drivers=exact_drivers(risk, churn),
        churn_trend=trend(churn, _points(churn_parts(ctx, then)), days, change),
        likely_at_risk=churn >= ctx.settings.at_risk_threshold and acc.stage not in _MARKED,
        risk_flags=risk_flags(ctx, acc, facts, churn),
        icp=icp_fit(ctx, acc) if acc.stage in PROSPECT_STAGES else None)
