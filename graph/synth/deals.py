"""Deals whose outcome genuinely depends on hidden drivers a model can learn.

win probability = logistic(champion tie strength, multi-threading, owner skill,
price vs budget, stage velocity, account decline); the drivers go to GroundTruth.
"""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta

from graph.model import Deal, DealStage, LossReason, StakeholderRole
from graph.synth import texts, vocab
from graph.synth.common import Ctx, clamp
from graph.synth.deal_edges import DealRecord, write_deal
from graph.synth.pipeline import OPEN, walk
from graph.synth.properties import SEGMENT_TYPES, PropInfo
from graph.synth.stakeholders import Stake, external_advisor, pick_stakeholders, tie_strength
from graph.synth.state import AccountInfo, World
from graph.synth.truth import DealDriver

_DEALS_BY_STAGE = (("ACTIVE_CLIENT", 2, 5), ("NEW_CLIENT", 1, 3), ("REACTIVATED", 1, 3),
                   ("ACTIVE_PURSUIT", 1, 3), ("PROSPECT", 0, 1), ("AT_RISK", 1, 4),
                   ("DORMANT", 0, 2), ("CHURNED", 1, 2))
_INTERCEPT = -0.3
_EXIT_WEIGHTS = (10, 14, 14, 14, 14, 12, 12, 10)


def win_probability(d: dict[str, float]) -> float:
    z = (_INTERCEPT + 0.045 * (d["champion_strength"] - 35)
         + 2.0 * (d["stakeholder_coverage"] - 0.35) + 3.0 * (d["owner_skill"] - 0.57)
         - 1.6 * math.log(d["price_vs_budget"]) - 1.2 * math.log(d["stage_velocity"])
         - 1.0 * d["account_declining"])
    return 1 / (1 + math.exp(-z))


def _deal_count(rng: random.Random, acc: AccountInfo) -> int:
    low, high = next((lo, hi) for s, lo, hi in _DEALS_BY_STAGE if s == acc.stage)
    return rng.randint(low, high) + {"PLATINUM": 2, "GOLD": 1}.get(acc.tier, 0)


def _property(rng: random.Random, by_type: dict[str, list[PropInfo]], claimed: set[str],
              acc: AccountInfo) -> PropInfo | None:
    """An unclaimed property of the persona's types, priced near what the client can afford."""
    types = [t for t in SEGMENT_TYPES[acc.segment] if by_type.get(t)]
    if not types or rng.random() < 0.12:
        return None  # some deals are not about one specific unit
    wanted = acc.budget * math.exp(rng.gauss(0, 0.35))
    sample = [rng.choice(by_type[rng.choice(types)]) for _ in range(25)]
    free = [p for p in sample if p.id not in claimed]
    if not free:
        return None
    return min(free, key=lambda p: (abs(math.log(p.price / wanted)), p.idx))


def _drivers(rng: random.Random, world: World, acc: AccountInfo, owner: int,
             stakes: list[Stake], price: float, created: datetime) -> dict[str, float]:
    owner_id = world.members[owner].id
    champ = next((s.contact for s in stakes if s.role is StakeholderRole.CHAMPION), None)
    known = [s for s in stakes if tie_strength(world, owner_id, s.contact) >= 25]
    declining = acc.decline_start is not None and created > acc.decline_start - timedelta(120)
    return {
        "champion_strength": round(tie_strength(world, owner_id, champ), 2)
        if champ is not None else 0.0,
        "stakeholder_coverage": round(len(known) / len(stakes), 3),
        "stakeholder_count": float(len(stakes)),
        "owner_skill": world.members[owner].skill,
        "price_vs_budget": round(price / acc.budget, 3),
        "stage_velocity": round(math.exp(rng.gauss(0, 0.35)), 3),
        "account_declining": 1.0 if declining else 0.0,
    }


def _loss_reason(rng: random.Random, d: dict[str, float]) -> LossReason:
    """Loss reasons echo the weakest driver, with noise."""
    if d["price_vs_budget"] > 1.25 and rng.random() < 0.6:
        return LossReason.PRICE
    if d["champion_strength"] < 20 and rng.random() < 0.5:
        return rng.choice((LossReason.LOST_CONTACT, LossReason.NO_DECISION))
    if d["account_declining"] and rng.random() < 0.5:
        return rng.choice((LossReason.TIMING, LossReason.NO_DECISION))
    return rng.choice((LossReason.COMPETITOR, LossReason.TIMING, LossReason.PRODUCT_FIT,
                       LossReason.FINANCING, LossReason.COMPETITOR))


