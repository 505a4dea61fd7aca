"""Fixed phrase tables of the planner: words in questions to canonical enum values."""

from __future__ import annotations

from types import MappingProxyType

from graph.model.enums import AccountStage, AccountTier, DealStage, PropertyStatus, PropertyType

ACCOUNT_STAGES = MappingProxyType({
    "at risk": AccountStage.AT_RISK, "at-risk": AccountStage.AT_RISK,
    "prospects": AccountStage.PROSPECT, "prospect": AccountStage.PROSPECT,
    "dormant": AccountStage.DORMANT, "churned": AccountStage.CHURNED,
    "active clients": AccountStage.ACTIVE_CLIENT, "active client": AccountStage.ACTIVE_CLIENT,
    "new clients": AccountStage.NEW_CLIENT, "new client": AccountStage.NEW_CLIENT,
    "reactivated": AccountStage.REACTIVATED, "active pursuit": AccountStage.ACTIVE_PURSUIT,
    "being pursued": AccountStage.ACTIVE_PURSUIT,
})
TIERS = MappingProxyType({t.value.lower(): t for t in AccountTier})
OPEN = tuple(s.value for s in DealStage.open_stages())
DEAL_STAGES = MappingProxyType({
    "identified": ("01-IDENTIFIED",), "qualifying": ("02-QUALIFYING",),
    "qualified": ("03-QUALIFIED",), "needs analysis": ("04-NEEDS_ANALYSIS",),
    "viewing": ("05-VIEWING",), "viewings": ("05-VIEWING",), "proposal": ("06-PROPOSAL",),
    "negotiation": ("07-NEGOTIATION",), "committed": ("08-COMMITTED",),
    "closed won": ("09-CLOSED_WON",), "won": ("09-CLOSED_WON",), "win": ("09-CLOSED_WON",),
    "closed lost": ("CLOSED_LOST",), "lost": ("CLOSED_LOST",), "lose": ("CLOSED_LOST",),
    "open": OPEN, "active": OPEN, "pipeline": OPEN,
    "closed": ("09-CLOSED_WON", "CLOSED_LOST"),
})
PROPERTY_TYPES = MappingProxyType({
    **{t.value.lower(): t for t in PropertyType},
    **{t.value.lower() + "s": t for t in PropertyType},
    "flat": PropertyType.APARTMENT, "flats": PropertyType.APARTMENT,
    "houses": PropertyType.HOUSE, "offices": PropertyType.OFFICE,
    "shops": PropertyType.RETAIL, "shop": PropertyType.RETAIL, "plots": PropertyType.LAND,
})
PROPERTY_STATUS = MappingProxyType({
    "available": PropertyStatus.AVAILABLE, "for sale": PropertyStatus.AVAILABLE,
    "reserved": PropertyStatus.RESERVED, "sold": PropertyStatus.SOLD,
})
SENIORITY = MappingProxyType({
    "c-level": "C_LEVEL", "c level": "C_LEVEL", "executives": "C_LEVEL", "vps": "VP",
    "vice presidents": "VP", "directors": "DIRECTOR",
})
TITLES = MappingProxyType({
    "cfo": "chief financial officer", "ceo": "chief executive officer",
    "coo": "chief operating officer", "cio": "chief investment officer",
    "cfos": "chief financial officer", "ceos": "chief executive officer",
    "coos": "chief operating officer", "cios": "chief investment officer",
    "general counsel": "general counsel", "asset managers": "asset manager",
    "asset manager": "asset manager", "head of real estate": "head of real estate",
})
LIFECYCLE = MappingProxyType({
    "leads": "LEAD", "evangelists": "EVANGELIST", "subscribers": "SUBSCRIBER",
    "inactive contacts": "INACTIVE",
})
INTERACTION_KINDS = MappingProxyType({
    "meetings": "MEETING", "meeting": "MEETING", "calls": "CALL", "call": "CALL",
    "emails": "EMAIL", "email": "EMAIL", "messages": "MESSAGE", "notes": "NOTE",
})
TARGETS: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "Deal": ("deal", "deals", "opportunity", "opportunities", "pipeline", "closing"),
    "Property": ("property", "properties", "listing", "listings", "inventory",
                 *PROPERTY_TYPES),
    "Account": ("account", "accounts", "client", "clients", "company", "companies",
                "customers"),
    "Contact": ("contact", "contacts", "people", "person", "persons", "cfo", "cfos", "ceo",
                "ceos", "coos", "cios", "vps", "executives", "directors", "leads",
                "evangelists"),
    "Member": ("member", "members", "seller", "sellers", "team", "reps", "colleagues",
               "salespeople"),
    "Interaction": ("interaction", "interactions", "meetings", "calls", "emails", "messages",
                    "notes"),
})
