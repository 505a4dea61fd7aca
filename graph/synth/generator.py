"""generate(): runs the parts in dependency order and returns a SynthDataset."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel

from graph.gcpause import cyclic_gc_paused
from graph.model import GraphEdge, GraphNode, Knows, KnowsOrigin
from graph.synth.accounts import generate_accounts
from graph.synth.common import Ctx
from graph.synth.config import SynthConfig
from graph.synth.deals import generate_deals
from graph.synth.interactions import generate_interactions
from graph.synth.member_ties import generate_member_ties
from graph.synth.network import fill_social, generate_contact_ties
from graph.synth.people import generate_people
from graph.synth.properties import interests, plan_properties, property_nodes
from graph.synth.state import World
from graph.synth.team import assign_owners, generate_members
from graph.synth.truth import GroundTruth

Progress = Callable[[str, int, int], None]


class SynthDataset(BaseModel):
    """Nodes by label (load order), edges by relationship type, and the hidden truth."""

    config: SynthConfig
    nodes: dict[str, list[GraphNode]]
    edges: dict[str, list[GraphEdge]]
    truth: GroundTruth

    def counts(self) -> dict[str, int]:
        out = {label: len(items) for label, items in self.nodes.items()}
        out.update({rel: len(items) for rel, items in self.edges.items()})
        return out


def _knows_edges(ctx: Ctx, world: World) -> None:
    edges = world.edges["KNOWS"]
    for tie in world.ties.values():
        origins = tie.origins or [KnowsOrigin.MANUAL]
        edges.append(ctx.build(
            Knows, src=tie.src, dst=tie.dst, sources=ctx.sources(), strength=None,
            explicit_strength=None, interaction_count=tie.count, first_seen=tie.first,
            last_seen=tie.last, origins=origins))


def _truth(ctx: Ctx, world: World) -> GroundTruth:
    declining = [a for a in world.accounts if a.decline_start is not None]
    return GroundTruth.model_construct(
        seed=ctx.cfg.seed, config=ctx.cfg.model_dump(mode="json"),
        tie_strength={k: t.strength for k, t in world.ties.items()},
        one_way_pairs=[k for k, t in world.ties.items() if t.one_way],
        deteriorating_accounts=[a.id for a in declining],
        deterioration_started={a.id: a.decline_start.date() for a in declining
                               if a.decline_start is not None},
        deal_drivers=world.deal_drivers, deal_win_probability=world.deal_probability,
        member_skill={m.id: m.skill for m in world.members},
        stakeholder_exceptions=world.exceptions)


def generate(cfg: SynthConfig, progress: Progress | None = None) -> SynthDataset:
    """Build the whole dataset; the same config gives the same dataset in any process."""
    ctx, world = Ctx(cfg), World()
    say = progress or (lambda step, done, total: None)
    steps: tuple[tuple[str, Callable[[], object]], ...] = (
        ("members", lambda: generate_members(ctx, world)),
        ("accounts", lambda: generate_accounts(ctx, world)),
        ("owners", lambda: assign_owners(ctx, world)),
        ("contacts", lambda: generate_people(ctx, world)),
        ("colleague ties", lambda: generate_contact_ties(ctx, world)),
        ("member ties", lambda: generate_member_ties(ctx, world)),
        ("social ties", lambda: fill_social(ctx, world)),
        ("interactions", lambda: generate_interactions(ctx, world, progress)),
        ("deals", lambda: generate_deals(ctx, world, props)),
        ("properties", lambda: property_nodes(ctx, world, props)),
        ("interests", lambda: interests(ctx, world, props)),
        ("knows", lambda: _knows_edges(ctx, world)),
    )
    with cyclic_gc_paused():
        props = plan_properties(ctx)
        for i, (name, run) in enumerate(steps):
            say(name, i, len(steps))
            run()
        say("done", len(steps), len(steps))
        truth = _truth(ctx, world)
        return SynthDataset.model_construct(config=cfg, nodes=world.nodes, edges=world.edges,
                                            truth=truth)
