"""Who at an account does the team know, and how well: known vs unknown key people."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph.store import GraphStore, Row
from intel.intros.explain import band
from intel.intros.resolve import resolve_account_row


class TeamTie(BaseModel):
    member_id: str
    member: str
    strength: float | None


class CoveredPerson(BaseModel):
    id: str
    name: str
    title: str | None
    roles: list[str]
    key: bool
    do_not_contact: bool
    best: TeamTie | None = Field(description="the team member who knows them best")
    band: str | None
    others: int = Field(description="other members who know them")


class Coverage(BaseModel):
    account_id: str
    account: str
    people: int
    known: int
    key_people: int
    key_known: int
    key_unknown: list[str] = Field(description="names of key people nobody in the team knows")
    strongest_connectors: list[TeamTie]
    detail: list[CoveredPerson]


def _person(row: Row) -> CoveredPerson:
    ties = sorted((t for t in row["ties"] if t), key=lambda t: -(t["strength"] or 0))
    best = TeamTie(member_id=ties[0]["id"], member=ties[0]["name"],
                   strength=ties[0]["strength"]) if ties else None
    key = bool(row["is_key"]) or row["seniority"] == "C_LEVEL"
    strength = best.strength if best else None
    return CoveredPerson(id=row["id"], name=row["name"], title=row["title"],
                         roles=sorted(r for r in row["roles"] if r), key=key,
                         do_not_contact=row["dnc"], best=best,
                         band=band(strength) if strength is not None else None,
                         others=max(0, len(ties) - 1))


def account_coverage(store: GraphStore, account: str) -> Coverage:
    found = resolve_account_row(store, account)
    people = [_person(r) for r in store.read("intros/account_coverage",
                                             {"account": found["id"]})]
    people.sort(key=lambda p: (not p.key, -(p.best.strength or 0) if p.best else 1, p.name))
    connectors: dict[str, TeamTie] = {}
    for person in people:
        if person.best and (person.best.member_id not in connectors or (
                person.best.strength or 0) > (connectors[person.best.member_id].strength or 0)):
            connectors[person.best.member_id] = person.best
    keys = [p for p in people if p.key]
    return Coverage(
        account_id=found["id"], account=found["name"], people=len(people),
        known=sum(1 for p in people if p.best), key_people=len(keys),
        key_known=sum(1 for p in keys if p.best),
        key_unknown=[p.name for p in keys if not p.best],
        strongest_connectors=sorted(connectors.values(), key=lambda t: -(t.strength or 0))[:5],
        detail=people)
