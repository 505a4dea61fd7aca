"""KNOWS ties with their hidden true strength: colleagues, former colleagues, members, social.

The strength lives only in the Tie (and later in GroundTruth); the graph edge never gets it.
"""

from __future__ import annotations

import random

from graph.model import KnowsOrigin
from graph.synth.common import Ctx, clamp
from graph.synth.people import job_overlap_years
from graph.synth.state import AccountInfo, PersonInfo, Tie, World, pair_key

# Share of the knows budget each part aims for; random social ties fill the rest.
_COLLEAGUE_SHARE = 0.7
_SOCIAL_ORIGINS = ((KnowsOrigin.LINKEDIN, 60), (KnowsOrigin.SOCIAL, 25),
                   (KnowsOrigin.INTRODUCED, 15))


def add_tie(ctx: Ctx, world: World, a: tuple[str, str], b: tuple[str, str], strength: float,
            origin: KnowsOrigin | None) -> Tie | None:
    """Add a tie between (label, id) a and b; None if the pair already has one."""
    key = pair_key(a[1], b[1])
    if key in world.ties or a[1] == b[1]:
        return None
    first, second = (a, b) if key.startswith(a[1] + "|") else (b, a)
    tie = Tie(src=ctx.ref(first[0], first[1]), dst=ctx.ref(second[0], second[1]),
              strength=round(clamp(strength, 1.0, 99.0), 2),
              origins=[origin] if origin is not None else [])
    world.ties[key] = tie
    return tie


def _distance(people: list[PersonInfo], u: int, v: int) -> int:
    """Hops between two people in their org chart (via the lowest common manager)."""
    up: dict[int, int] = {}
    hop, node = 0, u
    while True:
        up[node] = hop
        parent = people[node].manager
        if parent is None:
            break
        node, hop = parent, hop + 1
    hop, node = 0, v
    while node not in up:
        parent = people[node].manager
        if parent is None:
            return hop + len(up)  # different trees (cannot happen within one account)
        node, hop = parent, hop + 1
    return hop + up[node]


def _colleagues(ctx: Ctx, rng: random.Random, world: World, acc: AccountInfo) -> None:
    members = acc.contacts
    n = len(members)
    pairs = [(u, v, _distance(world.people, u, v)) for i, u in enumerate(members)
             for v in members[i + 1:]]
    weight = [1.0 / d ** 1.5 for _, _, d in pairs]
    # Scale so the expected number of colleague ties is the colleague share of the budget.
    scale = _COLLEAGUE_SHARE * ctx.cfg.knows_per_contact * n / max(sum(weight), 1e-9)
    for (u, v, d), w in zip(pairs, weight, strict=True):
        if rng.random() < scale * w:
            strength = rng.gauss(72 - 11 * d, 10)
            add_tie(ctx, world, ("Contact", world.people[u].id),
                    ("Contact", world.people[v].id), strength, KnowsOrigin.COLLEAGUE)


def _former_colleagues(ctx: Ctx, rng: random.Random, world: World) -> None:
    """People who worked at an account know 1-4 of its people whose tenure overlapped."""
    for p in world.people:
        if p.former is None:
            continue
        old, start, end = p.former
        staff = [world.people[i] for i in world.accounts[old].contacts]
        overlap = [(q, job_overlap_years((start, end), (q.job_start, ctx.cfg.as_of)))
                   for q in staff]
        mates = [(q, y) for q, y in overlap if y > 0.2]
        for q, years in rng.sample(mates, min(len(mates), rng.randint(2, 6))):
            since_left = (ctx.cfg.as_of - end).days / 365.0
            strength = 20 + 7 * min(years, 6) - 3 * min(since_left, 8) + rng.gauss(0, 6)
            add_tie(ctx, world, ("Contact", p.id), ("Contact", q.id), strength,
                    KnowsOrigin.FORMER_COLLEAGUE)


def _social(ctx: Ctx, rng: random.Random, world: World) -> None:
    """Fill the knows budget with cross-account ties, mostly within a city."""
    people = world.people
    budget = int(ctx.cfg.knows_per_contact * len(people)) - len(world.ties)
    by_city: dict[int, list[int]] = {}
    for p in people:
        by_city.setdefault(p.city, []).append(p.idx)
    origins = [o for o, _ in _SOCIAL_ORIGINS]
    weights = [w for _, w in _SOCIAL_ORIGINS]
    # Give up after a generous number of draws (tiny graphs may not have enough pairs).
    attempts, cap = 0, 4 * max(budget, 0) + 1000
    while budget > 0 and attempts < cap:
        attempts += 1
        a = people[rng.randrange(len(people))]
        pool = by_city[a.city] if rng.random() < 0.6 else None
        b = people[rng.choice(pool)] if pool else people[rng.randrange(len(people))]
        if a.account == b.account:
            continue
        origin = rng.choices(origins, weights)[0]
        mean = {KnowsOrigin.LINKEDIN: 14, KnowsOrigin.SOCIAL: 38}.get(origin, 30)
        if add_tie(ctx, world, ("Contact", a.id), ("Contact", b.id),
                   rng.gauss(mean, 9), origin) is not None:
            budget -= 1


def generate_contact_ties(ctx: Ctx, world: World) -> None:
    """Colleague and former-colleague ties (run before member ties and the social fill)."""
    rng = ctx.rng("knows")
    for acc in world.accounts:
        _colleagues(ctx, rng, world, acc)
    _former_colleagues(ctx, rng, world)


def fill_social(ctx: Ctx, world: World) -> None:
    """Random cross-account ties up to knows_per_contact (run after every other tie)."""
    _social(ctx, ctx.rng("social"), world)
