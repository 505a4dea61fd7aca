"""Everything hanging off a deal: stage history, account, owner, property, stakeholders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from graph.model import (
    DealStage,
    ForProperty,
    HasDeal,
    HasStageChange,
    Owns,
    StageChange,
    StakeholderIn,
    StakeholderRole,
)
from graph.synth.common import Ctx
from graph.synth.pipeline import Walk
from graph.synth.properties import PropInfo
from graph.synth.stakeholders import Stake
from graph.synth.state import AccountInfo, World
from graph.synth.truth import StakeholderException

_KEY_ROLES = (StakeholderRole.DECISION_MAKER, StakeholderRole.CHAMPION)


@dataclass
class DealRecord:
    id: str
    account: AccountInfo
    owner: int
    stakes: list[Stake]
    prop: PropInfo | None
    created: datetime
    walk: Walk
    amount: float
    name: str
    won: bool
    probability: float
    drivers: dict[str, float]


def _stage_changes(ctx: Ctx, world: World, rec: DealRecord, owner_id: str) -> None:
    nodes, edges = world.nodes["StageChange"], world.edges["HAS_STAGE_CHANGE"]
    deal = ctx.ref("Deal", rec.id)
    for src, dst, at, days in rec.walk.changes:
        sc_id = f"sc_{len(nodes) + 1:07d}"
        nodes.append(ctx.build(StageChange, id=sc_id, created_at=at, updated_at=at,
                           sources=ctx.sources(), deal_id=rec.id, from_stage=src,
                           to_stage=dst, at=at, by=owner_id, days_in_stage=days))
        edges.append(ctx.build(HasStageChange, src=deal, dst=ctx.ref("StageChange", sc_id),
                           sources=ctx.sources()))


def _stakeholders(ctx: Ctx, world: World, rec: DealRecord) -> None:
    deal = ctx.ref("Deal", rec.id)
    for s in rec.stakes:
        person = world.people[s.contact]
        world.edges["STAKEHOLDER_IN"].append(ctx.build(
            StakeholderIn, src=ctx.ref("Contact", person.id), dst=deal, sources=ctx.sources(),
            role=s.role, influence=s.influence, key=s.role in _KEY_ROLES, note=s.exception))
        if s.exception is not None:
            world.exceptions.append(StakeholderException(
                deal_id=rec.id, contact_id=person.id, reason=s.exception))


def _property_status(rec: DealRecord) -> None:
    """Won deals sell their unit; deals in negotiation or committed reserve it."""
    if rec.prop is None:
        return
    stage = rec.walk.stage
    if stage is DealStage.CLOSED_WON:
        rec.prop.status, rec.prop.status_since = "SOLD", rec.walk.entered.date()
    elif stage in (DealStage.NEGOTIATION, DealStage.COMMITTED):
        rec.prop.status, rec.prop.status_since = "RESERVED", rec.walk.entered.date()


def write_deal(ctx: Ctx, world: World, rec: DealRecord) -> None:
    owner_id = world.members[rec.owner].id
    deal = ctx.ref("Deal", rec.id)
    _stage_changes(ctx, world, rec, owner_id)
    world.edges["HAS_DEAL"].append(ctx.build(HasDeal, src=ctx.ref("Account", rec.account.id),
                                         dst=deal, sources=ctx.sources()))
    world.edges["OWNS"].append(ctx.build(Owns, src=ctx.ref("Member", owner_id), dst=deal,
                                     sources=ctx.sources(), since=rec.created.date()))
    if rec.prop is not None:
        world.edges["FOR_PROPERTY"].append(ctx.build(
            ForProperty, src=deal, dst=ctx.ref("Property", rec.prop.id), sources=ctx.sources()))
    _stakeholders(ctx, world, rec)
    _property_status(rec)
