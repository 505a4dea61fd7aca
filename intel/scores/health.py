"""Account health (0-100) and churn risk (0-100): points from evidence, drivers add up.

Health = engagement (30) + breadth and depth (30) + deal momentum (25) + stage and tier (15).
Churn risk = engagement decline (40) + silence (20) + fading ties (15) + recent losses (10)
+ stuck deals (15): behaviour only, never the account's stage, so it can warn before the
account is marked AT_RISK. docs/oracle.md gives every formula.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from intel.scores.context import ScoringContext
from intel.scores.features import deal_state
from intel.scores.snapshot import AccountRec

_STAGE_POINTS = {"ACTIVE_CLIENT": 10, "NEW_CLIENT": 9, "REACTIVATED": 8, "ACTIVE_PURSUIT": 7,
                 "PROSPECT": 6, "DORMANT": 3, "AT_RISK": 2, "CHURNED": 0}
_TIER_POINTS = {"PLATINUM": 5, "GOLD": 4, "SILVER": 3, "BRONZE": 2, "GROWTH": 2,
                "TRANSACTIONAL": 1}
KEY_ROLES = ("DECISION_MAKER", "CHAMPION")


def clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return min(high, max(low, value))


@dataclass(frozen=True)
class AccountFacts:
    """What the account's scores are computed from, as of one day."""

    recent: int  # touches in the last window
    before: int  # touches in the window before
    yearly_rate: float  # touches per window over the year before the last window
    days_silent: float | None  # since the last touch (None: never touched)
    strong: int  # people with a strong team tie
    threads: int  # people with a tie at least known_tie
    key_people: list[str]  # key stakeholders of open deals
    key_covered: int
    open_deals: int
    stuck: int
    wins: int
    losses: int
    ties_down: float  # share of the team's ties here trending down


def _deal_facts(ctx: ScoringContext, acc: AccountRec, day: float
                ) -> tuple[int, int, int, int, list[str]]:
    open_deals = stuck = wins = losses = 0
    key: list[str] = []
    for deal_id in acc.deals:
        deal = ctx.snap.deals[deal_id]
        state = deal_state(deal, day)
        if state is not None:
            open_deals += 1
            stuck += ctx.stuck(state)
            key += [c for c, role, _ in deal.stakeholders if role in KEY_ROLES]
        closed = deal.closed_day
        if closed is not None and day - ctx.settings.recent_days <= closed < day:
            won = deal.stage.value == "09-CLOSED_WON"
            wins, losses = wins + won, losses + (not won)
    return open_deals, stuck, wins, losses, sorted(set(key))


def account_facts(ctx: ScoringContext, acc: AccountRec, day: float) -> AccountFacts:
    snap, s = ctx.snap, ctx.settings
    times, w = snap.account_touches(acc.id), s.engagement_window_days
    last = max((t for c in acc.contacts if (t := snap.last_touch(c, day)) is not None),
               default=None)
    best = {c: (snap.best_tie(c) or ("", 0.0))[1] for c in acc.contacts}
    trends = [t for c in acc.contacts for _, _, t in snap.ties.get(c, ()) if t]
    open_deals, stuck, wins, losses, key = _deal_facts(ctx, acc, day)
    return AccountFacts(
        recent=snap.count_between(times, day - w, day),
        before=snap.count_between(times, day - 2 * w, day - w),
        yearly_rate=snap.count_between(times, day - w - 365, day - w) * w / 365,
        days_silent=None if last is None else day - last,
        strong=sum(1 for v in best.values() if v >= s.strong_tie),
        threads=sum(1 for v in best.values() if v >= s.known_tie),
        key_people=key,
        key_covered=sum(1 for c in key if (snap.best_tie(c) or ("", 0.0))[1] >= s.known_tie),
        open_deals=open_deals, stuck=stuck, wins=wins, losses=losses,
        ties_down=sum(t == "down" for t in trends) / len(trends) if trends else 0.0)


def health_parts(ctx: ScoringContext, acc: AccountRec, f: AccountFacts
                 ) -> list[tuple[str, float, str]]:
    s = ctx.settings
    level = 20 * (1 - math.exp(-f.recent / s.engagement_full))
    slope = 5 + 5 * clamp(math.log((f.recent + 1) / (f.before + 1)) / math.log(4), -1, 1)
    key_pts = 12 * f.key_covered / len(f.key_people) if f.key_people else 6.0
    breadth = 12 * min(1, f.strong / 3) + key_pts + 6 * clamp((f.threads - 1) / 2)
    ratio = 6 * f.wins / (f.wins + f.losses) if f.wins + f.losses else 3.0
    flowing = 6 * (1 - f.stuck / f.open_deals) if f.open_deals else 3.0
    momentum = 7 * min(1, f.open_deals / 2) + 6 * min(1, f.wins / 2) + ratio + flowing
    standing = _STAGE_POINTS.get(acc.stage, 5) + _TIER_POINTS.get(acc.tier or "", 1)
    return [
        ("engagement", level + slope, f"{f.recent} touches in the last "
         f"{s.engagement_window_days:.0f} days, {f.before} in the window before"),
        ("breadth and depth", breadth, f"{f.strong} strong ties, {f.threads} people known, "
         f"{f.key_covered} of {len(f.key_people)} key stakeholders covered"),
        ("deal momentum", momentum, f"{f.open_deals} open deals ({f.stuck} stuck), "
         f"{f.wins} won and {f.losses} lost in the last {s.recent_days:.0f} days"),
        ("stage and tier", float(standing), f"{acc.stage}, tier {acc.tier or 'none'}"),
    ]


def churn_parts(ctx: ScoringContext, f: AccountFacts) -> list[tuple[str, float, str]]:
    drop = clamp(math.log((f.yearly_rate + 1) / (f.recent + 1)) / math.log(4))
    silence = 1.0 if f.days_silent is None else clamp((f.days_silent - 30) / 90)
    lost = f.losses / (f.wins + f.losses) if f.wins + f.losses else 0.0
    stuck = f.stuck / f.open_deals if f.open_deals else 0.0
    silent = "never touched" if f.days_silent is None else \
        f"last touch {f.days_silent:.0f} days ago"
    return [
        ("engagement decline", 40 * drop, f"{f.recent} touches in the last window against "
         f"{f.yearly_rate:.1f} per window over the year before"),
        ("silence", 20 * silence, silent),
        ("fading ties", 15 * f.ties_down, f"{f.ties_down:.0%} of the team's ties here trend "
         "down"),
        ("recent losses", 10 * lost, f"{f.losses} lost, {f.wins} won recently"),
        ("stuck deals", 15 * stuck, f"{f.stuck} of {f.open_deals} open deals stuck"),
    ]
