"""Account summaries: one row per account for the Accounts table (health with a short
history for a sparkline, owners and their business unit, open pipeline, risk flags).

Every account is scored from one snapshot, the same batch path as `Scorer.board()` (its
account half): a table of 250 accounts costs one snapshot, not 250 health calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict, Field

from graph.store import Row
from intel.oracle.settings import OracleSettings
from intel.scores.account import score_account
from intel.scores.context import ScoringContext
from intel.scores.explain import points
from intel.scores.features import deal_state
from intel.scores.health import account_facts, health_parts
from intel.scores.models import RiskFlag, ScoreTrend
from intel.scores.snapshot import AccountRec


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class HealthPoint(_Result):
    day: date
    score: float = Field(ge=0, le=100)


class AccountOwner(_Result):
    member_id: str
    name: str
    business_unit: str | None


class AccountSummary(_Result):
    """An account's row of the Accounts table."""

    account_id: str
    name: str
    stage: str
    tier: str | None
    industry: str | None
    segment: str | None
    city: str | None
    country: str | None
    owners: list[AccountOwner] = Field(description="members who own the account (by id)")
    health: float = Field(ge=0, le=100)
    health_trend: ScoreTrend
    health_history: list[HealthPoint] = Field(
        description="health at regular steps back in time, oldest first; the last is today")
    churn_risk: float = Field(ge=0, le=100)
    risk_flags: list[RiskFlag]
    open_deals: int = Field(ge=0)
    open_pipeline: float = Field(ge=0, description="sum of the open deals in `currency`")
    currency: str
    other_currency_deals: int = Field(ge=0, description="open deals in other currencies, "
                                                        "left out of open_pipeline")


@dataclass(frozen=True)
class SummaryExtras:
    """What the snapshot does not carry: country, archived state, owners' business units."""

    countries: dict[str, str | None]
    archived: set[str]
    members: dict[str, AccountOwner]

    @classmethod
    def from_rows(cls, records: list[Row], members: list[Row]) -> SummaryExtras:
        return cls(
            countries={str(r["id"]): r["country"] for r in records},
            archived={str(r["id"]) for r in records if r["archived"]},
            members={str(r["id"]): AccountOwner(member_id=str(r["id"]),
                                                name=str(r["name"] or r["id"]),
                                                business_unit=r["business_unit"])
                     for r in members})


def health_history(ctx: ScoringContext, acc: AccountRec, now: float,
                   settings: OracleSettings) -> list[HealthPoint]:
    """Health at `sparkline_points` days `sparkline_step_days` apart, ending with `now`
    (the score itself, so the line ends where the number says)."""
    step, n = settings.sparkline_step_days, settings.sparkline_points
    today = ctx.as_of.date()
    history = []
    for back in range(n - 1, 0, -1):
        facts = account_facts(ctx, acc, ctx.day - back * step)
        history.append(HealthPoint(day=today - timedelta(days=back * step),
                                   score=points({k: v for k, v, _ in
                                                 health_parts(ctx, acc, facts)})))
    return [*history, HealthPoint(day=today, score=now)]


def _pipeline(ctx: ScoringContext, acc: AccountRec,
              currency: str) -> tuple[int, float, int]:
    count, amount, others = 0, 0.0, 0
    for deal_id in acc.deals:
        deal = ctx.snap.deals[deal_id]
        if deal_state(deal, ctx.day) is None:
            continue
        count += 1
        if deal.currency == currency:
            amount += deal.amount or 0.0
        else:
            others += 1
    return count, round(amount, 2), others


def summarize(ctx: ScoringContext, acc: AccountRec, extras: SummaryExtras,
              settings: OracleSettings) -> AccountSummary:
    health = score_account(ctx, acc)
    count, amount, others = _pipeline(ctx, acc, settings.currency)
    return AccountSummary(
        account_id=acc.id, name=acc.name, stage=acc.stage, tier=acc.tier,
        industry=acc.industry, segment=acc.segment, city=acc.city,
        country=extras.countries.get(acc.id),
        owners=[extras.members[m] for m in acc.owners if m in extras.members],
        health=health.score, health_trend=health.trend,
        health_history=health_history(ctx, acc, health.score, settings),
        churn_risk=health.churn_risk, risk_flags=health.risk_flags, open_deals=count,
        open_pipeline=amount, currency=settings.currency, other_currency_deals=others)


def account_summaries(ctx: ScoringContext, extras: SummaryExtras,
                      settings: OracleSettings) -> list[AccountSummary]:
    """Every account that is not archived, in id order."""
    return [summarize(ctx, ctx.snap.accounts[a], extras, settings)
            for a in sorted(ctx.snap.accounts) if a not in extras.archived]
