"""Intent + slots -> a parameterized template in cypher/ask/ (or a shared catalog query)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Any

from intel.ask import vocab
from intel.ask.slots import Slots


@dataclass(frozen=True)
class Query:
    """A named query and its parameters; `why` says which slots shaped it."""

    name: str
    params: dict[str, Any]
    why: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Context:
    limit: int
    today: date
    stuck_days: int


class NeedsEntity(Exception):
    """The intent needs a linked entity the question did not name (planner turns it into
    an answer that says so)."""


def _v(slots: Slots, key: str) -> str | None:
    return slots.values.get(key)


def _accounts(slots: Slots, ctx: Context) -> Query:
    owner = slots.entity("Member")
    params = {"stage": _v(slots, "account_stage"), "tier": _v(slots, "tier"),
              "industry": _v(slots, "industry"), "city": _v(slots, "city"),
              "country": _v(slots, "country"), "owner": owner.id if owner else None}
    if slots.op in ("count", "sum"):
        return Query("ask/accounts_count", params)
    return Query("ask/accounts", {**params, "limit": ctx.limit})


def _contacts(slots: Slots, ctx: Context) -> Query:
    account = slots.entity("Account")
    params = {"account": account.id if account else None, "city": _v(slots, "city"),
              "seniority": _v(slots, "seniority"), "department": _v(slots, "department"),
              "title": _v(slots, "title"), "lifecycle": _v(slots, "lifecycle")}
    # Starting from the account is an index lookup; the general query scans all contacts.
    name = "ask/account_contacts" if account else "ask/contacts"
    if slots.op in ("count", "sum"):
        return Query(f"{name}_count", params)
    return Query(name, {**params, "limit": ctx.limit})


def _works_at(slots: Slots, ctx: Context) -> Query:
    return _contacts(slots, ctx)


def _deal_filters(slots: Slots, ctx: Context) -> dict[str, Any]:
    owner, account = slots.entity("Member"), slots.entity("Account")
    window = slots.window
    stages = slots.deal_stages
    if stages is None and window is not None and window.end >= ctx.today:
        stages = vocab.OPEN  # "closing next quarter" means deals still open
    return {"stages": list(stages) if stages else None,
            "owner": owner.id if owner else None, "account": account.id if account else None,
            "min_amount": slots.min_amount, "max_amount": slots.max_amount,
            "close_from": window.start.isoformat() if window else None,
            "close_to": window.end.isoformat() if window else None}


def _deals(slots: Slots, ctx: Context) -> Query:
    params = _deal_filters(slots, ctx)
    if slots.op in ("count", "sum"):
        return Query("ask/deals_total", params)
    return Query("ask/deals", {**params, "limit": ctx.limit})


def _pipeline_stage(slots: Slots, ctx: Context) -> Query:
    owner, account = slots.entity("Member"), slots.entity("Account")
    return Query("ask/pipeline_by_stage", {
        "stages": list(slots.deal_stages or vocab.OPEN),
        "owner": owner.id if owner else None, "account": account.id if account else None})


def _pipeline_owner(slots: Slots, ctx: Context) -> Query:
    return Query("ask/pipeline_by_owner", {"stages": list(slots.deal_stages or vocab.OPEN)})


def _stuck(slots: Slots, ctx: Context) -> Query:
    days = slots.days or ctx.stuck_days
    before = datetime(ctx.today.year, ctx.today.month, ctx.today.day) - timedelta(days=days)
    owner = slots.entity("Member")
    stages = [s for s in (slots.deal_stages or vocab.OPEN) if s in vocab.OPEN] or list(vocab.OPEN)
    return Query("ask/stuck_deals", {"stages": stages, "before": before.isoformat(),
                                     "owner": owner.id if owner else None, "limit": ctx.limit},
                 [f"in the same stage for more than {days} days"])


def _properties(slots: Slots, ctx: Context) -> Query:
    params = {"status": _v(slots, "status"), "type": _v(slots, "property_type"),
              "city": _v(slots, "city"), "district": _v(slots, "district"),
              "min_price": slots.min_amount, "max_price": slots.max_amount,
              "min_bedrooms": slots.min_bedrooms}
    if slots.op in ("count", "sum") or "average" in slots.folded:
        return Query("ask/properties_count", params)
    return Query("ask/properties", {**params, "limit": ctx.limit})


def _members(slots: Slots, ctx: Context) -> Query:
    params = {"business_unit": _v(slots, "unit")}
    if slots.op in ("count", "sum"):
        return Query("ask/members_count", params)
    return Query("ask/members", {**params, "limit": ctx.limit})


def _interactions(slots: Slots, ctx: Context) -> Query:
    account = slots.entity("Account")
    window = slots.window
    since = window.start if window else date(ctx.today.year, 1, 1)
    until = (window.end if window else ctx.today) + timedelta(days=1)
    return Query("ask/interactions_count", {
        "since": f"{since.isoformat()}T00:00:00", "until": f"{until.isoformat()}T00:00:00",
        "kind": _v(slots, "interaction_kind"), "account": account.id if account else None})


def _last_interaction(slots: Slots, ctx: Context) -> Query:
    account = _need(slots, "Account")
    return Query("ask/last_interaction", {"account": account, "limit": min(ctx.limit, 10)})


def _owner(slots: Slots, ctx: Context) -> Query:
    deal = slots.entity("Deal")
    if deal is not None:
        return Query("ask/deal_owner", {"deal": deal.id})
    return Query("ask/account_owner", {"account": _need(slots, "Account")})


def _relationships(slots: Slots, ctx: Context) -> Query:
    entity = slots.entity("Contact", "Member", "Account")
    if entity is None:
        raise NeedsEntity("name a person or an account")
    top = min(ctx.limit, 10)
    if entity.kind == "Account":
        return Query("ask/account_relationships", {"account": entity.id, "limit": top})
    name = "strength/strongest_of_members" if entity.kind == "Member" else \
        "strength/strongest_of_contacts"
    return Query(name, {"id": entity.id, "limit": top})


def _facts(slots: Slots, ctx: Context) -> Query:
    deal = slots.entity("Deal")
    if deal is not None:
        return Query("ask/deal_facts", {"deal": deal.id})
    return Query("ask/account_facts", {"account": _need(slots, "Account"),
                                       "open_stages": list(vocab.OPEN)})


def _need(slots: Slots, kind: str) -> str:
    entity = slots.entity(kind)
    if entity is None:
        raise NeedsEntity(f"name the {kind.lower()} (its name, domain or id)")
    return entity.id


Builder = Callable[[Slots, Context], Query]
BUILDERS: MappingProxyType[str, Builder] = MappingProxyType({
    "accounts": _accounts, "contacts": _contacts, "works_at": _works_at, "deals": _deals,
    "pipeline_stage": _pipeline_stage, "pipeline_owner": _pipeline_owner,
    "stuck_deals": _stuck, "properties": _properties, "members": _members,
    "interactions": _interactions, "last_interaction": _last_interaction, "owner": _owner,
    "relationships": _relationships, "facts": _facts, "scores": _facts,
})
