"""The personal-network rule: a member's personal ties (LinkedIn connections, social ties)
are theirs. Colleagues reach those people through intro paths ("Maya can introduce you"),
never as records or contact lists, unless the member shares their network
(Member.shares_network). Admins see everything: they run the imports that bring them in.
"""

from __future__ import annotations

from collections.abc import Iterable

from api.auth.roles import Principal
from graph.model import KnowsOrigin
from graph.store import GraphStore

PERSONAL_ORIGINS: tuple[str, ...] = (KnowsOrigin.LINKEDIN.value, KnowsOrigin.SOCIAL.value)


def privacy_params(principal: Principal) -> dict[str, object]:
    """Parameters of the queries that apply the rule (cypher/entities/contact/list)."""
    return {"viewer": principal.member_id, "see_all": principal.sees_everything,
            "personal": list(PERSONAL_ORIGINS)}


def hidden_contacts(store: GraphStore, ids: Iterable[str], principal: Principal) -> set[str]:
    """The ids among `ids` this caller may not see as records."""
    wanted = list(dict.fromkeys(ids))
    if principal.sees_everything or not wanted:
        return set()
    params = privacy_params(principal)
    rows = store.read("privacy/hidden_contacts", {"ids": wanted, "viewer": params["viewer"],
                                                  "personal": params["personal"]})
    return {str(r["id"]) for r in rows}
