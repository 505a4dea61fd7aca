"""Small hand-made records for tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from graph.model import (
    Account,
    AccountStage,
    AccountTier,
    Contact,
    Deal,
    DealStage,
    HasDeal,
    HasStageChange,
    Interaction,
    InteractionKind,
    Knows,
    KnowsOrigin,
    LossReason,
    Member,
    NodeRef,
    Owns,
    ParticipantRole,
    ParticipatedIn,
    Property,
    PropertyStatus,
    PropertyType,
    StageChange,
    StakeholderIn,
    StakeholderRole,
    WorksAt,
)
from tests.conftest import T0


def member(i: int = 1) -> Member:
    return Member(id=f"mem_{i}", created_at=T0, updated_at=T0, name=f"Maya {i}",
                  email=f"maya{i}@rapport.dev", business_unit="Residential")


def contact(i: int = 1, **fields: object) -> Contact:
    values: dict[str, object] = {"name": f"Ana Silva {i}", "email": f"ana{i}@globex.com",
                                 "city": "Lisbon"}
    values.update(fields)
    return Contact(id=f"ct_{i}", created_at=T0, updated_at=T0, **values)  # type: ignore[arg-type]


def account(i: int = 1) -> Account:
    return Account(id=f"acc_{i}", created_at=T0, updated_at=T0, name=f"Globex {i}",
                   domain=f"globex{i}.com", city="Lisbon")


def deal(i: int = 1) -> Deal:
    return Deal(id=f"deal_{i}", created_at=T0, updated_at=T0, name=f"Deal {i}", amount=1e6,
                stage=DealStage.PROPOSAL, expected_close=date(2026, 3, 31), stage_entered_at=T0)


def small_graph() -> tuple[dict[str, list], dict[str, list]]:  # type: ignore[type-arg]
    """Two members, three contacts at one account, one deal, a few ties."""
    m1, m2 = member(1), member(2)
    c1, c2, c3 = contact(1), contact(2, name="Tomás Łukasz O'Neil"), contact(3)
    acc, d = account(1), deal(1)
    nodes = {"Member": [m1, m2], "Account": [acc], "Contact": [c1, c2, c3], "Deal": [d]}
    edges = {
        "WORKS_AT": [WorksAt(src=c.ref, dst=acc.ref, title="CFO", start=date(2020, 1, 1))
                     for c in (c1, c2, c3)],
        "KNOWS": [
            Knows(src=m1.ref, dst=c1.ref, interaction_count=4, first_seen=T0, last_seen=T0,
                  origins=[KnowsOrigin.INTERACTION]),
            Knows(src=c1.ref, dst=c2.ref, origins=[KnowsOrigin.COLLEAGUE]),
            Knows(src=m2.ref, dst=c3.ref, explicit_strength=60.0,
                  origins=[KnowsOrigin.LINKEDIN]),
        ],
        "HAS_DEAL": [HasDeal(src=acc.ref, dst=d.ref)],
    }
    return nodes, edges


NOW = datetime(2026, 3, 15, tzinfo=UTC)
_JAN1 = datetime(2026, 1, 1, tzinfo=UTC)


def _day(month: int, day: int) -> datetime:
    return datetime(2026, month, day, tzinfo=UTC)


# (id, stage, amount, currency, expected close, stage history [(at, to stage)])
_DEALS: list[tuple[str, DealStage, float, str, date | None, list[tuple[datetime, DealStage]]]] = [
    ("d1", DealStage.PROPOSAL, 100_000, "EUR", date(2026, 3, 31),
     [(_JAN1, DealStage.IDENTIFIED), (_day(3, 1), DealStage.PROPOSAL)]),
    ("d2", DealStage.COMMITTED, 200_000, "EUR", date(2026, 4, 15),
     [(_JAN1, DealStage.IDENTIFIED), (_day(2, 1), DealStage.COMMITTED)]),
    ("d3", DealStage.QUALIFYING, 50_000, "EUR", date(2026, 2, 10),
     [(_JAN1, DealStage.QUALIFYING)]),
    ("d4", DealStage.NEGOTIATION, 300, "GBP", date(2026, 4, 1),
     [(_JAN1, DealStage.NEGOTIATION)]),
    ("d5", DealStage.NEEDS_ANALYSIS, 80_000, "EUR", None, [(_JAN1, DealStage.NEEDS_ANALYSIS)]),
    ("d6", DealStage.CLOSED_WON, 400_000, "EUR", date(2026, 3, 1),
     [(_JAN1, DealStage.IDENTIFIED), (_day(1, 3), DealStage.QUALIFYING),
      (_day(1, 10), DealStage.COMMITTED), (_day(3, 5), DealStage.CLOSED_WON)]),
    ("d7", DealStage.CLOSED_LOST, 30_000, "EUR", date(2026, 2, 1),
     [(_JAN1, DealStage.IDENTIFIED), (_day(1, 4), DealStage.QUALIFYING),
      (_day(1, 9), DealStage.QUALIFIED), (_day(1, 20), DealStage.CLOSED_LOST)]),
]


def _history(deal_id: str, steps: list[tuple[datetime, DealStage]]
             ) -> tuple[list[StageChange], list[HasStageChange]]:
    nodes, edges = [], []
    for n, (at, to) in enumerate(steps):
        prev = steps[n - 1] if n else None
        days = (at - prev[0]).total_seconds() / 86400 if prev else None
        sc = StageChange(id=f"sc_{deal_id}_{n}", created_at=at, updated_at=at, deal_id=deal_id,
                         from_stage=prev[1] if prev else None, to_stage=to, at=at, by="mem_1",
                         days_in_stage=days)
        nodes.append(sc)
        edges.append(HasStageChange(src=NodeRef(label="Deal", id=deal_id), dst=sc.ref))
    return nodes, edges


def _oracle_deals() -> tuple[list[Deal], list[StageChange], list[HasStageChange]]:
    deals, changes, links = [], [], []
    for deal_id, stage, amount, currency, close, steps in _DEALS:
        last = steps[-1][0]
        deals.append(Deal(
            id=deal_id, created_at=_JAN1, updated_at=last, name=f"Deal {deal_id}",
            amount=amount, currency=currency, stage=stage, stage_entered_at=last,
            expected_close=close, actual_close=last.date() if stage.is_closed else None,
            loss_reason=LossReason.PRICE if stage == DealStage.CLOSED_LOST else None,
            next_step=None if deal_id == "d1" else "Call back"))
        nodes, edges = _history(deal_id, steps)
        changes += nodes
        links += edges
    return deals, changes, links


def oracle_graph() -> tuple[dict[str, list], dict[str, list]]:  # type: ignore[type-arg]
    """A hand-made pipeline as of NOW (2026-03-15); tests/test_oracle.py works out its
    forecast by hand.
    acc_1 (GOLD, owned by mem_1) holds every deal but d4 (GBP, at the unowned acc_2); ct_1 is
    d1's decision maker (last met 2026-01-20, Maya's tie 82), ct_2 its champion."""
    m1, m2 = member(1), member(2)
    acc1 = Account(id="acc_1", created_at=T0, updated_at=T0, name="Globex 1", city="Lisbon",
                   industry="Fintech", employees=200, stage=AccountStage.ACTIVE_CLIENT,
                   tier=AccountTier.GOLD)
    acc2 = Account(id="acc_2", created_at=T0, updated_at=T0, name="Initech", city="Porto",
                   industry="Fintech", employees=50, stage=AccountStage.ACTIVE_CLIENT)
    people = [contact(1, title="CFO"), contact(2), contact(3), contact(4)]
    deals, changes, links = _oracle_deals()
    meeting = Interaction(id="int_1", created_at=_day(1, 20), updated_at=_day(1, 20),
                          kind=InteractionKind.MEETING, at=_day(1, 20), participant_count=2)
    props = [Property(id=f"p_{i}", created_at=T0, updated_at=T0, title=f"Flat {i}",
                      type=PropertyType.APARTMENT, city="Lisbon", price=5e5,
                      status=PropertyStatus.RESERVED, status_since=since)
             for i, since in ((1, date(2025, 12, 1)), (2, date(2026, 3, 1)))]
    nodes = {"Member": [m1, m2], "Account": [acc1, acc2], "Contact": people, "Deal": deals,
             "StageChange": changes, "Interaction": [meeting], "Property": props}
    edges = {
        "WORKS_AT": [WorksAt(src=c.ref, dst=(acc2 if c.id == "ct_4" else acc1).ref)
                     for c in people],
        "HAS_DEAL": [HasDeal(src=(acc2 if d.id == "d4" else acc1).ref, dst=d.ref)
                     for d in deals],
        "OWNS": [Owns(src=m1.ref, dst=d.ref) for d in deals] + [Owns(src=m1.ref, dst=acc1.ref)],
        "HAS_STAGE_CHANGE": links,
        "STAKEHOLDER_IN": [
            StakeholderIn(src=people[0].ref, dst=deals[0].ref, role=StakeholderRole.DECISION_MAKER,
                          key=True),
            StakeholderIn(src=people[1].ref, dst=deals[0].ref, role=StakeholderRole.CHAMPION,
                          key=True)],
        "KNOWS": [Knows(src=m1.ref, dst=people[0].ref, strength=82.0, interaction_count=1,
                        origins=[KnowsOrigin.INTERACTION])],
        "PARTICIPATED_IN": [
            ParticipatedIn(src=m1.ref, dst=meeting.ref, role=ParticipantRole.ORGANIZER),
            ParticipatedIn(src=people[0].ref, dst=meeting.ref, role=ParticipantRole.ATTENDEE)],
    }
    return nodes, edges
