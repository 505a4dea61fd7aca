"""The property pool deals are about; statuses are settled after the deals are generated."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from types import MappingProxyType

from graph.model import InterestedIn, Property, PropertyStatus, PropertyType
from graph.synth import vocab
from graph.synth.common import Ctx
from graph.synth.state import World

# Price per m2 (EUR) by city, in vocab.CITIES order.
_PRICE_M2 = (5500, 3400, 5200, 4900, 12500, 11000, 6200, 5200, 7400, 6300, 13500)
# type -> (weight, min m2, max m2, price factor vs residential m2, has bedrooms)
_TYPES = MappingProxyType({
    "APARTMENT": (34, 45, 260, 1.0, True), "HOUSE": (10, 120, 420, 0.9, True),
    "VILLA": (8, 250, 1200, 1.3, True), "OFFICE": (20, 250, 9000, 0.8, False),
    "RETAIL": (12, 80, 2500, 0.9, False), "LAND": (6, 2000, 60000, 0.07, False),
    "WAREHOUSE": (10, 1000, 25000, 0.22, False)})
SEGMENT_TYPES = MappingProxyType({
    "family_office": ("APARTMENT", "VILLA", "HOUSE"), "developer": ("LAND", "OFFICE"),
    "corporate_relocation": ("APARTMENT", "OFFICE"),
    "investor": ("APARTMENT", "OFFICE", "RETAIL"), "fund": ("OFFICE", "WAREHOUSE", "RETAIL"),
    "retail_chain": ("RETAIL", "WAREHOUSE")})


@dataclass
class PropInfo:
    idx: int
    id: str
    type: str
    city: int
    district: str
    price: float
    size: float
    bedrooms: int | None
    features: list[str] = field(default_factory=list)
    status: str = "AVAILABLE"
    status_since: date | None = None


def _one(rng: random.Random, idx: int) -> PropInfo:
    names = list(_TYPES)
    ptype = rng.choices(names, [_TYPES[n][0] for n in names])[0]
    _, low, high, factor, has_beds = _TYPES[ptype]
    city = rng.randrange(len(vocab.CITIES))
    size = round(low * (high / low) ** rng.random())
    price = round(size * _PRICE_M2[city] * factor * rng.uniform(0.8, 1.35), -3)
    beds = max(1, min(8, round(size / 45))) if has_beds else None
    return PropInfo(idx=idx, id=f"prop_{idx + 1:05d}", type=ptype, city=city,
                    district=rng.choice(vocab.CITIES[city][3]), price=float(price),
                    size=float(size), bedrooms=beds,
                    features=sorted(rng.sample(vocab.FEATURES, rng.randint(1, 5))))


def plan_properties(ctx: Ctx) -> list[PropInfo]:
    rng = ctx.rng("properties")
    return [_one(rng, i) for i in range(ctx.cfg.properties_per_client * ctx.cfg.clients)]


def _describe(p: PropInfo) -> tuple[str, str]:
    kind = p.type.capitalize()
    beds = f"{p.bedrooms}-bed " if p.bedrooms else ""
    city = vocab.CITIES[p.city][0]
    title = f"{beds}{kind.lower()} in {p.district}, {city}"
    desc = (f"{kind} of {p.size:,.0f} m2 in {p.district}, {city}; "
            f"{', '.join(p.features)}. Asking EUR {p.price:,.0f}.")
    return title[0].upper() + title[1:], desc


def property_nodes(ctx: Ctx, world: World, props: list[PropInfo]) -> None:
    rng = ctx.rng("property-nodes")
    for p in props:
        title, desc = _describe(p)
        created, updated = ctx.stamp(rng, 5 * 365, ctx.cfg.history_days + 160)
        if p.status_since is None:
            p.status_since = min(ctx.cfg.as_of, created.date())
        else:  # a deal sold or reserved it: the record was touched then
            updated = max(updated, datetime.combine(p.status_since, time(12), tzinfo=UTC))
            updated = min(updated, ctx.end)
        world.nodes["Property"].append(ctx.build(
            Property, id=p.id, created_at=created, updated_at=updated, sources=ctx.sources(),
            title=title, type=PropertyType(p.type), city=vocab.CITIES[p.city][0],
            district=p.district, country=vocab.CITIES[p.city][1], price=p.price,
            currency="EUR", size_m2=p.size, bedrooms=p.bedrooms,
            status=PropertyStatus(p.status), status_since=p.status_since,
            features=p.features, description=desc))


def interests(ctx: Ctx, world: World, props: list[PropInfo]) -> None:
    """Accounts and a few contacts show interest in properties of their persona's types."""
    rng = ctx.rng("interests")
    by_type: dict[str, list[PropInfo]] = {t: [] for t in _TYPES}
    for p in props:
        by_type[p.type].append(p)
    edges = world.edges["INTERESTED_IN"]
    for acc in world.accounts:
        types = [t for t in SEGMENT_TYPES[acc.segment] if by_type[t]]
        if not types:
            continue
        picks = [rng.choice(by_type[rng.choice(types)]) for _ in range(rng.randint(0, 3))]
        chosen = list({p.id: p for p in picks}.values())  # no duplicate edges
        who = [("Account", acc.id)] + [("Contact", world.people[c].id)
                                        for c in acc.contacts if rng.random() < 0.06]
        for label, node_id in who:
            for p in chosen if label == "Account" else chosen[:1]:
                edges.append(ctx.build(
                    InterestedIn, src=ctx.ref(label, node_id), dst=ctx.ref("Property", p.id),
                    sources=ctx.sources(), level=float(rng.randint(20, 95)),
                    since=ctx.date_ago(rng.uniform(5, 400))))
