"""Writes Interaction nodes and PARTICIPATED_IN edges and feeds KNOWS evidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from graph.model import (
    Interaction,
    InteractionKind,
    KnowsOrigin,
    NodeRef,
    ParticipantRole,
    ParticipatedIn,
)
from graph.synth.common import Ctx
from graph.synth.state import World, pair_key

Participants = list[tuple[NodeRef, ParticipantRole]]


@dataclass
class Thread:
    """The email thread a tie is in: replies within a few days stay in it."""

    id: str | None = None
    subject: str = ""
    at: datetime | None = None


class InteractionWriter:
    """Appends Interaction nodes and PARTICIPATED_IN edges, and feeds the KNOWS evidence."""

    def __init__(self, ctx: Ctx, world: World) -> None:
        self.ctx, self.world = ctx, world
        self.nodes = world.nodes["Interaction"]
        self.edges = world.edges["PARTICIPATED_IN"]

    def next_id(self) -> str:
        return f"int_{len(self.nodes) + 1:07d}"

    def add(self, kind: InteractionKind, at: datetime, people: Participants, subject: str,
            summary: str, **extra: object) -> str:
        iid = self.next_id()
        self.nodes.append(self.ctx.build(
            Interaction, id=iid, created_at=at, updated_at=at, sources=self.ctx.sources(),
            kind=kind, at=at, subject=subject, summary=summary,
            participant_count=len(people), **extra))
        target = self.ctx.ref("Interaction", iid)
        for ref, role in people:
            self.edges.append(self.ctx.build(ParticipatedIn, src=ref, dst=target,
                                    sources=self.ctx.sources(), role=role))
        self._evidence(people, at)
        return iid

    def _evidence(self, people: Participants, at: datetime) -> None:
        ties = self.world.ties
        ids = [ref.id for ref, _ in people]
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                tie = ties.get(pair_key(a, b))
                if tie is None:
                    continue
                tie.count += 1
                tie.first = at if tie.first is None or at < tie.first else tie.first
                tie.last = at if tie.last is None or at > tie.last else tie.last
                if KnowsOrigin.INTERACTION not in tie.origins:
                    tie.origins.append(KnowsOrigin.INTERACTION)
