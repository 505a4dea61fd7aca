"""Context assembly: an entity's 1-2 hop neighbourhood (with relationship strengths) and the
interaction notes around it, each turned into one cited fact."""

from __future__ import annotations

from collections.abc import Iterable

from graph.store import GraphStore, Row
from intel.graphrag.models import Fact

_OPEN = ["01-IDENTIFIED", "02-QUALIFYING", "03-QUALIFIED", "04-NEEDS_ANALYSIS", "05-VIEWING",
         "06-PROPOSAL", "07-NEGOTIATION", "08-COMMITTED"]


def _money(value: object) -> str:
    return f"{value:,.0f}" if isinstance(value, int | float) else "an unknown amount"


def _interactions(rows: Iterable[Row]) -> list[Fact]:
    facts = []
    for n, row in enumerate(rows):
        day = str(row["at"])[:10]
        what = "; ".join(x for x in (row.get("subject"), row.get("summary")) if x)
        facts.append(Fact(id=row["id"], kind="Interaction", prior=0.05 - 0.001 * n,
                          text=f"{day} {str(row['kind']).lower()} with {row['person']}: {what}"))
    return facts


def account_facts(store: GraphStore, account: str) -> list[Fact]:
    facts: list[Fact] = []
    for row in store.read("ask/account_facts", {"account": account, "open_stages": _OPEN}):
        facts.append(Fact(id=row["id"], kind="Account", prior=0.1, text=(
            f"{row['name']} is a {row['tier'] or 'untiered'} {row['industry'] or ''} account "
            f"in {row['city']}, stage {row['stage']}, owned by {row['owner'] or 'nobody'}, "
            f"with {row['open_deals']} open deals worth {_money(row['open_amount'])}.")))
    for row in store.read("graphrag/account_people", {"account": account, "limit": 15}):
        tie = (f"the team's strongest tie is {row['member']} ({row['strength']:.0f}/100)"
               if row["strength"] is not None else "nobody on the team knows them")
        facts.append(Fact(id=row["id"], kind="Contact",
                          text=f"{row['name']} is {row['title']}; {tie}."))
    for row in store.read("graphrag/account_deals", {"account": account, "limit": 10}):
        lost = f", lost on {row['loss_reason']}" if row["loss_reason"] else ""
        facts.append(Fact(id=row["id"], kind="Deal", text=(
            f"Deal {row['name']}: stage {row['stage']}, {_money(row['amount'])}, "
            f"close {row['expected_close']}{lost}.")))
    facts += _interactions(store.read("graphrag/account_interactions",
                                      {"account": account, "limit": 40}))
    return facts


def contact_facts(store: GraphStore, contact: str) -> list[Fact]:
    facts: list[Fact] = []
    for row in store.read("graphrag/contact_facts", {"contact": contact}):
        dnc = " (do not contact)" if row["do_not_contact"] else ""
        facts.append(Fact(id=row["id"], kind="Contact", prior=0.1, text=(
            f"{row['name']}{dnc} is {row['title']} at {row['account'] or 'no current account'}"
            f" in {row['city']}, lifecycle {row['lifecycle_stage']}.")))
    for row in store.read("strength/strongest_of_contacts", {"id": contact, "limit": 8}):
        if row["strength"] is not None:
            facts.append(Fact(id=row["id"], kind=row["label"], text=(
                f"{row['name']} knows them ({row['strength']:.0f}/100, {row['band']}).")))
    facts += _interactions(store.read("graphrag/contact_interactions",
                                      {"contact": contact, "limit": 30}))
    return facts


def deal_facts(store: GraphStore, deal: str) -> list[Fact]:
    facts: list[Fact] = []
    for row in store.read("ask/deal_facts", {"deal": deal}):
        facts.append(Fact(id=row["id"], kind="Deal", prior=0.1, text=(
            f"Deal {row['name']} with {row['account']}: stage {row['stage']}, "
            f"{_money(row['amount'])}, expected close {row['expected_close']}, "
            f"owner {row['owner']}.")))
    for row in store.read("graphrag/deal_stakeholders", {"deal": deal, "limit": 10}):
        facts.append(Fact(id=row["id"], kind="Contact", text=(
            f"{row['name']} ({row['title']}) is a {row['role']} stakeholder, influence "
            f"{row['influence']:.0f}.")))
    return facts


def member_facts(store: GraphStore, member: str) -> list[Fact]:
    facts: list[Fact] = []
    for row in store.read("strength/strongest_of_members", {"id": member, "limit": 10}):
        if row["strength"] is not None:
            facts.append(Fact(id=row["id"], kind=row["label"], text=(
                f"Knows {row['name']} ({row['title']}, {row['company']}): "
                f"{row['strength']:.0f}/100.")))
    return facts
