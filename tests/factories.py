"""Small hand-made records for tests."""

from __future__ import annotations

from datetime import date

from graph.model import (
    Account,
    Contact,
    Deal,
    DealStage,
    HasDeal,
    Knows,
    KnowsOrigin,
    Member,
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
