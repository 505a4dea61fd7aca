"""The permission policy: one line per operation id. `authorize` (every /v1 router gets it
where api/app.py includes it) looks the matched route up here; a route missing from the
table is refused (fails closed) and tests/test_auth.py fails for it.

Routes of later issues plug in with one line each here and `dependencies=AUTH` at include.
"""

from __future__ import annotations

from fastapi import Depends, Request
from fastapi.routing import APIRoute

from api.auth.deps import PrincipalDep
from api.auth.roles import Permission as P  # noqa: N817 (the table reads better)
from api.auth.roles import Principal
from api.entities.specs import SPECS
from graph.errors import Forbidden

PUBLIC: frozenset[str] = frozenset({"health", "ready"})

def _entity_policy() -> dict[str, P]:
    """Entities: everyone with a key reads; sellers and admins write; team changes are the
    admins' (a member edits their own record: checked in api/routes/entities.py)."""
    policy: dict[str, P] = {}
    for spec in SPECS:
        policy |= {f"list_{spec.plural}": P.READ, f"get_{spec.singular}": P.READ,
                   f"create_{spec.singular}": P.WRITE, f"update_{spec.singular}": P.WRITE,
                   f"archive_{spec.singular}": P.WRITE}
    return policy | {"create_member": P.TEAM, "archive_member": P.TEAM}


POLICY: dict[str, P] = {
    **_entity_policy(),
    "get_stats": P.READ,
    "find_warm_intros": P.INTROS,
    "get_account_coverage": P.READ,
    "get_relationships": P.READ,
    "explain_relationship": P.READ,
    "stage_import": P.IMPORT,
    "get_import": P.IMPORT,
    "approve_import": P.IMPORT,
    "undo_import": P.IMPORT,
    "decide_duplicate": P.IMPORT,
    "merge_contacts": P.MERGE,
    "merge_accounts": P.MERGE,
    "create_key": P.KEYS,
    "list_keys": P.KEYS,
    "revoke_key": P.KEYS,
    "list_audit": P.AUDIT,
    "search": P.SEARCH,
    "search_evidence": P.SEARCH,
    "account_properties": P.READ,
    "contact_properties": P.READ,
    "property_clients": P.READ,
    "ask_the_graph": P.ASK,
    "get_account_health": P.READ,
    "get_deal_score": P.READ,
    "get_deal_history": P.READ,
    "get_pipeline": P.READ,
    "get_forecast": P.READ,
    "get_win_loss": P.READ,
    "get_alerts": P.READ,
    "move_deal_stage": P.WRITE,
    "change_deal_owner": P.WRITE,
    "list_account_summaries": P.READ,
    "list_account_interactions": P.READ,
    "get_account_org_chart": P.READ,
}


def permission_of(route: APIRoute) -> P | None:
    return POLICY.get(route.operation_id or "")


async def authorize(request: Request, principal: PrincipalDep) -> Principal:
    """Let the call through when the key's role has the permission its route needs."""
    route = request.scope.get("route")
    needed = permission_of(route) if isinstance(route, APIRoute) else None
    if needed is None:
        raise Forbidden("this route has no permission policy", hint="api/policy.py")
    if not principal.can(needed):
        raise Forbidden(f"a {principal.role.value} key may not {needed.value}",
                        hint="ask an admin for a key whose role can")
    return principal


AUTH = [Depends(authorize)]
