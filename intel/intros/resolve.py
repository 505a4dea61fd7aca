"""Turn what a user typed (id, email, name, domain) into the search's sources and targets."""

from __future__ import annotations

from dataclasses import dataclass

from graph.errors import QueryNotFound
from graph.store import GraphStore, Row
from intel.intros.errors import AmbiguousName, UnknownMember, UnknownTarget
from intel.intros.graphview import NodeFacts
from intel.intros.settings import IntroSettings

_KEY_ROLES = frozenset({"DECISION_MAKER", "CHAMPION"})


@dataclass(frozen=True)
class Target:
    id: str
    name: str
    factor: float
    role: str | None
    facts: NodeFacts


_LOOKUPS = ("id", "email", "domain", "name", "name_ci")


def _lookup(store: GraphStore, kind: str, typed: str) -> list[Row]:
    """Exact id, then email/domain, then name, then name ignoring case: the first that
    finds anyone wins, and each but the last is an index lookup."""
    query = typed.strip()
    for key in _LOOKUPS:
        try:
            rows = store.read(f"intros/find_{kind}_by_{key}", {"q": query, "limit": 5})
        except QueryNotFound:  # not every kind has every key (members have no domain)
            continue
        if rows:
            return rows
    return []


def _one(rows: list[Row], kind: str, typed: str, error: type[UnknownTarget | UnknownMember],
         hint: str) -> Row:
    if not rows:
        raise error(f"no {kind} matches {typed!r}", hint=hint)
    if len(rows) > 1:
        listed = "; ".join(f"{r['id']} ({r.get('name')})" for r in rows)
        raise AmbiguousName(f"several {kind}s match {typed!r}: {listed}",
                            hint="give an id or an email")
    return rows[0]


def resolve_member(store: GraphStore, typed: str) -> Row:
    return _one(_lookup(store, "member", typed), "team member", typed, UnknownMember,
                "give a member id, email or name (rapport stats lists the team size)")


def resolve_contact(store: GraphStore, typed: str) -> Target:
    row = _one(_lookup(store, "contact", typed), "contact", typed, UnknownTarget,
               "give a contact id, email or full name")
    facts = store.read("intros/node_facts", {"ids": [row["id"]]})[0]
    label = f"{row['name']} ({row['company']})" if row["company"] else row["name"]
    return Target(row["id"], label, 1.0, None,
                  NodeFacts("Contact", do_not_contact=facts["dnc"]))


def resolve_account_row(store: GraphStore, typed: str) -> Row:
    return _one(_lookup(store, "account", typed), "account", typed, UnknownTarget,
                "give an account id, domain or name")


def resolve_account(store: GraphStore, typed: str, settings: IntroSettings,
                    include_former: bool) -> tuple[Row, list[Target]]:
    account = resolve_account_row(store, typed)
    people = store.read("intros/account_people",
                        {"account": account["id"], "include_former": include_former})
    facts = {r["id"]: r for r in store.read("intros/node_facts",
                                            {"ids": [p["id"] for p in people]})}
    return account, [_account_target(p, facts[p["id"]], settings) for p in people]


def _account_target(person: Row, facts: Row, settings: IntroSettings) -> Target:
    roles = sorted(set(person["roles"]))
    key = (bool(person["is_key"]) or bool(_KEY_ROLES.intersection(roles))
           or person["seniority"] == "C_LEVEL")
    role = ", ".join(roles) if roles else None
    factor = 1.0 if key else settings.other_people_factor
    return Target(person["id"], person["name"], factor, role,
                  NodeFacts("Contact", do_not_contact=facts["dnc"]))
