"""The generator's private world: what each part knows that the graph does not show."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from graph.model import GraphEdge, GraphNode, KnowsOrigin, NodeRef
from graph.synth.keys import pair_key
from graph.synth.truth import DealDriver, StakeholderException

__all__ = ["AccountInfo", "MemberInfo", "PersonInfo", "Tie", "TiePlan", "World", "pair_key"]

NODE_ORDER: tuple[str, ...] = (
    "Member", "Account", "Contact", "Property", "Deal", "StageChange", "Interaction",
)
EDGE_ORDER: tuple[str, ...] = (
    "WORKS_AT", "REPORTS_TO", "SUBSIDIARY_OF", "KNOWS", "OWNS", "STAKEHOLDER_IN", "HAS_DEAL",
    "FOR_PROPERTY", "INTERESTED_IN", "PARTICIPATED_IN", "HAS_STAGE_CHANGE",
)


@dataclass
class MemberInfo:
    idx: int
    id: str
    name: str
    unit: str
    skill: float  # hidden: drives deal outcomes
    is_leader: bool


@dataclass
class AccountInfo:
    idx: int
    id: str
    name: str
    domain: str
    segment: str
    tier: str
    stage: str
    city: int  # index into vocab.CITIES
    budget: float  # hidden: typical ticket the client can afford
    decline_start: datetime | None = None  # hidden: when the relationship began to decay
    owner: int | None = None  # member index
    contacts: list[int] = field(default_factory=list)  # current employees, CEO first


@dataclass
class PersonInfo:
    idx: int
    id: str
    account: int
    manager: int | None  # contact index, None for the CEO
    depth: int
    seniority: str
    title: str
    city: int
    job_start: date
    former: tuple[int, date, date] | None = None  # (account, start, end)


@dataclass(slots=True)
class Tie:
    """One KNOWS pair: hidden strength plus the evidence the interactions leave."""

    src: NodeRef
    dst: NodeRef
    strength: float
    origins: list[KnowsOrigin]
    one_way: bool = False
    count: int = 0
    first: datetime | None = None
    last: datetime | None = None


@dataclass(slots=True)
class TiePlan:
    """How a member-contact tie behaves over time; drives its interactions."""

    key: str
    member: int
    contact: int
    base: float  # strength while the tie is healthy
    one_way: bool
    start: datetime  # first contact
    stop: datetime | None  # the tie went cold here (no interactions after)
    decline: datetime | None  # the account started to deteriorate here


@dataclass
class World:
    members: list[MemberInfo] = field(default_factory=list)
    accounts: list[AccountInfo] = field(default_factory=list)
    people: list[PersonInfo] = field(default_factory=list)
    ties: dict[str, Tie] = field(default_factory=dict)
    plans: list[TiePlan] = field(default_factory=list)
    deal_drivers: dict[str, DealDriver] = field(default_factory=dict)
    deal_probability: dict[str, float] = field(default_factory=dict)
    exceptions: list[StakeholderException] = field(default_factory=list)
    nodes: dict[str, list[GraphNode]] = field(
        default_factory=lambda: {label: [] for label in NODE_ORDER})
    edges: dict[str, list[GraphEdge]] = field(
        default_factory=lambda: {rel: [] for rel in EDGE_ORDER})

