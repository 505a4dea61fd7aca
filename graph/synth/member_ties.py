"""Member-contact ties: the account owner's circle, other sellers, leavers; hidden dynamics."""

from __future__ import annotations

import math
import random
from datetime import timedelta
from types import MappingProxyType

from graph.model import KnowsOrigin
from graph.synth.common import Ctx, clamp
from graph.synth.network import add_tie
from graph.synth.state import AccountInfo, PersonInfo, TiePlan, World

# How many contacts the owner knows, by tier: (low, high).
_OWNER_CIRCLE = MappingProxyType({"PLATINUM": (8, 13), "GOLD": (6, 10), "SILVER": (4, 7),
                                  "BRONZE": (3, 5), "GROWTH": (2, 4), "TRANSACTIONAL": (1, 3)})
_EARLY = ("PROSPECT", "ACTIVE_PURSUIT")


def _pick_senior(rng: random.Random, people: list[PersonInfo], pool: list[int], k: int
                 ) -> list[int]:
    """k distinct contacts, senior people (shallow in the chart) more likely."""
    weights = [1.0 / (1 + people[i].depth) ** 1.3 for i in pool]
    chosen: list[int] = []
    while len(chosen) < min(k, len(pool)):
        pick = rng.choices(pool, weights)[0]
        if pick not in chosen:
            chosen.append(pick)
    return chosen


def _truth(ctx: Ctx, plan: TiePlan) -> float:
    """Strength as of as_of: the healthy strength, faded if the tie went cold or decayed."""
    factor = 1.0
    if plan.stop is not None:
        factor *= 0.4 + 0.6 * math.exp(-(ctx.end - plan.stop).days / 240)
    if plan.decline is not None and (plan.stop is None or plan.stop > plan.decline):
        factor *= 0.45
    return plan.base * factor


def _plan(ctx: Ctx, rng: random.Random, world: World, member: int, contact: int,
          mean: float, one_way_p: float, acc: AccountInfo) -> None:
    one_way = rng.random() < one_way_p
    base = rng.uniform(3, 15) if one_way else clamp(rng.gauss(mean, 15), 8, 97)
    span = ctx.cfg.history_days
    age = rng.uniform(0.3, 1.0) * (span + 400) if base > 50 else rng.uniform(30, span + 200)
    start = ctx.days_ago(age)
    stop = None
    if rng.random() < 0.45 * (1 - base / 100) and age > 120:
        stop = ctx.days_ago(rng.uniform(60, min(age, span)))
    m_id, c_id = world.members[member].id, world.people[contact].id
    plan = TiePlan(key="", member=member, contact=contact, base=base, one_way=one_way,
                   start=start, stop=stop, decline=acc.decline_start)
    origin = KnowsOrigin.LINKEDIN if rng.random() < 0.2 else None
    tie = add_tie(ctx, world, ("Member", m_id), ("Contact", c_id), _truth(ctx, plan), origin)
    if tie is not None:
        tie.one_way = one_way
        plan.key = f"{m_id}|{c_id}"
        world.plans.append(plan)


def _account_ties(ctx: Ctx, rng: random.Random, world: World, acc: AccountInfo) -> None:
    people = world.people
    early = acc.stage in _EARLY
    one_way_p = 0.25 if early else 0.07
    tier_bonus = {"PLATINUM": 10, "GOLD": 6, "SILVER": 3}.get(acc.tier, 0)
    owner = acc.owner if acc.owner is not None else rng.randrange(len(world.members))
    low, high = _OWNER_CIRCLE[acc.tier] if acc.owner is not None else (1, 2)
    for c in _pick_senior(rng, people, acc.contacts, rng.randint(low, high)):
        mean = (32 if early else 55) + tier_bonus - 4 * people[c].depth
        _plan(ctx, rng, world, owner, c, mean, one_way_p, acc)
    for _ in range(rng.randint(0, 2)):  # other sellers and leaders with a foot in the door
        other = rng.randrange(len(world.members))
        for c in _pick_senior(rng, people, acc.contacts, rng.randint(1, 3)):
            _plan(ctx, rng, world, other, c, 35 + tier_bonus / 2, one_way_p, acc)


def _leavers(ctx: Ctx, rng: random.Random, world: World) -> None:
    """The owner of an account someone left recently often keeps in touch with them."""
    recent = ctx.cfg.as_of - timedelta(days=540)
    for p in world.people:
        if p.former is None or p.former[2] < recent:
            continue
        old = world.accounts[p.former[0]]
        if old.owner is not None and rng.random() < 0.6:
            _plan(ctx, rng, world, old.owner, p.idx, 45, 0.05, world.accounts[p.account])


def generate_member_ties(ctx: Ctx, world: World) -> None:
    rng = ctx.rng("member-ties")
    for acc in world.accounts:
        _account_ties(ctx, rng, world, acc)
    _leavers(ctx, rng, world)
