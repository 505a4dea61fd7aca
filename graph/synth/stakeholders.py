"""Who takes part in a deal: decision maker, champion, others; rare external advisors."""

from __future__ import annotations

import random
from dataclasses import dataclass

from graph.model import StakeholderRole
from graph.synth.state import AccountInfo, World, pair_key

_OTHER_ROLES = (StakeholderRole.INFLUENCER, StakeholderRole.USER, StakeholderRole.FINANCE,
                StakeholderRole.LEGAL, StakeholderRole.GATEKEEPER, StakeholderRole.BLOCKER)
_OTHER_WEIGHTS = (35, 20, 18, 12, 10, 5)


@dataclass
class Stake:
    contact: int
    role: StakeholderRole
    influence: float
    exception: str | None = None  # why an outsider is a stakeholder


def tie_strength(world: World, member_id: str, contact: int) -> float:
    tie = world.ties.get(pair_key(member_id, world.people[contact].id))
    return tie.strength if tie is not None else 0.0


def pick_stakeholders(rng: random.Random, world: World, acc: AccountInfo, owner_id: str
                      ) -> list[Stake]:
    staff = acc.contacts
    k = min(len(staff), rng.choice((1, 2, 2, 3, 3, 4, 5, 6)))
    # The decision maker is among the most senior; the champion is whom the owner knows best.
    by_rank = sorted(staff, key=lambda c: (world.people[c].depth, rng.random()))
    dm = by_rank[min(len(by_rank) - 1, rng.randrange(3))]
    stakes = [Stake(dm, StakeholderRole.DECISION_MAKER, float(rng.randint(75, 98)))]
    rest = [c for c in staff if c != dm]
    if rest and rng.random() < 0.8:
        best = max(rest, key=lambda c: (tie_strength(world, owner_id, c), -c))
        champ = best if rng.random() < 0.7 else rng.choice(rest)
        stakes.append(Stake(champ, StakeholderRole.CHAMPION, float(rng.randint(55, 90))))
    chosen = {s.contact for s in stakes}
    others = [c for c in rest if c not in chosen]
    for c in rng.sample(others, max(0, min(len(others), k - len(stakes)))):
        role = rng.choices(_OTHER_ROLES, _OTHER_WEIGHTS)[0]
        stakes.append(Stake(c, role, float(rng.randint(15, 65))))
    return stakes


def external_advisor(rng: random.Random, world: World, acc: AccountInfo) -> Stake | None:
    """~4% of deals involve an outside lawyer or advisor from another account."""
    if rng.random() >= 0.04 or len(world.accounts) < 2:
        return None
    other = world.accounts[rng.randrange(len(world.accounts))]
    if other.idx == acc.idx:
        return None
    who = rng.choice(other.contacts)
    role = rng.choice((StakeholderRole.LEGAL, StakeholderRole.INFLUENCER))
    kind = "external legal counsel" if role is StakeholderRole.LEGAL else "external advisor"
    return Stake(who, role, float(rng.randint(20, 60)),
                 exception=f"{kind} from {other.name} ({other.id})")
