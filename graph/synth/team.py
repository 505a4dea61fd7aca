"""The sales team: Members with business units, leaders, hidden skill; account ownership."""

from __future__ import annotations

from types import MappingProxyType

from graph.model import Member, Owns
from graph.synth import vocab
from graph.synth.accounts import ascii_slug
from graph.synth.common import Ctx
from graph.synth.state import MemberInfo, World

# Which business units usually cover which persona.
_UNITS_FOR = MappingProxyType({
    "family_office": ("Residential", "Capital Markets"),
    "developer": ("Capital Markets", "Commercial"),
    "corporate_relocation": ("Relocation",),
    "investor": ("Capital Markets", "Residential"),
    "fund": ("Capital Markets", "Commercial"),
    "retail_chain": ("Commercial",),
})
MEMBER_DOMAIN = "rapport-realty.example"


def generate_members(ctx: Ctx, world: World) -> None:
    rng = ctx.rng("members")
    taken: set[str] = set()
    units = vocab.BUSINESS_UNITS
    for idx in range(ctx.cfg.member_count):
        # The first member of each unit leads it; every 10th member is a leader too.
        leader = idx < len(units) or idx % 10 == 9
        unit = units[idx % len(units)]
        first, last = rng.choice(vocab.FIRST_NAMES), rng.choice(vocab.LAST_NAMES)
        local = ascii_slug(f"{first} {last}", ".")
        n = 2
        while local in taken:
            local, n = f"{ascii_slug(f'{first} {last}', '.')}{n}", n + 1
        taken.add(local)
        info = MemberInfo(idx=idx, id=f"mem_{idx + 1:04d}", name=f"{first} {last}", unit=unit,
                          skill=round(rng.betavariate(4, 3), 3), is_leader=leader)
        world.members.append(info)
        created, updated = ctx.stamp(rng, 9 * 365, ctx.cfg.history_days + 90)
        title = rng.choice(vocab.LEADER_TITLES if leader else vocab.MEMBER_TITLES)
        world.nodes["Member"].append(ctx.build(
            Member, id=info.id, created_at=created, updated_at=updated, sources=ctx.sources(),
            name=info.name, email=f"{local}@{MEMBER_DOMAIN}", title=title,
            business_unit=unit, is_leader=leader, introducer_opt_out=rng.random() < 0.03))


def assign_owners(ctx: Ctx, world: World) -> None:
    """Each account gets an owner from a fitting unit (leaders own fewer); ~4% stay unowned."""
    rng = ctx.rng("owners")
    by_unit: dict[str, list[int]] = {u: [] for u in vocab.BUSINESS_UNITS}
    for m in world.members:
        # Leaders appear once, sellers three times: leaders carry a lighter book.
        by_unit[m.unit].extend([m.idx] * (1 if m.is_leader else 3))
    for acc in world.accounts:
        if rng.random() < 0.04:
            continue
        pool = by_unit[rng.choice(_UNITS_FOR[acc.segment])] or by_unit[vocab.BUSINESS_UNITS[0]]
        acc.owner = rng.choice(pool)
        world.edges["OWNS"].append(ctx.build(
            Owns, src=ctx.ref("Member", world.members[acc.owner].id),
            dst=ctx.ref("Account", acc.id), sources=ctx.sources(),
            since=ctx.date_ago(rng.uniform(30, 5 * 365))))
