"""Two years of interactions whose rhythm follows each tie's hidden strength.

Stronger ties: more often, more recent, more replies, more meetings and calls. One-way ties:
only the member writes. Declining accounts: events after the decline are mostly dropped.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from graph.model import InteractionKind
from graph.synth import vocab
from graph.synth.common import Ctx
from graph.synth.events import large_meetings, pair_events
from graph.synth.state import TiePlan, World
from graph.synth.writer import InteractionWriter, Thread

Progress = Callable[[str, int, int], None]
_KEEP_AFTER_DECLINE = 0.15


def _rate_scale(ctx: Ctx, plans: list[TiePlan]) -> float:
    """Events per day per unit weight, so the total lands near the configured volume."""
    budget = ctx.cfg.interactions_per_client * ctx.cfg.clients * 0.97
    window = ctx.days_ago(ctx.cfg.history_days)
    total = 0.0
    for plan in plans:
        start, stop = max(plan.start, window), plan.stop or ctx.end
        days = max(0.0, (stop - start).total_seconds() / 86400)
        if plan.decline is not None and plan.decline < stop:
            cut = max(0.0, (stop - max(plan.decline, start)).total_seconds() / 86400)
            days -= cut * (1 - _KEEP_AFTER_DECLINE)
        total += _weight(plan) * days
    return budget / total if total > 0 else 0.0


def _weight(plan: TiePlan) -> float:
    # One-way ties still show a steady trickle of unanswered emails.
    return 0.25 if plan.one_way else (plan.base / 100) ** 1.6


def _times(ctx: Ctx, rng: random.Random, plan: TiePlan, rate: float) -> list[datetime]:
    if rate <= 0:
        return []
    start = max(plan.start, ctx.days_ago(ctx.cfg.history_days))
    stop = plan.stop or ctx.end
    out: list[datetime] = []
    t = start + timedelta(days=rng.expovariate(rate))
    while t < stop:
        if plan.decline is None or t < plan.decline or rng.random() < _KEEP_AFTER_DECLINE:
            at = t.replace(hour=8 + rng.randrange(11), minute=rng.randrange(60), second=0,
                           microsecond=0)
            out.append(at)
        t += timedelta(days=rng.expovariate(rate))
    return out


def _kind(rng: random.Random, plan: TiePlan) -> InteractionKind:
    if plan.one_way:
        return InteractionKind.NOTE if rng.random() < 0.08 else InteractionKind.EMAIL
    s = plan.base / 100
    roll = rng.random()
    for kind, p in ((InteractionKind.MEETING, 0.04 + 0.22 * s), (InteractionKind.CALL,
                    0.05 + 0.15 * s), (InteractionKind.MESSAGE, 0.03 + 0.1 * s),
                    (InteractionKind.NOTE, 0.05)):
        if roll < p:
            return kind
        roll -= p
    return InteractionKind.EMAIL


def _slots(rng: random.Random, world: World, plan: TiePlan) -> dict[str, object]:
    acc = world.accounts[world.people[plan.contact].account]
    city, _, _, districts = vocab.CITIES[acc.city]
    place = rng.choice(("apartment", "office", "building", "villa"))
    return {"city": city, "company": acc.name, "unit": world.members[plan.member].unit,
            "property": f"the {rng.choice(districts)} {place}",
            "n": rng.randint(2, 6), "pct": rng.randint(3, 15), "q": rng.randint(1, 4)}


def generate_interactions(ctx: Ctx, world: World, progress: Progress | None = None) -> None:
    rng = ctx.rng("interactions")
    writer = InteractionWriter(ctx, world)
    scale = _rate_scale(ctx, world.plans)
    total = len(world.plans)
    for n, plan in enumerate(world.plans):
        thread = Thread()
        for at in _times(ctx, rng, plan, scale * _weight(plan)):
            pair_events(rng, writer, plan, _kind(rng, plan), at, _slots(rng, world, plan),
                        thread)
        if progress is not None and (n % 2000 == 0 or n == total - 1):
            progress("interactions", n + 1, total)
    large_meetings(ctx, rng, writer)
