"""An account's org chart: its current people placed by their reports-to edges (or, when
the graph has none for the account, by seniority), each with the team's ties to them.

Key people are key stakeholders of the account or its deals, or C-level (as in the
coverage route); a key person no team member knows is a coverage gap. People this caller
may not see as records (a colleague's unshared personal network) are left out, and whoever
reported to them hangs from the next visible manager up.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.auth.roles import Principal
from api.entities.privacy import hidden_contacts
from graph.errors import NotFound
from graph.store import GraphStore, Row

SENIORITY_LEVEL = {"C_LEVEL": 0, "VP": 1, "DIRECTOR": 2, "MANAGER": 3, "SENIOR": 4, "ENTRY": 5}
_UNKNOWN_LEVEL = 6


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class OrgTie(_Result):
    member_id: str
    member: str
    strength: float | None = Field(description="0-100; None until scored")


class OrgPerson(_Result):
    id: str
    name: str
    title: str | None
    seniority: str | None
    manager_id: str | None = Field(description="the nearest manager shown in this chart")
    level: int = Field(ge=0, description="0 is the top of the chart")
    roles: list[str]
    key: bool
    do_not_contact: bool
    ties: list[OrgTie] = Field(description="every team member who knows them, strongest first")
    gap: bool = Field(description="a key person no team member knows")


class OrgChart(_Result):
    account_id: str
    account: str
    layout: Literal["reports_to", "seniority"] = Field(
        description="reports_to: levels follow the reports-to edges; seniority: no such "
                    "edges at this account, levels follow seniority")
    people: list[OrgPerson]
    gaps: list[str] = Field(description="names of key people nobody on the team knows")
    hidden: int = Field(ge=0, description="people left out (a colleague's personal network)")


def _visible_manager(person: str, managers: dict[str, str], shown: set[str]) -> str | None:
    seen = {person}
    boss = managers.get(person)
    while boss is not None and boss not in shown and boss not in seen:
        seen.add(boss)
        boss = managers.get(boss)
    return boss if boss in shown and boss != person else None


def _depth(person: str, managers: dict[str, str | None]) -> int:
    seen, depth, boss = {person}, 0, managers.get(person)
    while boss is not None and boss not in seen:  # a reports-to cycle stops the walk
        seen.add(boss)
        depth += 1
        boss = managers.get(boss)
    return depth


def _ties(row: Row) -> list[OrgTie]:
    ties = [OrgTie(member_id=t["id"], member=t["name"] or t["id"], strength=t["strength"])
            for t in row["ties"] if t and t.get("id")]
    return sorted(ties, key=lambda t: (-(t.strength or 0), t.member))


def _person(row: Row, manager: str | None, level: int) -> OrgPerson:
    key = bool(row["is_key"]) or row["seniority"] == "C_LEVEL"
    ties = _ties(row)
    return OrgPerson(id=row["id"], name=row["name"] or row["id"], title=row["title"],
                     seniority=row["seniority"], manager_id=manager, level=level,
                     roles=sorted(r for r in row["roles"] if r), key=key,
                     do_not_contact=bool(row["dnc"]), ties=ties, gap=key and not ties)


def account_org_chart(store: GraphStore, principal: Principal, account_id: str) -> OrgChart:
    found = store.read("entities/account/get", {"id": account_id})
    if not found:
        raise NotFound(f"no account with id {account_id!r}")
    rows = store.read("accounts/org_chart", {"account": account_id})
    hidden = hidden_contacts(store, [r["id"] for r in rows], principal)
    shown = [r for r in rows if r["id"] not in hidden]
    ids = {r["id"] for r in shown}
    managers = {r["id"]: min(r["managers"]) for r in rows if r["managers"]}
    bosses = {r["id"]: _visible_manager(r["id"], managers, ids) for r in shown}
    layout: Literal["reports_to", "seniority"] = \
        "reports_to" if any(bosses.values()) else "seniority"
    people = [_person(r, bosses[r["id"]], _depth(r["id"], bosses) if layout == "reports_to"
                      else SENIORITY_LEVEL.get(r["seniority"] or "", _UNKNOWN_LEVEL))
              for r in shown]
    return OrgChart(account_id=account_id, account=str(found[0]["node"].get("name")),
                    layout=layout, people=people, gaps=[p.name for p in people if p.gap],
                    hidden=len(hidden))