def _name(rng: random.Random, acc: AccountInfo, prop: PropInfo | None) -> str:
    city, _, _, districts = vocab.CITIES[prop.city if prop else acc.city]
    ptype = (prop.type if prop else rng.choice(SEGMENT_TYPES[acc.segment])).lower()
    district = prop.district if prop else rng.choice(districts)
    return rng.choice(texts.DEAL_NAMES).format(company=acc.name, ptype=ptype, city=city,
                                               district=district)


def _one_deal(ctx: Ctx, rng: random.Random, world: World, acc: AccountInfo,
              prop: PropInfo | None) -> DealRecord:
    owner = acc.owner if acc.owner is not None and rng.random() < 0.85 else \
        rng.randrange(len(world.members))
    stakes = pick_stakeholders(rng, world, acc, world.members[owner].id)
    advisor = external_advisor(rng, world, acc)
    # Almost half the deals are recent, so every open stage is well populated at as_of.
    oldest = 200 if rng.random() < 0.45 else ctx.cfg.history_days + 150
    created = ctx.days_ago(rng.uniform(3, oldest))
    price = prop.price if prop else round(acc.budget * math.exp(rng.gauss(0, 0.3)), -3)
    drivers = _drivers(rng, world, acc, owner, stakes, price, created)
    p = win_probability(drivers)
    won = rng.random() < p
    exit_stage = rng.choices(range(len(OPEN)), _EXIT_WEIGHTS)[0]
    path = walk(rng, created, ctx.end, drivers["stage_velocity"], won, exit_stage)
    return DealRecord(
        id=f"deal_{len(world.nodes['Deal']) + 1:05d}", account=acc, owner=owner,
        stakes=stakes + ([advisor] if advisor else []), prop=prop, created=created,
        walk=path, amount=round(price * rng.uniform(0.9, 1.0), -3) or 1000.0,
        name=_name(rng, acc, prop), won=won, probability=p, drivers=drivers)


def _deal_node(ctx: Ctx, rng: random.Random, rec: DealRecord) -> Deal:
    stage = rec.walk.stage
    lost = stage is DealStage.CLOSED_LOST
    planned = rec.walk.planned_close
    return ctx.build(
        Deal, id=rec.id, created_at=rec.created, updated_at=rec.walk.entered,
        sources=ctx.sources(), name=rec.name, amount=rec.amount,
        currency="EUR" if rng.random() < 0.93 else rng.choice(("GBP", "USD", "AED")),
        stage=stage, stage_entered_at=rec.walk.entered,
        expected_close=planned.date() if planned else None,
        actual_close=rec.walk.entered.date() if stage.is_closed else None,
        loss_reason=_loss_reason(rng, rec.drivers) if lost else None,
        next_step=rng.choice(texts.NEXT_STEPS) if not stage.is_closed and rng.random() < 0.8
        else None)


def generate_deals(ctx: Ctx, world: World, props: list[PropInfo]) -> None:
    rng = ctx.rng("deals")
    by_type: dict[str, list[PropInfo]] = {}
    for p in props:
        by_type.setdefault(p.type, []).append(p)
    claimed: set[str] = set()
    for acc in world.accounts:
        for _ in range(_deal_count(rng, acc)):
            prop = _property(rng, by_type, claimed, acc)
            if prop is not None:
                claimed.add(prop.id)  # one deal per unit keeps SOLD/RESERVED consistent
            rec = _one_deal(ctx, rng, world, acc, prop)
            world.nodes["Deal"].append(_deal_node(ctx, rng, rec))
            write_deal(ctx, world, rec)
            _truth(world, rec)


def _truth(world: World, rec: DealRecord) -> None:
    world.deal_probability[rec.id] = round(rec.probability, 4)
    if rec.walk.stage.is_closed:
        world.deal_drivers[rec.id] = DealDriver(
            won=rec.walk.stage is DealStage.CLOSED_WON,
            win_probability=round(clamp(rec.probability, 0, 1), 4), drivers=rec.drivers)
