"""Client accounts: persona (segment), tier, stage, firmographics, subsidiaries."""

from __future__ import annotations

import math
import random
import unicodedata
from types import MappingProxyType

from graph.model import Account, AccountStage, AccountTier, SubsidiaryOf
from graph.synth import vocab
from graph.synth.common import Ctx
from graph.synth.state import AccountInfo, World

_TIERS = (("PLATINUM", 5), ("GOLD", 12), ("SILVER", 20), ("BRONZE", 23), ("GROWTH", 20),
          ("TRANSACTIONAL", 20))
_STAGES = (("ACTIVE_CLIENT", 33), ("NEW_CLIENT", 10), ("PROSPECT", 12), ("ACTIVE_PURSUIT", 12),
           ("AT_RISK", 10), ("DORMANT", 8), ("CHURNED", 6), ("REACTIVATED", 9))
_SEGMENTS = (("family_office", 18), ("developer", 16), ("corporate_relocation", 22),
             ("investor", 18), ("fund", 10), ("retail_chain", 16))
_CITY_WEIGHTS = (24, 12, 10, 8, 12, 7, 6, 7, 5, 5, 4)
# Typical ticket (EUR) per segment: (low, high) of the log-uniform range.
SEGMENT_BUDGET = (("family_office", 1.0e6, 15e6), ("developer", 5e6, 60e6),
                  ("corporate_relocation", 0.3e6, 4e6), ("investor", 2e6, 40e6),
                  ("fund", 10e6, 120e6), ("retail_chain", 0.5e6, 8e6))
_TLD = MappingProxyType({"Portugal": "pt", "Spain": "es", "United Kingdom": "co.uk", "France": "fr",
        "Germany": "de", "United Arab Emirates": "ae", "Netherlands": "nl", "Italy": "it"})
_EXTRA_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "ß": "ss",
                             "đ": "d", "'": "", "&": "and"})


def ascii_slug(text: str, sep: str = "-") -> str:
    """Lower-case ASCII slug ("Łukasz Wiśniewski" -> "lukasz-wisniewski") for emails/domains."""
    folded = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLD))
    plain = folded.encode("ascii", "ignore").decode().lower()
    words = "".join(ch if ch.isalnum() else " " for ch in plain).split()
    return sep.join(words)


def weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _budget(rng: random.Random, segment: str, tier: str) -> float:
    low, high = next((lo, hi) for s, lo, hi in SEGMENT_BUDGET if s == segment)
    # Bigger tiers buy bigger tickets: shift the log-uniform draw upward.
    shift = {"PLATINUM": 0.35, "GOLD": 0.2, "SILVER": 0.1}.get(tier, 0.0)
    u = min(1.0, rng.random() * (1 - shift) + shift)
    return float(round(low * math.pow(high / low, u), -3))


def _name(rng: random.Random, segment: str, city: str, taken: set[str]) -> str:
    root = rng.choice(vocab.COMPANY_ROOTS)
    suffix = rng.choice(vocab.SEGMENT_SUFFIXES[segment])
    for candidate in (f"{root} {suffix}", f"{root} {city} {suffix}"):
        if candidate not in taken:
            return candidate
    n = 2
    while f"{root} {suffix} {n}" in taken:
        n += 1
    return f"{root} {suffix} {n}"


def _info(ctx: Ctx, rng: random.Random, idx: int, taken: set[str]) -> AccountInfo:
    segment = weighted(rng, _SEGMENTS)
    city = rng.choices(range(len(vocab.CITIES)), weights=_CITY_WEIGHTS)[0]
    city_name, country = vocab.CITIES[city][0], vocab.CITIES[city][1]
    name = _name(rng, segment, city_name, taken)
    taken.add(name)
    tier, stage = weighted(rng, _TIERS), weighted(rng, _STAGES)
    domain = f"{ascii_slug(name)}.{_TLD.get(country, 'com')}"
    info = AccountInfo(idx=idx, id=f"acc_{idx + 1:05d}", name=name, domain=domain,
                       segment=segment, tier=tier, stage=stage, city=city,
                       budget=_budget(rng, segment, tier))
    # AT_RISK and CHURNED accounts always decay; half the DORMANT ones do too.
    if stage in ("AT_RISK", "CHURNED") or (stage == "DORMANT" and rng.random() < 0.5):
        days = rng.uniform(45, 200) if stage == "AT_RISK" else rng.uniform(150, 420)
        info.decline_start = ctx.days_ago(days)
    return info


def _node(ctx: Ctx, rng: random.Random, info: AccountInfo) -> Account:
    size = {"PLATINUM": 4.0, "GOLD": 3.3, "SILVER": 2.8, "BRONZE": 2.3}.get(info.tier, 1.8)
    employees = int(10 ** (size + rng.uniform(-0.3, 0.6)))
    created, updated = ctx.stamp(rng, 8 * 365, ctx.cfg.history_days + 60)
    return ctx.build(
        Account, id=info.id, created_at=created, updated_at=updated, sources=ctx.sources(),
        name=info.name, domain=info.domain,
        industry=rng.choice(vocab.SEGMENT_INDUSTRIES[info.segment]), segment=info.segment,
        employees=employees, annual_revenue=float(round(employees * rng.uniform(8e4, 4e5), -3)),
        currency="EUR", city=vocab.CITIES[info.city][0], country=vocab.CITIES[info.city][1],
        stage=AccountStage(info.stage), tier=AccountTier(info.tier))


def generate_accounts(ctx: Ctx, world: World) -> None:
    """Accounts in id order; ~4% become subsidiaries of an earlier account (no cycles)."""
    rng = ctx.rng("accounts")
    taken: set[str] = set()
    for idx in range(ctx.cfg.clients):
        info = _info(ctx, rng, idx, taken)
        world.accounts.append(info)
        world.nodes["Account"].append(_node(ctx, rng, info))
        if idx >= 10 and rng.random() < 0.04:
            parent = world.accounts[rng.randrange(idx)]
            world.edges["SUBSIDIARY_OF"].append(ctx.build(
                SubsidiaryOf, src=ctx.ref("Account", info.id),
                dst=ctx.ref("Account", parent.id), sources=ctx.sources()))
