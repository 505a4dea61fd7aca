"""Admin routes: API keys (issue, list, revoke) and the API audit trail."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from api.audit import AuditLog, AuditPage
from api.auth.deps import PrincipalDep
from api.auth.keys import ApiKey, IssuedKey, KeyStore
from api.auth.roles import Role
from api.deps import EvidenceDep
from graph.errors import InvalidInput

keys_router = APIRouter(prefix="/v1", tags=["keys"])
audit_router = APIRouter(prefix="/v1", tags=["audit"])


class KeyCreate(BaseModel):
    role: Role
    member_id: str | None = Field(default=None, max_length=128,
                                  description="the member the key acts for (privacy rules)")
    label: str = Field(default="", max_length=200)

    model_config = {"json_schema_extra": {"examples": [
        {"role": "agent", "label": "CRM side panel"}]}}


@keys_router.post("/keys", operation_id="create_key", summary="Issue an API key",
                  status_code=201)
def create_key(body: KeyCreate, evidence: EvidenceDep, principal: PrincipalDep) -> IssuedKey:
    """The token is in this answer only; the store keeps its SHA-256."""
    return KeyStore(evidence).create(body.role, member_id=body.member_id, label=body.label,
                                     created_by=principal.key_id)


@keys_router.get("/keys", operation_id="list_keys", summary="API keys (never their tokens)")
def list_keys(evidence: EvidenceDep, include_revoked: bool = False) -> list[ApiKey]:
    return KeyStore(evidence).list(include_revoked=include_revoked)


@keys_router.post("/keys/{key_id}/revoke", operation_id="revoke_key",
                  summary="Revoke an API key", responses={404: {"description": "Unknown key"}})
def revoke_key(key_id: str, evidence: EvidenceDep) -> ApiKey:
    return KeyStore(evidence).revoke(key_id)


@audit_router.get("/audit", operation_id="list_audit", summary="The API audit trail")
def list_audit(evidence: EvidenceDep, key_id: str | None = None, route: str | None = None,
               cursor: Annotated[str | None, Query(max_length=20)] = None,
               limit: Annotated[int, Query(ge=1, le=200)] = 50) -> AuditPage:
    """Agent calls and every write, newest first, with a hash of the parameters."""
    if cursor is not None and not cursor.isdigit():
        raise InvalidInput("cursor: not a cursor from a previous page")
    before = int(cursor) if cursor is not None else None
    if before is not None and before > 2**62:
        raise InvalidInput("cursor: not a cursor from a previous page")
    return AuditLog(evidence).page(key_id=key_id, route=route, before=before, limit=limit)
